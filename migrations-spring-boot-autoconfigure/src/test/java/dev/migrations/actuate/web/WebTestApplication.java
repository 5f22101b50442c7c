package dev.migrations.actuate.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application for the actuator tests; each test names its migration packages with
 * {@code migrations.scan-packages}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WebTestApplication {

}
