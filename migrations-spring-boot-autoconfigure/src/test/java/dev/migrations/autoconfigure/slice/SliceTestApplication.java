package dev.migrations.autoconfigure.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the test-slice tests find; its package holds one migration, {@link CreateNotes}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SliceTestApplication {

}
