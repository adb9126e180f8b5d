package dev.nplusone.examples.springjpa;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The queries of both listings. */
public interface UserRepository extends JpaRepository<User, Long> {
  /** The newest active users; organization and roles left lazy. */
  @Query(
      "select u from User u where u.active = true and u.deletedAt is null"
          + " order by u.createdAt desc, u.id")
  List<User> findNewestActive(Limit limit);

  /** The same page with each user's organization joined in. */
  @Query(
      "select u from User u join fetch u.organization"
          + " where u.active = true and u.deletedAt is null"
          + " order by u.createdAt desc, u.id")
  List<User> findNewestActiveWithOrganization(Limit limit);

  /**
   * The roles of the given users, in one query: fills the roles of the users already in the
   * persistence context. Separate from the page's query because a collection fetch cannot be
   * limited in SQL.
   */
  @Query("select distinct u from User u left join fetch u.roles where u.id in :ids")
  List<User> fetchRoles(@Param("ids") Collection<Long> ids);
}
