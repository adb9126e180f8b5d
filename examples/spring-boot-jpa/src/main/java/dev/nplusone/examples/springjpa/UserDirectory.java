package dev.nplusone.examples.springjpa;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** "List the newest active users with their organization and roles", written twice. */
@Service
public class UserDirectory {
  private final UserRepository users;

  public UserDirectory(UserRepository users) {
    this.users = users;
  }

  /**
   * The N+1: one query for the page, then, lazily while the views are built, one per distinct
   * organization and one per user for its roles.
   */
  @Transactional(readOnly = true)
  public List<UserView> listWithNPlusOne(int limit) {
    List<UserView> views = new ArrayList<>();
    for (User u : users.findNewestActive(Limit.of(limit))) {
      views.add(view(u));
    }
    return views;
  }

  /**
   * The fix: the page with its organizations joined in, then the roles of the whole page in one
   * more query. Two queries whatever the page size.
   */
  @Transactional(readOnly = true)
  public List<UserView> listFixed(int limit) {
    List<User> page = users.findNewestActiveWithOrganization(Limit.of(limit));
    if (!page.isEmpty()) {
      users.fetchRoles(page.stream().map(User::getId).toList());
    }
    List<UserView> views = new ArrayList<>();
    for (User u : page) {
      views.add(view(u));
    }
    return views;
  }

  private static UserView view(User u) {
    return new UserView(
        u.getId(),
        u.getEmail(),
        u.getOrganization().getName(), // lazy: a query per organization unless fetched
        u.getRoles().stream().sorted().toList()); // lazy: a query per user unless fetched
  }
}
