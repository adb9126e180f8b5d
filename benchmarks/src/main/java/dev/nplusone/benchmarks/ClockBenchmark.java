package dev.nplusone.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read of {@code System.nanoTime()}: what the machine charges for each of the two clock reads
 * that time a statement with detection on. Run beside {@link JdbcOverheadBenchmark} so that a
 * budget figure can be read against the clock of the same machine in the same minutes; the cost
 * differs several-fold between machines (a virtual machine's clock source decides it), and the
 * budgets are absolute.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClockBenchmark {
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }
}
