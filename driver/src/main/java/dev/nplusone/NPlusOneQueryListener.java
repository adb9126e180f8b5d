package dev.nplusone;

import dev.nplusone.internal.BindValues;
import dev.nplusone.internal.Config;
import dev.nplusone.internal.Detector;
import dev.nplusone.internal.Failures;
import dev.nplusone.internal.FingerprintCache;
import dev.nplusone.internal.ProxyConnection;
import dev.nplusone.internal.Recorder;
import dev.nplusone.internal.SqlShape;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;

/**
 * A datasource-proxy {@link QueryExecutionListener} that feeds nplusone's detector, for
 * applications that already build a datasource-proxy chain:
 *
 * <pre>{@code
 * DataSource ds = ProxyDataSourceBuilder.create(actual).listener(new NPlusOneQueryListener()).build();
 * }</pre>
 *
 * <p>Statements are counted in the scopes open on the executing thread (explicit scopes and the
 * implicit per-thread scope); datasource-proxy does not report commits to query listeners, so JDBC
 * transactions are not scopes of their own on this path. Statements that already run over our
 * driver or our DataSource are skipped here, so nothing is counted twice.
 */
public final class NPlusOneQueryListener implements QueryExecutionListener {
  private final Config config;
  private final Recorder recorder;
  private volatile FingerprintCache fingerprints;

  /** 0 unknown, 1 the statements are ours underneath (skip), 2 they are not. */
  private volatile int underneath;

  /**
   * A listener with the options of system properties, environment and {@code nplusone.properties}.
   */
  public NPlusOneQueryListener() {
    this(Map.of());
  }

  /**
   * A listener with {@code options} ({@code mode} → {@code throw}, say) in the place of connection
   * properties.
   *
   * @throws IllegalArgumentException naming the key and the value of a bad or unknown option
   */
  public NPlusOneQueryListener(Map<String, String> options) {
    this.config = Config.of(Objects.requireNonNull(options, "options"));
    this.recorder = config.enabled() ? Detector.recorder(config) : Recorder.NONE;
  }

  /**
   * Ends the thread's implicit scope after a quiet gap, as our own statements do; in mode throw
   * this is where a pending {@link NPlusOneException} is raised, before the statement runs.
   */
  @Override
  public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    if (config.enabled()) {
      recorder.beforeExecute(null);
    }
  }

  @Override
  public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    if (!config.enabled() || !execInfo.isSuccess() || queryInfoList.isEmpty()) {
      return;
    }
    try {
      Statement statement = execInfo.getStatement();
      if (ours(statement)) {
        return;
      }
      FingerprintCache cache = cache(statement);
      long elapsed = TimeUnit.MILLISECONDS.toNanos(execInfo.getElapsedTime());
      QueryInfo first = queryInfoList.get(0);
      SqlShape shape = cache.shape(first.getQuery());
      List<List<ParameterSetOperation>> sets = first.getParametersList();
      if (execInfo.isBatch()) {
        int size = Math.max(execInfo.getBatchSize(), Math.max(queryInfoList.size(), sets.size()));
        recorder.executed(
            null, shape, shape.literalsHash(), shape.multiValued(), null, 0, elapsed, size);
        return;
      }
      Object[] params = sets.isEmpty() ? new Object[0] : params(sets.get(0));
      long hash = shape.literalsHash();
      boolean multi = shape.multiValued();
      for (int i = 0; i < params.length; i++) {
        multi |= BindValues.isMultiValued(params[i]);
        hash = BindValues.mix(hash, i, params[i]);
      }
      recorder.executed(null, shape, hash, multi, params, params.length, elapsed, 0);
    } catch (RuntimeException e) {
      if (e instanceof NPlusOneException) {
        throw e;
      }
      Failures.log("recording a statement reported by datasource-proxy", e);
    }
  }

  private boolean ours(Statement statement) {
    int u = underneath;
    if (u == 0) {
      u = 2;
      try {
        if (statement != null && statement.getConnection().isWrapperFor(ProxyConnection.class)) {
          u = 1;
        }
      } catch (SQLException | RuntimeException e) {
        // Not answerable: count it here.
      }
      underneath = u;
    }
    return u == 1;
  }

  private FingerprintCache cache(Statement statement) {
    FingerprintCache c = fingerprints;
    if (c == null) {
      String url = null;
      try {
        url = statement == null ? null : statement.getConnection().getMetaData().getURL();
      } catch (SQLException | RuntimeException e) {
        Failures.log("reading the JDBC URL to choose the SQL dialect", e);
      }
      c = FingerprintCache.from(config, config.dialect(url));
      fingerprints = c;
    }
    return c;
  }

  private static Object[] params(List<ParameterSetOperation> ops) {
    int max = 0;
    for (ParameterSetOperation op : ops) {
      Object[] args = op.getArgs();
      if (args != null && args.length >= 2 && args[0] instanceof Integer) {
        max = Math.max(max, Math.min((Integer) args[0], 65_535));
      }
    }
    Object[] params = new Object[max];
    for (ParameterSetOperation op : ops) {
      Object[] args = op.getArgs();
      if (args == null || args.length < 2 || !(args[0] instanceof Integer)) {
        continue;
      }
      int index = (Integer) args[0];
      if (index < 1 || index > max) {
        continue;
      }
      params[index - 1] =
          ParameterSetOperation.isSetNullParameterOperation(op) ? BindValues.NULL : args[1];
    }
    return params;
  }
}
