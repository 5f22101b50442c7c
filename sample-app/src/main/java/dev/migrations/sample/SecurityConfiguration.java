package dev.migrations.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Guards the actuator: health stays open for probes (its details only for the OPS role); every other actuator
 * endpoint, above all the migrations endpoint's write operations, needs HTTP Basic as a user with the OPS role
 * ({@code spring.security.user.*}). The orders API itself is left open, as it was before.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("OPS")
			.anyRequest()
			.permitAll())
			.httpBasic(Customizer.withDefaults())
			// A stateless JSON API for machines: no sessions, no cookies, so no CSRF tokens.
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
