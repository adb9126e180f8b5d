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

  /**
   * The fix nplusone suggested, run as it wrote it: {@code joinRewrite} (the users with their
   * organization LEFT JOINed; its markers are the parent's: is_active, then the limit) and {@code
   * batchRewrite} (every listed user's roles in one query, one array of ids for {@code any(?)} or
   * one marker per id for {@code in (?)}).
   */
  static List<UserView> listWithSuggestedFix(
      DataSource ds, int limit, String joinRewrite, String batchRewrite) throws SQLException {
    Map<Long, UserView> byId = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(joinRewrite)) {
        ps.setBoolean(1, true);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong("id");
            byId.put(
                id,
                new UserView(id, rs.getString("email"), rs.getString("o_name"), new ArrayList<>()));
          }
        }
      }
      Long[] ids = byId.keySet().toArray(new Long[0]);
      String sql = batchRewrite;
      boolean array = sql.contains("any(?)");
      if (!array) {
        sql = sql.replace("IN (?)", "IN (" + "?, ".repeat(Math.max(0, ids.length - 1)) + "?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (array) {
          ps.setArray(1, c.createArrayOf("bigint", ids));
        } else {
          for (int i = 0; i < ids.length; i++) {
            ps.setLong(i + 1, ids[i]);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            UserView view = byId.get(rs.getLong("user_id"));
            if (view != null) {
              view.roles().add(rs.getString("role"));
            }
          }
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** The fixed version written by hand: one query with two LEFT JOINs, grouped in Java. */
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
