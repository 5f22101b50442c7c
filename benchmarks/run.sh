#!/usr/bin/env bash
# Builds the benchmarks module (and what it needs) and runs the harness: every variant, N = 100 and 1000,
# 1 warm-up + 5 measured repetitions, against PostgreSQL on 127.0.0.1:5432 as user postgres.
# Prints the tables and writes benchmarks/RESULTS.md. Extra arguments go to the harness, e.g.
#   benchmarks/run.sh --reps 3 --sizes 100
# Needs: a JDK 17+, GNU time at /usr/bin/time (apt-get install time), a PostgreSQL the user can CREATE DATABASE on.
# MVN_ARGS adds Maven flags (e.g. MVN_ARGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ] || [[ "$(/usr/bin/time -v true 2>&1)" != *"Maximum resident set size"* ]]; then
  echo "benchmarks/run.sh: GNU time is needed at /usr/bin/time for peak RSS; install it (apt-get install time)" >&2
  exit 2
fi
./mvnw -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
export BENCH_COMMAND="benchmarks/run.sh${*:+ $*}"
export BENCH_GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || true)"
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.migrations.benchmarks.harness.Harness "$@"
