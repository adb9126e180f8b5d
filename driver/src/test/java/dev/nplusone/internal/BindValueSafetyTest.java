package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import java.io.Serializable;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bind values are the application's objects: hashing them for the value set, or printing them in an
 * example statement, must not do work of theirs we did not ask for (a {@link URL}'s host lookup)
 * nor let their failures reach the application.
 */
class BindValueSafetyTest {
  @AfterEach
  void tearDown() {
    NPlusOne.flush();
  }

  /** A URL handler that counts its hashCode calls: URL's own resolves the host name. */
  private static final class CountingHandler extends URLStreamHandler {
    final AtomicInteger hashes = new AtomicInteger();

    @Override
    protected URLConnection openConnection(URL u) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected int hashCode(URL u) {
      hashes.incrementAndGet();
      return super.hashCode(u);
    }
  }

  @Test
  void aUrlIsHashedByItsTextWithoutAskingItsHandler() throws Exception {
    CountingHandler handler = new CountingHandler();
    URL a = new URL(null, "http://db-host.invalid/a", handler);
    URL same = new URL(null, "http://db-host.invalid/a", handler);
    URL other = new URL(null, "http://db-host.invalid/b", handler);
    assertThat(BindValues.valueHash(a)).isEqualTo(BindValues.valueHash(same));
    assertThat(BindValues.valueHash(a)).isNotEqualTo(BindValues.valueHash(other));
    assertThat(BindValues.mix(7, 0, a)).isEqualTo(BindValues.mix(7, 0, same));
    assertThat(handler.hashes).hasValue(0);
  }

  /** An application type whose hashCode and toString throw. */
  static final class Hostile implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
      return o == this;
    }

    @Override
    public int hashCode() {
      throw new IllegalStateException("no hash for you");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("no text for you");
    }
  }

  @Test
  void aValueWhoseHashCodeThrowsIsHashedByIdentity() {
    Hostile h = new Hostile();
    assertThatCode(() -> BindValues.mix(1, 0, h)).doesNotThrowAnyException();
    assertThat(BindValues.mix(1, 0, h)).isEqualTo(BindValues.mix(1, 0, h));
    assertThat(BindValues.mix(1, 0, h)).isNotEqualTo(BindValues.mix(1, 0, new Hostile()));
  }

  @Test
  void exampleStatementsCutLongValuesAndSurviveToStringFailures() {
    SqlShape shape =
        SqlNormalizer.shape(
            "select * from t where a = ? and b = ? and c = ?", dev.nplusone.SqlDialect.GENERIC);
    String longText =
        "x".repeat(ScopeData.MAX_VALUE_CHARS - 1) + "\uD83D\uDE00" + "y".repeat(10_000);
    String sql = ScopeData.exampleSql(shape, new Object[] {new Hostile(), longText, 42L});
    assertThat(sql).contains("<" + Hostile.class.getName() + ">").contains("= 42");
    assertThat(sql.length()).isLessThan(ScopeData.MAX_VALUE_CHARS + 200);
    // The cut does not split the emoji's surrogate pair.
    assertThat(sql).contains("x…'").doesNotContain("\uD83D…");
  }

  @Test
  void aHostileBindValueNeverReachesTheApplicationThroughTheDriver() throws SQLException {
    Properties p = new Properties();
    p.setProperty("nplusone.mode", "silent");
    p.setProperty("nplusone.log-parameters", "true");
    p.setProperty("nplusone.call-site.include-packages", BindValueSafetyTest.class.getName());
    Scope scope = NPlusOne.scope("hostile");
    try (scope;
        Connection c = DriverManager.getConnection("jdbc:nplusone:h2:mem:hostile", p)) {
      for (int i = 0; i < 5; i++) {
        try (PreparedStatement ps = c.prepareStatement("select ?")) {
          ps.setObject(1, new Hostile());
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
    }
    // Five different objects by identity: the loop is still seen, its example printed safely.
    assertThat(scope.findings())
        .anySatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
              assertThat(f.exampleSql()).contains("<" + Hostile.class.getName() + ">");
            });
  }
}
