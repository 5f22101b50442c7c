package dev.migrations.safety;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of safety checks that run on every pending migration before anything is applied. Each check has a
 * stable id, used in messages, in {@link Acknowledge @Acknowledge} and in the migration history.
 */
public enum SafetyCheck {

	/** {@code CREATE INDEX} without {@code CONCURRENTLY} on an existing table. */
	ADD_INDEX_NON_CONCURRENTLY("add-index-non-concurrently", Severity.ERROR,
			"CREATE INDEX without CONCURRENTLY on an existing table",
			"blocks every write to the table for as long as the index takes to build"),

	/** {@code CREATE/DROP INDEX CONCURRENTLY} or {@code REINDEX CONCURRENTLY} inside a transaction. */
	CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Severity.ERROR,
			"a CONCURRENTLY operation in a transactional migration or in a multi-statement call",
			"PostgreSQL refuses to run it inside a transaction block, so the migration fails"),

	/** {@code DROP INDEX} without {@code CONCURRENTLY}. */
	DROP_INDEX_NON_CONCURRENTLY("drop-index-non-concurrently", Severity.ERROR, "DROP INDEX without CONCURRENTLY",
			"takes an ACCESS EXCLUSIVE lock on the index's table, and waits behind every query on it while blocking "
					+ "all those that come after"),

	/** {@code REINDEX} without {@code CONCURRENTLY}. */
	REINDEX_NON_CONCURRENTLY("reindex-non-concurrently", Severity.ERROR, "REINDEX without CONCURRENTLY",
			"blocks writes to the table, and reads that would use the index, for the whole rebuild"),

	/** A foreign key added to an existing table without {@code NOT VALID}. */
	ADD_FOREIGN_KEY_VALIDATED("add-foreign-key-validated", Severity.ERROR,
			"a foreign key added to an existing table without NOT VALID",
			"checks every existing row while blocking writes to both tables"),

	/** A check constraint added to an existing table without {@code NOT VALID}. */
	ADD_CHECK_CONSTRAINT_VALIDATED("add-check-constraint-validated", Severity.ERROR,
			"a CHECK constraint added to an existing table without NOT VALID",
			"checks every existing row while holding an ACCESS EXCLUSIVE lock, blocking reads and writes"),

	/** {@code VALIDATE CONSTRAINT} in the transaction that added the constraint or otherwise locked the table. */
	VALIDATE_IN_SAME_TRANSACTION("validate-in-same-transaction", Severity.ERROR,
			"VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT or another ALTER TABLE of the table",
			"the strong lock taken earlier in the transaction is held during the whole validation scan, which "
					+ "undoes the point of NOT VALID"),

	/** A {@code UNIQUE} constraint added to an existing table without an index built beforehand. */
	ADD_UNIQUE_CONSTRAINT("add-unique-constraint", Severity.ERROR,
			"a UNIQUE constraint added to an existing table without USING INDEX",
			"builds the unique index while holding an ACCESS EXCLUSIVE lock, blocking reads and writes"),

	/** A {@code PRIMARY KEY} added to an existing table without an index built beforehand. */
	ADD_PRIMARY_KEY("add-primary-key", Severity.ERROR,
			"a PRIMARY KEY added to an existing table without USING INDEX",
			"builds the unique index (and checks NOT NULL) while holding an ACCESS EXCLUSIVE lock"),

	/** An exclusion constraint added to an existing table. */
	ADD_EXCLUSION_CONSTRAINT("add-exclusion-constraint", Severity.ERROR,
			"an EXCLUDE constraint added to an existing table",
			"builds its index and checks every row while holding an ACCESS EXCLUSIVE lock; it has no NOT VALID form"),

	/** {@code SET NOT NULL} on an existing column without a validated {@code CHECK (column IS NOT NULL)}. */
	SET_NOT_NULL("set-not-null", Severity.ERROR, "SET NOT NULL without a validated CHECK (column IS NOT NULL)",
			"scans the whole table while holding an ACCESS EXCLUSIVE lock, blocking reads and writes"),

	/** A {@code NOT NULL} column without a default added to an existing table. */
	ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT("add-not-null-column-without-default", Severity.ERROR,
			"a NOT NULL column without a default added to an existing table",
			"fails on any table that has rows, since every existing row would be NULL"),

	/** A column with a volatile default added to an existing table. */
	ADD_VOLATILE_DEFAULT("add-volatile-default", Severity.ERROR,
			"a column with a volatile default (random(), gen_random_uuid(), clock_timestamp(), ...) added to an "
					+ "existing table",
			"rewrites the whole table under an ACCESS EXCLUSIVE lock to compute the default for every row"),

	/** A stored generated column added to an existing table. */
	ADD_STORED_GENERATED_COLUMN("add-stored-generated-column", Severity.ERROR,
			"a GENERATED ALWAYS AS (...) STORED column added to an existing table",
			"rewrites the whole table under an ACCESS EXCLUSIVE lock to compute the column for every row"),

	/** A serial or identity column added to an existing table. */
	ADD_SERIAL_COLUMN("add-serial-column", Severity.ERROR,
			"a serial, bigserial or identity column added to an existing table",
			"rewrites the whole table under an ACCESS EXCLUSIVE lock to number every row"),

	/** A column type change that rewrites the table. */
	CHANGE_COLUMN_TYPE("change-column-type", Severity.ERROR,
			"ALTER COLUMN ... TYPE that rewrites the table (or that cannot be shown not to)",
			"rewrites the whole table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and "
					+ "writes"),

	/** A column of an existing table renamed. */
	RENAME_COLUMN("rename-column", Severity.ERROR, "RENAME COLUMN on an existing table",
			"the running application still uses the old name and fails until the new code is deployed"),

	/** An existing table renamed. */
	RENAME_TABLE("rename-table", Severity.ERROR, "RENAME TO on an existing table",
			"the running application still uses the old name and fails until the new code is deployed"),

	/** A column of an existing table dropped. */
	DROP_COLUMN("drop-column", Severity.ERROR, "DROP COLUMN on an existing table",
			"the running application (and ORM mappings that select every column) fail if they still use it, and the "
					+ "data is gone"),

	/** An existing table dropped. */
	DROP_TABLE("drop-table", Severity.ERROR, "DROP TABLE of an existing table",
			"the running application fails if it still uses the table, and the data is gone"),

	/** An enum value added and used in the same transaction. */
	ADD_ENUM_VALUE_USED_IN_TRANSACTION("add-enum-value-used-in-transaction", Severity.ERROR,
			"ALTER TYPE ... ADD VALUE followed by a use of the new value in the same transaction",
			"PostgreSQL refuses to use a new enum value before the transaction that added it commits"),

	/** An enum value renamed. */
	RENAME_ENUM_VALUE("rename-enum-value", Severity.ERROR, "ALTER TYPE ... RENAME VALUE",
			"the running application still reads and writes the old label and fails until the new code is deployed"),

	/** A {@code json} column instead of {@code jsonb}. */
	JSON_COLUMN("json-column", Severity.WARNING, "a json column (not jsonb) on an existing table",
			"json has no equality operator, so SELECT DISTINCT, GROUP BY and UNION on the table fail, and it is "
					+ "reparsed on every access"),

	/** {@code UPDATE} of an existing table without {@code WHERE}. */
	UPDATE_WITHOUT_WHERE("update-without-where", Severity.ERROR, "UPDATE without WHERE on an existing table",
			"rewrites every row in one transaction, locking them all against concurrent writes until it ends"),

	/** {@code DELETE} from an existing table without {@code WHERE}. */
	DELETE_WITHOUT_WHERE("delete-without-where", Severity.ERROR, "DELETE without WHERE on an existing table",
			"removes every row in one transaction, locking them all against concurrent writes until it ends"),

	/** {@code VACUUM FULL} of an existing table, or of the whole database. */
	VACUUM_FULL("vacuum-full", Severity.ERROR, "VACUUM FULL of an existing table (or of every table)",
			"rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until the copy is "
					+ "written"),

	/** {@code CLUSTER} of an existing table, or of every clustered table. */
	CLUSTER_TABLE("cluster-table", Severity.ERROR, "CLUSTER of an existing table (or of every clustered table)",
			"rewrites the whole table in index order under an ACCESS EXCLUSIVE lock, blocking reads and writes"),

	/** {@code ALTER TABLE ... SET LOGGED} or {@code SET UNLOGGED} on an existing table. */
	SET_LOGGED_UNLOGGED("set-logged-unlogged", Severity.ERROR,
			"ALTER TABLE ... SET LOGGED or SET UNLOGGED on an existing table",
			"rewrites the whole table under an ACCESS EXCLUSIVE lock; an unlogged table is emptied after a crash and "
					+ "is not replicated"),

	/** {@code TRUNCATE} of an existing table. */
	TRUNCATE_TABLE("truncate-table", Severity.ERROR, "TRUNCATE of an existing table",
			"removes every row under an ACCESS EXCLUSIVE lock held until the transaction ends; running code finds the "
					+ "table empty"),

	/** {@code LOCK TABLE} in a mode that blocks writes. */
	LOCK_TABLE("lock-table", Severity.ERROR,
			"LOCK TABLE of an existing table in SHARE mode or stronger (ACCESS EXCLUSIVE when no mode is given)",
			"blocks writes (or reads and writes) to the table until the transaction ends, queueing every query "
					+ "behind it"),

	/** A data change in the same transaction as DDL on existing tables. */
	BACKFILL_IN_DDL_TRANSACTION("backfill-in-ddl-transaction", Severity.ERROR,
			"UPDATE or DELETE of an existing table in a transactional migration that also changes the schema of an "
					+ "existing table",
			"the DDL's locks are held for as long as the data change runs, so the tables stay blocked for the whole "
					+ "backfill"),

	/** MariaDB/MySQL: a column type change ({@code MODIFY}/{@code CHANGE}) that copies the table. */
	MYSQL_COLUMN_TYPE_COPY("mysql-column-type-copy", Severity.ERROR,
			"MODIFY or CHANGE of a column of an existing MariaDB/MySQL table without ALGORITHM=INSTANT or INPLACE",
			"most type changes copy the whole table (ALGORITHM=COPY) and block every write to it for the copy"),

	/** MariaDB/MySQL: a {@code NOT NULL} column without a default added to an existing table. */
	MYSQL_NOT_NULL_WITHOUT_DEFAULT("mysql-not-null-without-default", Severity.ERROR,
			"a NOT NULL column without DEFAULT added to an existing MariaDB/MySQL table",
			"older servers copy the table to add it, and current ones fill existing rows with an implicit 0 or '' "
					+ "that the application never wrote"),

	/** MariaDB/MySQL: a foreign key added to an existing table. */
	MYSQL_FOREIGN_KEY_WITHOUT_INDEX("mysql-foreign-key-without-index", Severity.ERROR,
			"a foreign key added to an existing MariaDB/MySQL table without an index of its columns built first",
			"with foreign_key_checks on, InnoDB copies the table to add it (and builds the missing index in the copy), "
					+ "blocking writes for the whole copy"),

	/** MariaDB/MySQL: an index built on an existing table without {@code LOCK=NONE}. */
	MYSQL_INDEX_WITHOUT_LOCK_NONE("mysql-index-without-lock-none", Severity.ERROR,
			"CREATE INDEX or ADD INDEX on an existing MariaDB/MySQL table without ALGORITHM=INPLACE, LOCK=NONE",
			"the server may pick a table copy or a shared lock and block writes for the whole build");

	private final String id;

	private final Severity severity;

	private final String catches;

	private final String danger;

	SafetyCheck(String id, Severity severity, String catches, String danger) {
		this.id = id;
		this.severity = severity;
		this.catches = catches;
		this.danger = danger;
	}

	/** The stable id, e.g. {@code add-index-non-concurrently}. */
	public String id() {
		return this.id;
	}

	/** How bad a finding of this check is. */
	public Severity severity() {
		return this.severity;
	}

	/** What the check catches, in a line. */
	public String catches() {
		return this.catches;
	}

	/** Why it is dangerous, in a sentence. */
	public String danger() {
		return this.danger;
	}

	/** The check with this id (case-insensitive), if any. */
	public static Optional<SafetyCheck> byId(String id) {
		String wanted = id.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((check) -> check.id.equals(wanted)).findFirst();
	}

	/** Every check id, in catalogue order. */
	public static List<String> ids() {
		return Arrays.stream(values()).map(SafetyCheck::id).toList();
	}

	@Override
	public String toString() {
		return this.id;
	}

}
