package dev.migrations.benchmarks.app;

import java.lang.management.ManagementFactory;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The app every variant starts: a Spring Boot app with a DataSource and nothing else, so what differs between
 * variants is the migration tool on its classpath (the harness picks the jars) and its properties. It reports one
 * line, {@code BENCH startup_ms=... step_ms=...}, and exits once ready.
 *
 * <p>Every variant uses the database once during startup ({@link DatabaseTouch}), as a real app does, so that the
 * tool-off runs pay for starting the connection pool too.
 *
 * <p>{@code startup_ms} runs from the JVM's start to {@link ApplicationReadyEvent}; {@code step_ms} is the migration
 * step as {@link StepTimer} sees it.
 */
@SpringBootApplication
public class BenchApp {

	/** How many statements the Spring floor runs; without it there is no Spring floor. */
	static final String SPRING_FLOOR = "bench.spring-floor.migrations";

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(BenchApp.class, args);
		System.exit(SpringApplication.exit(context));
	}

	@Bean
	static StepTimer stepTimer() {
		return new StepTimer();
	}

	@Bean
	DatabaseTouch databaseTouch(org.springframework.jdbc.core.JdbcTemplate jdbcTemplate,
			ObjectProvider<SpringFloor> springFloor) {
		// The Spring floor runs first, like a tool's initializer: it pays for starting the pool, as a tool does.
		springFloor.ifAvailable((floor) -> { });
		return new DatabaseTouch(jdbcTemplate);
	}

	@Bean
	@ConditionalOnProperty(SPRING_FLOOR)
	SpringFloor springFloor(DataSource dataSource, Environment environment) {
		return new SpringFloor(dataSource, environment.getRequiredProperty(SPRING_FLOOR, Integer.class));
	}

	@Bean
	org.springframework.context.ApplicationListener<ApplicationReadyEvent> benchReport(StepTimer stepTimer) {
		return (event) -> {
			long startupMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
			System.out.println("BENCH startup_ms=" + startupMs + " step_ms=" + stepTimer.stepMillis() + " tool="
					+ stepTimer.tool() + " first_bean_ms=" + stepTimer.firstBeanMillis() + " step_alloc_kib="
					+ stepTimer.stepAllocatedKib() + " startup_alloc_kib=" + stepTimer.allocatedKib());
			System.out.flush();
		};
	}

}
