package dev.nplusone.examples.springjpa;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads organizations, users, their roles and two audit log entries per user at startup, the same
 * every time (a fixed random seed), in one JDBC batch per table.
 */
@Component
public class SeedData implements ApplicationRunner {
  static final String[] ROLES = {"admin", "auditor", "billing", "editor", "viewer"};
  private static final Logger log = LoggerFactory.getLogger(SeedData.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final int organizations;
  private final int users;

  public SeedData(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      @Value("${example.seed.organizations:50}") int organizations,
      @Value("${example.seed.users:5000}") int users) {
    if (organizations < 1 || users < 0) {
      throw new IllegalArgumentException(
          "example.seed.organizations must be at least 1 and example.seed.users at least 0, got "
              + organizations
              + " and "
              + users);
    }
    this.jdbc = jdbc;
    this.tx = tx;
    this.organizations = organizations;
    this.users = users;
  }

  @Override
  public void run(ApplicationArguments args) {
    long start = System.nanoTime();
    tx.executeWithoutResult(s -> load());
    log.info(
        "Loaded {} organizations and {} users in {} ms",
        organizations,
        users,
        (System.nanoTime() - start) / 1_000_000);
  }

  private void load() {
    Random random = new Random(42);
    LocalDateTime now = LocalDateTime.of(2026, 11, 1, 12, 0);
    List<Object[]> orgs = new ArrayList<>();
    for (int i = 1; i <= organizations; i++) {
      orgs.add(new Object[] {i, "Organization " + i});
    }
    jdbc.batchUpdate("insert into organizations (id, name) values (?, ?)", orgs);

    List<Object[]> userRows = new ArrayList<>();
    List<Object[]> roleRows = new ArrayList<>();
    List<Object[]> auditRows = new ArrayList<>();
    long auditId = 0;
    for (int i = 1; i <= users; i++) {
      LocalDateTime created = now.minusHours(random.nextInt(365 * 24));
      userRows.add(
          new Object[] {
            i,
            1 + random.nextInt(organizations),
            "user" + i + "@example.com",
            random.nextInt(10) < 8,
            random.nextInt(20) == 0 ? Timestamp.valueOf(now) : null,
            Timestamp.valueOf(created)
          });
      int roles = 1 + random.nextInt(2);
      int first = random.nextInt(ROLES.length);
      for (int r = 0; r < roles; r++) {
        roleRows.add(new Object[] {i, ROLES[(first + r) % ROLES.length]});
      }
      for (int a = 0; a < 2; a++) {
        auditRows.add(
            new Object[] {
              ++auditId,
              i,
              a == 0 ? "login" : "update_profile",
              Timestamp.valueOf(created.plusHours(a + 1))
            });
      }
    }
    // One JDBC batch per table: a loop of batches would itself be a repeated write.
    insert(userRows, roleRows, auditRows);
  }

  private void insert(List<Object[]> userRows, List<Object[]> roleRows, List<Object[]> auditRows) {
    jdbc.batchUpdate(
        "insert into users (id, organization_id, email, is_active, deleted_at, created_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        userRows,
        new int[] {
          Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.TIMESTAMP, Types.TIMESTAMP
        });
    jdbc.batchUpdate("insert into user_roles (user_id, role) values (?, ?)", roleRows);
    jdbc.batchUpdate(
        "insert into audit_logs (id, user_id, action, created_at) values (?, ?, ?, ?)", auditRows);
  }
}
