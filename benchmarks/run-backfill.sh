#!/usr/bin/env bash
# The batched backfill on 1,000,000 rows under a concurrent writer; prints the result and writes
# benchmarks/RESULTS-backfill.md. Extra arguments go to BackfillBenchmark, e.g. --rows 200000 --batch 2000.
# Needs a PostgreSQL on 127.0.0.1:5432 on which user postgres may CREATE DATABASE without a password.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.migrations.benchmarks.backfill.BackfillBenchmark --out benchmarks/RESULTS-backfill.md "$@"
