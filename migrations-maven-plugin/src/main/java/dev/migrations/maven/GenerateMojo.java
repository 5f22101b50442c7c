package dev.migrations.maven;

import java.io.File;
import java.time.Clock;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn migrations:generate -Dname=add-phone-to-users [-Dtype=seeder] [-Dpackage=com.example.db]}: writes a new
 * migration (or seeder) class with the current UTC timestamp id into the package where the project keeps them. See
 * {@link MigrationGenerator}.
 */
@Mojo(name = "generate", requiresProject = true, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

	/** What the change does, e.g. {@code add-phone-to-users}: the id suffix and, in PascalCase, the class name. */
	@Parameter(property = "name", required = true)
	private String name;

	/** {@code migration} (default) or {@code seeder}. */
	@Parameter(property = "type", defaultValue = "migration")
	private String type;

	/**
	 * The package to write into. By default the package of the newest existing migration (or seeder) in the sources.
	 */
	@Parameter(property = "package", alias = "package")
	private String packageName;

	/** The Java sources to scan and write into. */
	@Parameter(property = "migrations.sourceDirectory", defaultValue = "${project.build.sourceDirectory}")
	private File sourceDirectory;

	@Override
	public void execute() throws MojoFailureException {
		try {
			MigrationGenerator.Generated generated = new MigrationGenerator(this.sourceDirectory.toPath(),
					Clock.systemUTC())
				.generate(this.name, MigrationGenerator.Type.of(this.type), this.packageName);
			getLog().info("Created " + this.type + " " + generated.id() + ": " + generated.file());
		}
		catch (MigrationGenerator.GeneratorException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
	}

}
