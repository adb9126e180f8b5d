package dev.nplusone.examples.plainjdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The schema of the database-performance pattern this project grew from: organizations, users,
 * their roles and an audit log, with foreign keys, and the foreign-key indexes on {@code
 * users.organization_id} and {@code user_roles.user_id} deliberately missing.
 */
final class Schema {
  static final String[] ROLES = {"admin", "auditor", "billing", "editor", "viewer"};

  private Schema() {}

  static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists audit_logs");
      s.execute("drop table if exists user_roles");
      s.execute("drop table if exists users");
      s.execute("drop table if exists organizations");
      s.execute(
          "create table organizations ("
              + " id bigint primary key,"
              + " name varchar(100) not null)");
      s.execute(
          "create table users ("
              + " id bigint primary key,"
              + " organization_id bigint not null references organizations(id),"
              + " email varchar(200) not null,"
              + " is_active boolean not null default false,"
              + " deleted_at timestamp,"
              + " created_at timestamp not null)");
      s.execute(
          "create table user_roles ("
              + " user_id bigint not null references users(id),"
              + " role varchar(20) not null,"
              + " primary key (role, user_id))");
      s.execute(
          "create table audit_logs ("
              + " id bigint primary key,"
              + " user_id bigint not null references users(id),"
              + " action varchar(50) not null,"
              + " created_at timestamp not null)");
      s.execute("create index audit_logs_user_id_idx on audit_logs (user_id)");
    }
  }

  /** Loads {@code users} users spread over {@code organizations} organizations, reproducibly. */
  static void load(Connection c, int organizations, int users) throws SQLException {
    Random random = new Random(42);
    Instant now = Instant.parse("2026-11-01T12:00:00Z");
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement org = c.prepareStatement("insert into organizations values (?, ?)");
        PreparedStatement user = c.prepareStatement("insert into users values (?, ?, ?, ?, ?, ?)");
        PreparedStatement role = c.prepareStatement("insert into user_roles values (?, ?)");
        PreparedStatement audit =
            c.prepareStatement("insert into audit_logs values (?, ?, ?, ?)")) {
      for (int i = 1; i <= organizations; i++) {
        org.setLong(1, i);
        org.setString(2, "Organization " + i);
        org.addBatch();
      }
      org.executeBatch();
      long auditId = 0;
      for (int i = 1; i <= users; i++) {
        Instant created = now.minus(random.nextInt(365 * 24), ChronoUnit.HOURS);
        user.setLong(1, i);
        user.setLong(2, 1 + random.nextInt(organizations));
        user.setString(3, "user" + i + "@example.com");
        user.setBoolean(4, random.nextInt(10) < 8);
        user.setTimestamp(5, random.nextInt(20) == 0 ? Timestamp.from(now) : null);
        user.setTimestamp(6, Timestamp.from(created));
        user.addBatch();
        int roles = 1 + random.nextInt(2);
        int first = random.nextInt(ROLES.length);
        for (int r = 0; r < roles; r++) {
          role.setLong(1, i);
          role.setString(2, ROLES[(first + r) % ROLES.length]);
          role.addBatch();
        }
        for (int a = 0; a < 2; a++) {
          audit.setLong(1, ++auditId);
          audit.setLong(2, i);
          audit.setString(3, a == 0 ? "login" : "update_profile");
          audit.setTimestamp(4, Timestamp.from(created.plus(a + 1, ChronoUnit.HOURS)));
          audit.addBatch();
        }
        if (i % 500 == 0) {
          user.executeBatch();
          role.executeBatch();
          audit.executeBatch();
        }
      }
      user.executeBatch();
      role.executeBatch();
      audit.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  static void createAndLoad(DataSource ds, int organizations, int users) throws SQLException {
    try (Connection c = ds.getConnection()) {
      create(c);
      load(c, organizations, users);
    }
  }
}
