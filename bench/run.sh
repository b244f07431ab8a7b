#!/usr/bin/env bash
# bench/run.sh — the returns flow against the raw engine, in one run (docs/benchmarks.md).
#   bench/run.sh --quick      smoke run, at most 3 minutes (what CI runs)
#   bench/run.sh              full measurement (3 pairs)
#   bench/run.sh --jfr ...    also records a JFR profile to target/bench/bench.jfr
#   bench/run.sh --mixed      second workload: reviewed returns, exchanges, mis-sent items, out-of-stock lines
#   bench/run.sh --two-instances   auto-approved returns on two application instances (one engine, one database)
#   bench/run.sh --rocksdb    the engine's state in RocksDB, as a broker's, instead of in memory (docs/benchmarks.md:
#                             its own "Latest run" section)
# Other options go to the driver: --pairs N, --max-seconds S, --half-seconds S, --warmup-seconds S,
# --in-flight N, --no-output, --note TEXT, --app.<property>=<value> (an application property, to try a setting).
# The last line is: ratio=<b/a> p99_label_ms=<x> intake_p99_ms=<y> sql_per_case=<z> followed by the CPU per case
# (cpu_ms_per_case_a=… cpu_ms_per_case_b=… b_engine_ms=… …); with --mixed or --two-instances:
# workload=<name> cases_per_s_b=… … duplicates=<n> extra_instances=<n> failed=<n>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. tools/jdk.sh
pick_jdk
command -v mvn >/dev/null || { echo "Maven is required (Debian: apt-get install maven)" >&2; exit 2; }

# -XX:-OmitStackTraceInFastThrow: an exception that stops the engine keeps its stack in target/bench/app.log (on
# 6 December 2026, 23:25, the stream processor failed with a NullPointerException the JIT had stripped of it)
JVM_OPTS=(-Xms1g -Xmx6g -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -Dbasedir="$ROOT" -Dlogback.configurationFile="$ROOT/bench/logback-bench.xml")
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --jfr) JVM_OPTS+=("-XX:StartFlightRecording=filename=$ROOT/target/bench/bench.jfr,settings=profile,dumponexit=true") ;;
    *) ARGS+=("$arg") ;;
  esac
done

mkdir -p target/bench
echo "[bench] building (mvn -Pbench test-compile) with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
mvn -B -ntp -q -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test >target/bench/build.log 2>&1 \
  || { cat target/bench/build.log >&2; exit 2; }
CP="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"
exec "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" -cp "$CP" dev.aftersales.bench.Bench "${ARGS[@]}"
