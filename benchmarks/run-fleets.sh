#!/usr/bin/env bash
# The fleet benchmark: T schema tenants x M migrations on a fresh database per run, applied by plain JDBC (floor),
# a Flyway loop over the schemas, and the starter's Fleet at each parallelism; each run in its own JVM under
# /usr/bin/time for the peak RSS. Prints one FLEET line per run and appends them to benchmarks/target/fleet-runs.txt.
# Usage: benchmarks/run-fleets.sh [--tenants 1000] [--migrations 20] [--reps 1] [--parallelism "1 2 4 8"]
# Needs a PostgreSQL on 127.0.0.1:5432 on which user postgres may CREATE DATABASE without a password.
set -euo pipefail
cd "$(dirname "$0")/.."
TENANTS=1000; MIGRATIONS=20; REPS=1; PARALLELISM="1 2 4 8"; VARIANTS="floor flyway starter"
while [ $# -gt 0 ]; do
  case "$1" in
    --tenants) TENANTS=$2; shift 2;;
    --migrations) MIGRATIONS=$2; shift 2;;
    --reps) REPS=$2; shift 2;;
    --parallelism) PARALLELISM=$2; shift 2;;
    --variants) VARIANTS=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 1;;
  esac
done
./mvnw -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
OUT=benchmarks/target/fleet-runs.txt
echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD) tenants=$TENANTS migrations=$MIGRATIONS; uptime: $(uptime)" >> "$OUT"
run() {
  local rss line
  line=$(/usr/bin/time -f "RSS_KB=%M" -o benchmarks/target/fleet-time.txt \
    java -cp "$CP" dev.migrations.benchmarks.fleet.FleetBenchmark --tenants "$TENANTS" --migrations "$MIGRATIONS" "$@" \
    | grep '^FLEET')
  rss=$(grep -o 'RSS_KB=[0-9]*' benchmarks/target/fleet-time.txt | cut -d= -f2)
  echo "$line peak_rss_mb=$((rss / 1024)) load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" | tee -a "$OUT"
}
for rep in $(seq "$REPS"); do
  for variant in $VARIANTS; do
    if [ "$variant" = starter ]; then
      for p in $PARALLELISM; do run --variant starter --parallelism "$p"; done
    else
      run --variant "$variant"
    fi
  done
done
echo "# done $(date -u +%FT%TZ); uptime: $(uptime)" >> "$OUT"
