package dev.nplusone.benchmarks;

import dev.nplusone.SqlDialect;
import dev.nplusone.SqlFingerprint;
import dev.nplusone.internal.FingerprintCache;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlStatementSanitizer;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SQL normalization: nplusone's single-pass normalizer (uncached and as a cache hit) against a
 * JSqlParser parse-and-deparse that masks literals and OpenTelemetry's SQL sanitizer, on the same
 * inputs. Uncached runs rotate through 4,096 variants that differ in their literals, so no cache
 * (ours is not used; OpenTelemetry keeps one of its own) can answer.
 *
 * <p>The heap is fixed and touched before the run ({@code -XX:+AlwaysPreTouch}), and warm-up is ten
 * seconds: without them, the first seconds of a fork allocate into memory the operating system has
 * not mapped yet, and the page faults (on this project's two-core guests) doubled the time of an
 * uncached normalization until the heap had been used once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class FingerprintBenchmark {
  private static final int VARIANTS = 4096;

  /** The input: a short point-select, a 1 KB Hibernate select, a 10 KB statement. */
  @Param({"point", "hibernate1k", "big10k"})
  public String input;

  private String[] variants;
  private String fixed;
  private int next;
  private FingerprintCache cache;
  private SqlStatementSanitizer otel;

  static String statement(String input, int n) {
    switch (input) {
      case "point":
        return "select name from organizations where id = " + n;
      case "hibernate1k":
        return hibernate(n);
      case "big10k":
        StringBuilder b = new StringBuilder("select ");
        for (int i = 0; b.length() < 10_000; i++) {
          b.append(i == 0 ? "" : ", ")
              .append("coalesce(t.col_")
              .append(i)
              .append(", ")
              .append(n + i)
              .append(")");
        }
        return b.append(" from big_table t where t.id = ")
            .append(n)
            .append(" and t.name = 'x")
            .append(n)
            .append("'")
            .toString();
      default:
        throw new IllegalArgumentException(input);
    }
  }

  private static String hibernate(int n) {
    StringBuilder b = new StringBuilder("/* load com.acme.Order */ select ");
    String[] cols = {
      "id",
      "created_at",
      "customer_id",
      "status",
      "total",
      "currency",
      "note",
      "updated_at",
      "version"
    };
    for (int i = 0; i < cols.length; i++) {
      b.append(i == 0 ? "" : ",").append("o1_0.").append(cols[i]);
    }
    for (int i = 0; i < cols.length; i++) {
      b.append(",c1_0.").append(cols[i]);
    }
    b.append(" from orders o1_0 left join customers c1_0 on c1_0.id=o1_0.customer_id")
        .append(" left join order_lines l1_0 on l1_0.order_id=o1_0.id")
        .append(" where o1_0.status in ('OPEN','PAID','SHIPPED') and o1_0.total>")
        .append(n)
        .append(" and o1_0.created_at between '2024-01-01' and '2024-12-31'")
        .append(" and c1_0.id=")
        .append(n)
        .append(" order by o1_0.created_at desc,o1_0.id offset 20 rows fetch first 10 rows only");
    // Realistic filler up to about 1 KB: more predicates, as generated search screens write them.
    for (int k = 0; b.length() < 1000; k++) {
      b.insert(b.indexOf(" order by"), " and o1_0.version<>" + (k + n % 7));
    }
    return b.toString();
  }

  @Setup
  public void setUp() {
    variants = new String[VARIANTS];
    for (int i = 0; i < VARIANTS; i++) {
      variants[i] = statement(input, 1000 + i);
    }
    fixed = variants[0];
    cache = new FingerprintCache(SqlDialect.POSTGRESQL, 4_000_000, 32_768);
    cache.shape(fixed);
    otel = SqlStatementSanitizer.create(true);
  }

  private String nextVariant() {
    return variants[next++ & (VARIANTS - 1)];
  }

  @Benchmark
  public String nplusoneUncached() {
    return SqlFingerprint.normalize(nextVariant(), SqlDialect.POSTGRESQL);
  }

  @Benchmark
  public Object nplusoneCacheHit() {
    return cache.shape(fixed);
  }

  @Benchmark
  public String openTelemetrySanitizer() {
    return otel.sanitize(nextVariant()).getFullStatement();
  }

  @Benchmark
  public String jsqlParser() throws JSQLParserException {
    return JsqlNormalizer.normalize(nextVariant());
  }

  /** Literals → ? through JSqlParser: parse, deparse with literal values masked. */
  static final class JsqlNormalizer {
    static String normalize(String sql) throws JSQLParserException {
      // Parse on the calling thread: CCJSqlParserUtil.parse(String) hands each parse to an
      // executor for its timeout, which would charge a thread hand-off to JSqlParser here.
      Statement st;
      try {
        st = CCJSqlParserUtil.newParser(sql).Statement();
      } catch (net.sf.jsqlparser.parser.ParseException e) {
        throw new JSQLParserException(e);
      }
      StringBuilder out = new StringBuilder(sql.length());
      ExpressionDeParser expressions =
          new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(LongValue v, S context) {
              return builder.append('?');
            }

            @Override
            public <S> StringBuilder visit(DoubleValue v, S context) {
              return builder.append('?');
            }

            @Override
            public <S> StringBuilder visit(StringValue v, S context) {
              return builder.append('?');
            }

            @Override
            public <S> StringBuilder visit(HexValue v, S context) {
              return builder.append('?');
            }

            @Override
            public <S> StringBuilder visit(DateTimeLiteralExpression v, S context) {
              return builder.append('?');
            }
          };
      SelectDeParser select = new SelectDeParser(expressions, out);
      expressions.setSelectVisitor(select);
      expressions.setBuilder(out);
      StatementDeParser statements = new StatementDeParser(expressions, select, out);
      st.accept(statements);
      return out.toString();
    }
  }
}
