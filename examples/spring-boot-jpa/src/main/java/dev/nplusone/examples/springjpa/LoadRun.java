package dev.nplusone.examples.springjpa;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import dev.nplusone.PoolStats;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The before/after load run: starts the example app on a random port of 127.0.0.1 (or uses the one
 * at {@code --url}), sends {@code --clients} concurrent clients at {@code GET /users} (the N+1) for
 * {@code --seconds}, then at {@code GET /users/fixed} for as long, and reports latency percentiles,
 * throughput, errors, the connection pool's figures and what nplusone found.
 *
 * <p>Run it with {@code mvn -q -pl examples/spring-boot-jpa -am package exec:java -DskipTests}; add
 * {@code -Dexec.args="--clients=50 --seconds=20 --spring.profiles.active=postgres"} to change it.
 * Options other than {@code --clients}, {@code --seconds}, {@code --limit} and {@code --url} go to
 * Spring Boot.
 */
public final class LoadRun {
  static final int DEFAULT_CLIENTS = 50;
  static final int DEFAULT_SECONDS = 20;
  static final int DEFAULT_LIMIT = 100;
  static final int WARMUP_REQUESTS = 20;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The figures of one endpoint's run. */
  record Phase(
      String label,
      String path,
      long requests,
      long errors,
      double seconds,
      long p50Micros,
      long p95Micros,
      long p99Micros,
      long maxMicros,
      HikariSamples hikari,
      PoolStats poolStats,
      Map<String, Long> findingsByKind,
      List<String> findingMessages) {
    double throughput() {
      return (requests - errors) / seconds;
    }

    double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  /** Hikari's active and waiting counts, sampled while one phase ran. */
  record HikariSamples(
      int maximumPoolSize,
      int maxActive,
      int maxWaiting,
      double meanActive,
      double meanWaiting,
      long samples) {}

  private record Options(int clients, int seconds, int limit, String url, String[] springArgs) {}

  /** A bad command line, for the person who typed it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private LoadRun() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs the load run; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, phases -> {});
  }

  /** Runs the load run, handing the measured phases to {@code results}; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<List<Phase>> results) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println("nplusone load run: " + e.getMessage());
      err.println(
          "usage: LoadRun [--clients=N] [--seconds=S] [--limit=L] [--url=http://127.0.0.1:8080]"
              + " [Spring Boot options such as --spring.profiles.active=postgres]");
      return 64;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String query = "?limit=" + options.limit();
    List<Phase> phases = new ArrayList<>();
    String[][] endpoints = {{"before", "/users"}, {"after", "/users/fixed"}};
    for (String[] endpoint : endpoints) {
      // A fresh app per endpoint when we start it: its pool figures and findings are its own.
      ConfigurableApplicationContext app = null;
      try {
        String base = options.url();
        DataSource dataSource = null;
        if (base == null) {
          out.println("Starting the example app on 127.0.0.1 for GET " + endpoint[1] + " …");
          try {
            app = start(options.springArgs());
          } catch (RuntimeException e) {
            err.println("nplusone load run: the app did not start: " + rootMessage(e));
            return 2;
          }
          base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
          dataSource = app.getBean(DataSource.class);
        }
        String url = base + endpoint[1] + query;
        try {
          warmUp(http, url);
        } catch (ConnectException e) {
          err.println("nplusone load run: cannot reach " + base + ": connection refused");
          return 2;
        } catch (IOException e) {
          err.println("nplusone load run: cannot reach " + base + ": " + rootMessage(e));
          return 2;
        } catch (IllegalStateException e) {
          err.println("nplusone load run: " + e.getMessage());
          return 2;
        }
        out.printf(
            Locale.ROOT,
            "Load on GET %s%s: %d clients for %d s, %d users per page …%n",
            base,
            endpoint[1] + query,
            options.clients(),
            options.seconds(),
            options.limit());
        phases.add(measure(endpoint[0], endpoint[1], http, url, options, dataSource));
      } catch (SQLException e) {
        err.println(
            "nplusone load run: the app's DataSource is not a Hikari pool: " + e.getMessage());
        return 3;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("nplusone load run: interrupted");
        return 130;
      } finally {
        if (app != null) {
          app.close();
        }
      }
    }
    print(phases, out);
    results.accept(phases);
    return phases.get(1).errors() == 0 ? 0 : 1;
  }

  private static Options parse(String[] args) throws UsageException {
    int clients = DEFAULT_CLIENTS;
    int seconds = DEFAULT_SECONDS;
    int limit = DEFAULT_LIMIT;
    String url = null;
    List<String> spring = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--clients=")) {
        clients = number(arg, 1, 1_000);
      } else if (arg.startsWith("--seconds=")) {
        seconds = number(arg, 1, 3_600);
      } else if (arg.startsWith("--limit=")) {
        limit = number(arg, 1, UserController.MAX_LIMIT);
      } else if (arg.startsWith("--url=")) {
        url = arg.substring("--url=".length());
        while (url.endsWith("/")) {
          url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
          uri = URI.create(url);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--url is not a URL: '" + url + "'");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
          throw new UsageException(
              "--url must be an http URL such as http://127.0.0.1:8080, got '" + url + "'");
        }
      } else if (arg.startsWith("--")) {
        spring.add(arg);
      } else {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
    }
    return new Options(clients, seconds, limit, url, spring.toArray(String[]::new));
  }

  private static int number(String arg, int min, int max) throws UsageException {
    String name = arg.substring(0, arg.indexOf('='));
    String value = arg.substring(arg.indexOf('=') + 1);
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }

  private static ConfigurableApplicationContext start(String[] springArgs) {
    SpringApplication app = new SpringApplication(ExampleApplication.class);
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("server.port", "0");
    defaults.put("server.address", "127.0.0.1");
    defaults.put("spring.main.banner-mode", "off");
    // One WARN per request would flood the console: the run prints a summary of the findings.
    defaults.put("logging.level.nplusone", "error");
    app.setDefaultProperties(defaults);
    return app.run(springArgs);
  }

  private static void warmUp(HttpClient http, String url) throws IOException, InterruptedException {
    for (int i = 0; i < WARMUP_REQUESTS; i++) {
      HttpResponse<Void> response = http.send(request(url), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + url + " answered " + response.statusCode() + ", expected 200");
      }
    }
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private static Phase measure(
      String label,
      String path,
      HttpClient http,
      String url,
      Options options,
      DataSource dataSource)
      throws InterruptedException, SQLException {
    boolean inProcess = dataSource != null;
    PoolSampler sampler = null;
    if (inProcess) {
      HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
      sampler = new PoolSampler(hikari.getHikariPoolMXBean(), hikari.getMaximumPoolSize());
    }
    Map<String, Long> kinds = new ConcurrentHashMap<>();
    Map<String, String> messages = new ConcurrentSkipListMap<>();
    NPlusOneListener listener =
        f -> {
          kinds.merge(f.kind().name(), 1L, Long::sum);
          messages.putIfAbsent(f.kind() + " " + f.sql(), f.message());
        };
    ExecutorService clients = Executors.newFixedThreadPool(options.clients());
    ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
    if (inProcess) {
      NPlusOne.addListener(listener);
    }
    AtomicLong errors = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(options.clients());
    long[][] latencies = new long[options.clients()][];
    long start;
    long end;
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
      for (int c = 0; c < options.clients(); c++) {
        futures.add(clients.submit(() -> client(http, url, deadline, errors, ready)));
      }
      start = System.nanoTime();
      if (sampler != null) {
        sampling.scheduleAtFixedRate(sampler, 0, 20, TimeUnit.MILLISECONDS);
      }
      for (int c = 0; c < futures.size(); c++) {
        try {
          latencies[c] = futures.get(c).get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a client failed", e.getCause());
        }
      }
      end = System.nanoTime();
    } finally {
      sampling.shutdownNow();
      clients.shutdownNow();
      if (inProcess) {
        NPlusOne.removeListener(listener);
      }
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long requests = all.length + errors.get();
    return new Phase(
        label,
        path,
        requests,
        errors.get(),
        (end - start) / 1e9,
        percentile(all, 50),
        percentile(all, 95),
        percentile(all, 99),
        all.length == 0 ? 0 : all[all.length - 1],
        sampler == null ? null : sampler.figures(),
        inProcess ? NPlusOne.poolStats(dataSource) : null,
        new LinkedHashMap<>(kinds),
        new ArrayList<>(messages.values()));
  }

  /** One client: requests one after the other until the deadline; latencies of the 200s, in µs. */
  private static long[] client(
      HttpClient http, String url, long deadline, AtomicLong errors, CountDownLatch ready) {
    ready.countDown();
    long[] latencies = new long[256];
    int n = 0;
    HttpRequest request = request(url);
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
          errors.incrementAndGet();
          continue;
        }
      } catch (IOException e) {
        errors.incrementAndGet();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = (System.nanoTime() - t0) / 1_000;
    }
    return Arrays.copyOf(latencies, n);
  }

  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Samples Hikari's active and waiting counts. */
  private static final class PoolSampler implements Runnable {
    private final HikariPoolMXBean pool;
    private final int size;
    private int maxActive;
    private int maxWaiting;
    private long sumActive;
    private long sumWaiting;
    private long samples;

    PoolSampler(HikariPoolMXBean pool, int size) {
      this.pool = pool;
      this.size = size;
    }

    @Override
    public synchronized void run() {
      int active = pool.getActiveConnections();
      int waiting = pool.getThreadsAwaitingConnection();
      maxActive = Math.max(maxActive, active);
      maxWaiting = Math.max(maxWaiting, waiting);
      sumActive += active;
      sumWaiting += waiting;
      samples++;
    }

    synchronized HikariSamples figures() {
      return new HikariSamples(
          size,
          maxActive,
          maxWaiting,
          samples == 0 ? 0 : (double) sumActive / samples,
          samples == 0 ? 0 : (double) sumWaiting / samples,
          samples);
    }
  }

  private static void print(List<Phase> phases, PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%-6s %-20s %9s %7s %8s %9s %9s %9s %9s%n",
        "",
        "endpoint",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms");
    for (Phase p : phases) {
      out.printf(
          Locale.ROOT,
          "%-6s %-20s %9d %7d %8.1f %9.1f %9.1f %9.1f %9.1f%n",
          p.label(),
          "GET " + p.path(),
          p.requests(),
          p.errors(),
          p.throughput(),
          p.p50Micros() / 1e3,
          p.p95Micros() / 1e3,
          p.p99Micros() / 1e3,
          p.maxMicros() / 1e3);
    }
    for (Phase p : phases) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%s, GET %s: error rate %.2f %%%n",
          p.label(),
          p.path(),
          100 * p.errorRate());
      if (p.poolStats() != null) {
        out.println("  " + p.poolStats().summary().replace("\n", "\n  "));
      }
      HikariSamples pool = p.hikari();
      if (pool != null) {
        out.printf(
            Locale.ROOT,
            "  Hikari, sampled every 20 ms (%d connections): active %.1f on average, %d at most;"
                + " threads waiting %.1f on average, %d at most (%d samples)%n",
            pool.maximumPoolSize(),
            pool.meanActive(),
            pool.maxActive(),
            pool.meanWaiting(),
            pool.maxWaiting(),
            pool.samples());
      }
      if (p.findingsByKind().isEmpty()) {
        out.println("  nplusone: no findings");
      } else {
        out.println("  nplusone findings by kind: " + p.findingsByKind());
        // The N+1s in full (with their suggested fix); the pool's findings by their first line.
        for (String message : p.findingMessages()) {
          String shown =
              message.startsWith("N+1") ? message : message.lines().findFirst().orElse("");
          out.println("  | " + shown.replace("\n", "\n  | "));
        }
      }
    }
  }

  /**
   * The message that says most in one line: the first SQLException's (it names the database
   * address), else the root cause's.
   */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        return firstLine(t.getMessage());
      }
      root = t;
    }
    return root.getMessage() == null
        ? root.getClass().getSimpleName()
        : firstLine(root.getMessage());
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("");
  }
}
