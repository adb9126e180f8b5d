package dev.nplusone.examples.springjpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web app on the nplusone starter: {@code GET /users} lists the newest active users
 * with an N+1, {@code GET /users/fixed} without, {@code GET /actuator/nplusone} shows what was
 * found. Run it with {@code --spring.profiles.active=postgres} for PostgreSQL.
 */
@SpringBootApplication
public class ExampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
