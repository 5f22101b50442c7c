package dev.migrations.actuate.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A real HTTP client on the test server that returns every status with its JSON body instead of throwing.
 */
final class Http {

	private final RestClient client;

	Http(int port) {
		this.client = RestClient.create("http://localhost:" + port);
	}

	Response get(String path, Object... variables) {
		return this.client.get().uri(path, variables).exchange((request, response) -> {
			byte[] body = response.getBody().readAllBytes();
			return new Response(response.getStatusCode().value(), body);
		});
	}

	Response post(String path, Map<String, ?> body) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					response.getBody().readAllBytes()));
	}

	record Response(int status, byte[] body) {

		Map<String, Object> json() {
			return Json.read(this.body, new ParameterizedTypeReference<Map<String, Object>>() {
			});
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list(String key) {
			return (List<Map<String, Object>>) json().get(key);
		}

		/**
		 * One migrator of {@code GET /actuator/migrations}: {@code contexts -> <the one context> -> migrators -> name}.
		 */
		@SuppressWarnings("unchecked")
		static Map<String, Object> migrator(Map<String, Object> json, String name) {
			Map<String, Object> contexts = (Map<String, Object>) json.get("contexts");
			Map<String, Object> context = (Map<String, Object>) contexts.values().iterator().next();
			return (Map<String, Object>) ((Map<String, Object>) context.get("migrators")).get(name);
		}

		String text() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	static final class Json {

		private static final tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper
			.builder()
			.build();

		static <T> T read(byte[] body, ParameterizedTypeReference<T> type) {
			return mapper.readValue(body, mapper.getTypeFactory().constructType(type.getType()));
		}

	}

}
