#!/usr/bin/env bash
# Builds corral-bench (and the modules it needs, from this checkout) and runs a benchmark:
#   bench/run.sh heartbeats|mutations|restart|all|replay|heartbeat-handler [options]   (see docs/benchmarks.md)
#   bench/run.sh watch [LONG-POLLS [STREAMS [CHANGES]]] [options]      (map-watch fan-out; watch --help)
# The Markdown report goes to stdout, progress to stderr. BENCH_JAVA_OPTS sets the load generator's
# JVM options; --server-jvm-opts sets those of the servers it starts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# -am: build corral-server and corral-cli from this checkout, never a SNAPSHOT from ~/.m2.
(cd "$ROOT" && mvn -q -B -DskipTests -pl corral-bench -am package) >&2
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$ROOT/corral-bench/target/corral-bench.jar:$ROOT/corral-bench/target/lib/*" \
  io.corral.bench.BenchMain "$@"
