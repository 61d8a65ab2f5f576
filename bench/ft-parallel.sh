#!/usr/bin/env bash
# The example's functional test suite against the staging host (example-tests/staging), serial vs JUnit's
# parallel classes (the example's Failsafe configuration: two classes at a time; classes that reset or seed
# take the in-run database lock exclusively). Provisions the staging host and deploys this commit, runs the
# suite RUNS times each way, interleaved, and tears the host down. Prints a Markdown table for
# docs/performance.md ("Functional tests: serial vs parallel classes").
# Run as root on Debian, from a clean checkout, like .ci/run; it holds /tmp/stagingtarget-hosts.lock throughout.
# Usage: bench/ft-parallel.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${STAGINGTARGET_HOSTS_LOCKED:-} ]]; then
  exec env STAGINGTARGET_HOSTS_LOCKED=1 flock /tmp/stagingtarget-hosts.lock "$0" "$@"
fi
RUNS="${1:-3}"
hosts=example-tests/staging
logs=$(mktemp -d)
trap '"$hosts/teardown.sh" staging >/dev/null 2>&1 || true; rm -rf "$logs"' EXIT

commit=$(git rev-parse HEAD)
mvn -B -q -o -pl example-tests -am package -DskipTests
echo "$commit" >example-tests/target/app/BUILD-COMMIT
"$hosts/provision.sh" staging >/dev/null
"$hosts/deploy.sh" staging "$commit" >/dev/null
# shellcheck disable=SC1091 # written by provision.sh
. /var/lib/stagingtarget-hosts/staging/client.env
export GIT_COMMIT=$commit

# suite PARALLEL: milliseconds of one whole Maven run of the suite (its build steps are up to date: a constant).
suite() {
  local start end
  start=$(date +%s%N)
  mvn -B -o -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtarget=staging -Dft.parallel="$1" >"$logs/run.log" 2>&1 || { tail -n 40 "$logs/run.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

serial=() parallel=()
suite true >/dev/null # warm-up: JIT, page cache, the app's first requests
for ((run = 1; run <= RUNS; run++)); do
  serial+=("$(suite false)")
  parallel+=("$(suite true)")
  echo "run $run: serial ${serial[-1]} ms, parallel ${parallel[-1]} ms" >&2
done
s=$(printf '%s\n' "${serial[@]}" | median)
p=$(printf '%s\n' "${parallel[@]}" | median)
tests=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' example-tests/target/failsafe-reports/failsafe-summary.xml)
echo "| Functional test suite on staging ($tests tests), whole Maven run | median ms |"
echo "|---|---:|"
echo "| serial classes (\`-Dft.parallel=false\`) | $s |"
echo "| parallel classes, two at a time | $p |"
awk -v s="$s" -v p="$p" 'BEGIN {printf "\nMedians of %s runs each; parallel is %.2f times as fast as serial.\n", '"$RUNS"', s / p}'
