package dev.migrations.sample.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and their orders, on the tables the migrations create.
 */
@RestController
class OrdersController {

	private final JdbcClient jdbc;

	OrdersController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@PostMapping("/users")
	ResponseEntity<User> createUser(@RequestBody NewUser user) {
		User created = this.jdbc.sql("INSERT INTO users (email, name) VALUES (:email, :name) RETURNING id, email, name")
			.param("email", user.email())
			.param("name", user.name())
			.query(User.class)
			.single();
		return ResponseEntity.created(URI.create("/users/" + created.id())).body(created);
	}

	@GetMapping("/users")
	List<User> users() {
		return this.jdbc.sql("SELECT id, email, name FROM users ORDER BY id").query(User.class).list();
	}

	@PostMapping("/users/{userId}/orders")
	ResponseEntity<Order> createOrder(@PathVariable long userId, @RequestBody NewOrder order) {
		Order created = this.jdbc
			.sql("INSERT INTO orders (user_id, total) VALUES (:userId, :total) "
					+ "RETURNING id, user_id, status, total, refund_reason")
			.param("userId", userId)
			.param("total", order.total())
			.query(Order.class)
			.single();
		return ResponseEntity.created(URI.create("/orders/" + created.id())).body(created);
	}

	@GetMapping("/users/{userId}/orders")
	List<Order> orders(@PathVariable long userId) {
		return this.jdbc
			.sql("SELECT id, user_id, status, total, refund_reason FROM orders WHERE user_id = :userId ORDER BY id")
			.param("userId", userId)
			.query(Order.class)
			.list();
	}

	record NewUser(String email, String name) {
	}

	record User(long id, String email, String name) {
	}

	record NewOrder(BigDecimal total) {
	}

	record Order(long id, long userId, String status, BigDecimal total, @Nullable String refundReason) {
	}

}
