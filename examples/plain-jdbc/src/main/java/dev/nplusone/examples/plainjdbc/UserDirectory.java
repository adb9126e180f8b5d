package dev.nplusone.examples.plainjdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** "List the newest active users with their organization and roles", written twice. */
final class UserDirectory {
  /** One line of the listing. */
  record UserView(long id, String email, String organization, List<String> roles) {}

  private UserDirectory() {}

  /** The N+1 version: one query for the users, then two more per user. */
  static List<UserView> listWithNPlusOne(DataSource ds, int limit) throws SQLException {
    List<UserView> result = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement users =
            c.prepareStatement(
                "select id, email, organization_id from users"
                    + " where is_active = true and deleted_at is null"
                    + " order by created_at desc, id limit ?")) {
      users.setInt(1, limit);
      try (ResultSet rs = users.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          result.add(
              new UserView(
                  id,
                  rs.getString("email"),
                  organizationName(c, rs.getLong("organization_id")),
                  roles(c, id)));
        }
      }
    }
    return result;
  }

  private static String organizationName(Connection c, long organizationId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select id, name from organizations where id = ?")) {
      ps.setLong(1, organizationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  private static List<String> roles(Connection c, long userId) throws SQLException {
    List<String> roles = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("select role from user_roles where user_id = ? order by role")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          roles.add(rs.getString(1));
        }
      }
    }
    return roles;
  }

  /** The fixed version: one query with two LEFT JOINs, grouped in Java. */
  static List<UserView> listWithJoin(DataSource ds, int limit) throws SQLException {
    Map<Long, UserView> byId = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select u.id, u.email, o.name, r.role"
                    + " from (select id, email, organization_id, created_at from users"
                    + "       where is_active = true and deleted_at is null"
                    + "       order by created_at desc, id limit ?) u"
                    + " left join organizations o on o.id = u.organization_id"
                    + " left join user_roles r on r.user_id = u.id"
                    + " order by u.created_at desc, u.id, r.role")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          UserView view =
              byId.computeIfAbsent(
                  id, k -> new UserView(k, string(rs, 2), string(rs, 3), new ArrayList<>()));
          String role = rs.getString(4);
          if (role != null) {
            view.roles().add(role);
          }
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static String string(ResultSet rs, int column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
