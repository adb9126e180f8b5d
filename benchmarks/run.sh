#!/usr/bin/env bash
# Builds the benchmarks uber-jar and runs the whole suite, then prints the overhead table.
#
#   benchmarks/run.sh                 short run: 1 fork, 2 x 0.5 s warmup, 3 x 0.5 s measurement (under 10 min)
#   benchmarks/run.sh --full          2 forks, 10 x 1 s warmup, 5 x 1 s measurement (~20 min)
#   benchmarks/run.sh --skip-build    reuse benchmarks/target/benchmarks.jar
#   BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh
#                                     run on another JDK (the build still uses the default one)
#   Anything after the options goes to JMH, e.g. a benchmark regex: benchmarks/run.sh pointSelect
#
#   With NPLUSONE_TEST_POSTGRES_URL set (as .ci/run sets it), the JDBC benchmarks also run against
#   that PostgreSQL database (-p target=stub,h2,postgres), unless the arguments choose targets.
#
# Writes benchmarks/results/<short|full>-jdk<N>.{json,md,log}.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) mode=full; shift ;;
    --skip-build) build=0; shift ;;
    *) break ;;
  esac
done

java_bin=java
if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then
  java_bin="$BENCH_JAVA_HOME/bin/java"
fi

if [[ $build == 1 ]]; then
  mvn -q -B -DskipTests -pl benchmarks -am package
fi

if [[ $mode == full ]]; then
  jmh_opts=(-f 2 -wi 10 -w 1s -i 5 -r 1s)
else
  jmh_opts=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
fi

feature=$("$java_bin" -XshowSettings:properties -version 2>&1 \
  | awk '/java.specification.version/ {print $3}')
out=benchmarks/results
mkdir -p "$out"
name="$mode-jdk$feature"

targets=()
if [[ -n "${NPLUSONE_TEST_POSTGRES_URL:-}" && " $* " != *"target="* ]]; then
  targets=(-p target=stub,h2,postgres)
  echo "PostgreSQL target: $NPLUSONE_TEST_POSTGRES_URL"
fi

"$java_bin" -jar benchmarks/target/benchmarks.jar "${jmh_opts[@]}" -prof gc \
  -rf json -rff "$out/$name.json" "${targets[@]}" "$@" 2>&1 | tee "$out/$name.log"

python3 benchmarks/report.py "$out/$name.json" > "$out/$name.md"
python3 benchmarks/interleaved.py "$out/$name.json" >> "$out/$name.md"
echo
cat "$out/$name.md"
