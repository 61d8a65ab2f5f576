#!/usr/bin/env bash
# Compares browser reuse policies on the extension's fixture suite (2 classes x 8 tests, each loading
# two local pages with headless Chromium), side by side, and prints medians.
#
#   bench/browser-reuse.sh [RUNS]        # default 5 runs of each policy, interleaved
#
# Each run is a fresh JVM; the time printed is the JUnit run inside it (JVM start excluded). "parts"
# times a cold start and a reset directly. Results are recorded in docs/performance.md.
set -euo pipefail

cd "$(dirname "$0")/../extension"
runs="${1:-5}"
policies=(per-test per-class per-run)

mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
bench() { java -cp "$cp" "$@" io.github.stagingtarget.browser.BrowserReuseBench; }
bench_parts() { java -cp "$cp" io.github.stagingtarget.browser.BrowserReuseBench parts; }

declare -A times
cold=()
reset=()
for ((run = 1; run <= runs; run++)); do
  for policy in "${policies[@]}"; do
    ms="$(bench -Dstaging-target.defaults.browser.reuse="$policy" | awk '/^suite-ms/ {print $2}')"
    times[$policy]+="$ms "
    echo "run $run $policy: $ms ms"
  done
  parts="$(bench_parts)"
  cold+=("$(awk '/^cold-ms/ {print $2}' <<<"$parts")")
  reset+=("$(awk '/^reset-ms/ {print $2}' <<<"$parts")")
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo
echo "Median of $runs runs, 16 tests:"
printf '%-10s %10s %14s\n' policy "suite ms" "ms per test"
for policy in "${policies[@]}"; do
  m="$(median <<<"${times[$policy]}")"
  printf '%-10s %10s %14s\n' "$policy" "$m" "$(awk -v m="$m" 'BEGIN {printf "%.0f", m / 16}')"
done
cold_median="$(median <<<"${cold[*]}")"
reset_median="$(median <<<"${reset[*]}")"
echo
echo "cold start (start + first page + quit): $cold_median ms"
echo "reset between tests (reused browser):   $reset_median ms"
awk -v r="$reset_median" -v c="$cold_median" 'BEGIN {printf "reuse overhead per test: %.1f %% of a cold start (target <= 5 %%)\n", 100 * r / c}'
