#!/usr/bin/env bash
# The extension's overhead per test class: N generated trivial classes on a remote target (no fixtures, no
# browser, readiness off) with and without @StagingTarget, each measurement a fresh JVM, in one invocation.
# Prints a Markdown table for docs/performance.md ("Extension overhead").
# Usage: bench/extension-overhead.sh [N] [ROUNDS]   (defaults 60 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-60}"
ROUNDS="${2:-5}"
WORK="$(mktemp -d /tmp/staging-target-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

mvn -B -q -o -f extension/pom.xml test-compile
mvn -B -q -o -f extension/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp"
CP="extension/target/test-classes:extension/target/classes:$(cat "$WORK/cp")"
java ${BENCH_PARALLEL:+-Dbench.parallel=true} -cp "$CP" io.github.stagingtarget.bench.ExtensionOverheadBenchmark "$WORK" "$N" "$ROUNDS"
