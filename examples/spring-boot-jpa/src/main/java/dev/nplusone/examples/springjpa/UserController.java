package dev.nplusone.examples.springjpa;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The listing, with its N+1 ({@code GET /users}) and fixed ({@code GET /users/fixed}). */
@RestController
public class UserController {
  static final int MAX_LIMIT = 1_000;

  private final UserDirectory directory;

  public UserController(UserDirectory directory) {
    this.directory = directory;
  }

  /** The newest active users, loaded with an N+1. */
  @GetMapping("/users")
  public List<UserView> users(@RequestParam(name = "limit", defaultValue = "100") int limit) {
    return directory.listWithNPlusOne(checked(limit));
  }

  /** The same listing in two queries. */
  @GetMapping("/users/fixed")
  public List<UserView> usersFixed(@RequestParam(name = "limit", defaultValue = "100") int limit) {
    return directory.listFixed(checked(limit));
  }

  private static int checked(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }
}
