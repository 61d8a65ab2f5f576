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
mvn -B -q -o -pl example-tests -am package -DskipTests >/dev/null
echo "$commit" >example-tests/target/app/BUILD-COMMIT
"$hosts/provision.sh" staging >/dev/null
"$hosts/deploy.sh" staging "$commit" >/dev/null
# shellcheck disable=SC1091 # written by provision.sh
. /var/lib/stagingtarget-hosts/staging/client.env
export GIT_COMMIT=$commit

# suite PARALLEL [MAVEN_ARGS]: milliseconds of one whole Maven run of the suite (its build steps are up to date).
suite() {
  local start end parallel=$1
  shift
  start=$(date +%s%N)
  mvn -B -o -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtarget=staging -Dft.parallel="$parallel" "$@" >"$logs/run.log" 2>&1 || { tail -n 40 "$logs/run.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

serial=() parallel=() build=()
suite true >/dev/null # warm-up: JIT, page cache, the app's first requests
tests=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' example-tests/target/failsafe-reports/failsafe-summary.xml)
for ((run = 1; run <= RUNS; run++)); do
  serial+=("$(suite false)")
  parallel+=("$(suite true)")
  # The same Maven run without a functional test: what both of the above spend outside the tests.
  build+=("$(suite true -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false)")
  echo "run $run: serial ${serial[-1]} ms, parallel ${parallel[-1]} ms, no tests ${build[-1]} ms" >&2
done
s=$(printf '%s\n' "${serial[@]}" | median)
p=$(printf '%s\n' "${parallel[@]}" | median)
b=$(printf '%s\n' "${build[@]}" | median)
echo "| Functional test suite on staging ($tests tests) | whole Maven run, median ms | minus the run without tests, ms |"
echo "|---|---:|---:|"
echo "| serial classes (\`-Dft.parallel=false\`) | $s | $((s - b)) |"
echo "| parallel classes, two at a time | $p | $((p - b)) |"
echo "| the same Maven run without a functional test | $b | |"
awk -v s="$s" -v p="$p" -v b="$b" 'BEGIN {printf "\nMedians of %s runs each. Parallel vs serial: %.2f times as fast for the whole run, %.2f times for the tests alone.\n", '"$RUNS"', s / p, (s - b) / (p - b)}'
