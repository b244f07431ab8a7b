#!/usr/bin/env bash
# bench/run.sh — the returns flow against the raw engine, in one run (docs/benchmarks.md).
#   bench/run.sh --quick      smoke run, at most 3 minutes (what CI runs)
#   bench/run.sh              full measurement (3 pairs)
#   bench/run.sh --jfr ...    also records a JFR profile to target/bench/bench.jfr
#   bench/run.sh --engine stack [...]   on the local stack's Camunda 8.6 broker instead of the in-memory
#                             engine (deploy/local/stack up --without-app first); its figures go to their own section
# Other options go to the driver: --pairs N, --max-seconds S, --half-seconds S, --warmup-seconds S,
# --in-flight N, --no-output, --note TEXT, --app.<property>=<value> (an application property, to try a setting).
# The last line is: ratio=<b/a> p99_label_ms=<x> intake_p99_ms=<y> sql_per_case=<z>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. tools/jdk.sh
pick_jdk
command -v mvn >/dev/null || { echo "Maven is required (Debian: apt-get install maven)" >&2; exit 2; }

JVM_OPTS=(-Xms1g -Xmx6g -XX:+UseG1GC -Dbasedir="$ROOT" -Dlogback.configurationFile="$ROOT/bench/logback-bench.xml")
ARGS=()
ENGINE=zpt
previous=""
for arg in "$@"; do
  case "$arg" in
    --jfr) JVM_OPTS+=("-XX:StartFlightRecording=filename=$ROOT/target/bench/bench.jfr,settings=profile,dumponexit=true") ;;
    *) ARGS+=("$arg") ;;
  esac
  [ "$previous" = "--engine" ] && ENGINE="$arg"
  previous="$arg"
done

# The stack must run without its application, whose workers would take the product's jobs.
# Same port variables as deploy/local/stack.
if [ "$ENGINE" = stack ]; then
  up() { curl -sf --max-time 5 "$1" 2>/dev/null | tr -d ' ' | grep -q "$2"; }
  up "http://localhost:${ZEEBE_REST_PORT:-8080}/v2/topology" '"role":"leader","health":"healthy"' \
    || { echo "bench: --engine stack needs the local stack's broker, which does not answer on port ${ZEEBE_REST_PORT:-8080}: start it with deploy/local/stack up --without-app" >&2; exit 2; }
  up "http://localhost:${OPENSEARCH_PORT:-9200}/_cluster/health" '"status":"\(green\|yellow\)"' \
    || { echo "bench: --engine stack reads the broker's records from the stack's OpenSearch, which does not answer on port ${OPENSEARCH_PORT:-9200}: start the stack with deploy/local/stack up --without-app" >&2; exit 2; }
  ! curl -sf --max-time 5 "http://localhost:${APP_PORT:-8090}/actuator/health" >/dev/null 2>&1 \
    || { echo "bench: the stack's application runs (port ${APP_PORT:-8090}) and its workers would take the benchmark's jobs: deploy/local/stack down, then deploy/local/stack up --without-app" >&2; exit 2; }
fi

mkdir -p target/bench
echo "[bench] building (mvn -Pbench test-compile) with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
mvn -B -ntp -q -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test >target/bench/build.log 2>&1 \
  || { cat target/bench/build.log >&2; exit 2; }
CP="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"
exec "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" -cp "$CP" dev.aftersales.bench.Bench "${ARGS[@]}"
