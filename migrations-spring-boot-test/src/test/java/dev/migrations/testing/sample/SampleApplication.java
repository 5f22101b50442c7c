package dev.migrations.testing.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the {@code @MigratedDatabase} tests find; its package holds two migrations and a JPA entity.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SampleApplication {

}
