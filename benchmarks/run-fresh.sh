#!/usr/bin/env bash
# Fresh migrated databases per test class: template copy vs migrating each time, and apply with and without
# migrations.group; prints the table and writes benchmarks/RESULTS-fresh.md. Extra arguments go to
# FreshDatabaseBenchmark, e.g. --sizes 100 --reps 3.
# Needs a PostgreSQL on 127.0.0.1:5432 on which user postgres may CREATE DATABASE without a password.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
export BENCH_COMMAND="benchmarks/run-fresh.sh${*:+ $*}"
export BENCH_GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || true)"
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.migrations.benchmarks.fresh.FreshDatabaseBenchmark --out benchmarks/RESULTS-fresh.md "$@"
