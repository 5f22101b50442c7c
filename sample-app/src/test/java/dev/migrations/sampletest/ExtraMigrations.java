package dev.migrations.sampletest;

import dev.migrations.core.Migration;
import dev.migrations.schema.QueryInterface;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Migrations that only the actuator test adds to the sample app, outside its scanned package so that the other tests
 * see the sample as it is: one that is pending and a non-transactional one that failed. {@link LegacyAuditLog} is no
 * bean: the test applies it beforehand, and the app then reports it as missing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ExtraMigrations {

	public static final String LEGACY = "20260415000000_create_audit_log";

	public static final String BACKFILL = "20260503000000_backfill_order_totals";

	public static final String NOTES = "20260504000000_add_order_notes";

	@Bean
	BackfillOrderTotals backfillOrderTotals() {
		return new BackfillOrderTotals();
	}

	@Bean
	AddOrderNotes addOrderNotes() {
		return new AddOrderNotes();
	}

	/** Applied by an older release, no longer in the code. */
	public static class LegacyAuditLog implements Migration {

		@Override
		public String id() {
			return LEGACY;
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("CREATE TABLE audit_log (id bigint)");
		}

	}

	/** Non-transactional, fails midway. */
	public static class BackfillOrderTotals implements Migration {

		@Override
		public String id() {
			return BACKFILL;
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("CREATE TABLE order_totals (user_id bigint)");
			q.sql("INSERT INTO order_totals SELECT 1 / 0");
		}

		@Override
		public boolean transactional() {
			return false;
		}

	}

	/** Pending. */
	public static class AddOrderNotes implements Migration {

		@Override
		public String id() {
			return NOTES;
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("ALTER TABLE orders ADD COLUMN notes text");
		}

		@Override
		public void down(QueryInterface q) {
			q.sql("ALTER TABLE orders DROP COLUMN notes");
		}

	}

}
