#!/usr/bin/env bash
# Issue 13's check of the run lock, against the staging host that .ci/run provisioned and deployed (stage 3):
#   1. two real Maven/Failsafe runs of the acceptance tests, started at once, each in its own copy of the
#      checkout: both pass, and one of them waited for the lock and named the other as its holder;
#   2. a run that holds the lock is killed with kill -9 (its test JVM: no JUnit cleanup, no SSH close): the run
#      waiting for it proceeds within run-lock.wait and passes.
# Root watches the lock on the host (flock on the deploy user's staging-target-run.lock); Maven runs as the
# build user. Called by .ci/run after stage 3, with the staging client settings exported (build_user_target).
# shellcheck disable=SC2031 # BUILD_DIR is changed only inside run's subshells, on purpose
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=.ci/build-user.sh
. "$repo/.ci/build-user.sh"

lock="$(getent passwd todo-staging | cut -d: -f6)/staging-target-run.lock"
other=$BUILD_HOME/checkout-run-lock
logs=$(mktemp -d)
pids=()
# Ends the runs still going: each is a subshell whose child leads the build user's session (see
# as_build_user_reading); that session's process group is ended, never anything of root's.
stop_runs() {
  local pid session
  for pid in "${pids[@]}"; do
    for session in $(pgrep -P "$pid" 2>/dev/null); do
      kill -TERM -- "-$session" 2>/dev/null || true
    done
  done
}
trap 'stop_runs; as_build_user rm -rf "$other" >/dev/null 2>&1; rm -rf "$logs"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A second copy of the build user's checkout (already built by stage 1): two runs must not share target/.
as_build_user rm -rf "$other"
as_build_user cp -a "$BUILD_DIR/." "$other"

# run NAME CHECKOUT: the acceptance tests on staging in the background, output in $logs/NAME.log.
run() {
  local name=$1 dir=$2
  # shellcheck disable=SC2030,SC2031 # this run's own checkout, for as_build_user in this subshell only
  (
    BUILD_DIR=$dir
    as_build_user mvn -B -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtarget=staging
  ) >"$logs/$name.log" 2>&1 &
  pids+=($!)
}
# Everything a run printed: Maven's log and its test classes' output, which Failsafe keeps in each class's
# XML report (<system-out>) with redirectTestOutputToFile, and in *-output.txt files in older versions.
output() {
  cat "$logs/$1.log"
  cat "$2"/example-tests/target/failsafe-reports/TEST-*.xml 2>/dev/null || true
  cat "$2"/example-tests/target/failsafe-reports/*-output.txt 2>/dev/null || true
}
held() { [[ -e $lock ]] && ! flock -n "$lock" true; }
# A run waits for the lock: the deploy user's shell runs `flock -w`, which only waits.
waiting() { pgrep -u todo-staging -x flock >/dev/null; }
await() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      echo "FAIL: no $what within $seconds s" >&2
      exit 1
    fi
    sleep 0.2
  done
}
must_pass() {
  local name=$1 dir=$2 pid=$3
  if ! wait "$pid"; then
    echo "FAIL: run $name failed:" >&2
    tail -n 60 "$logs/$name.log" >&2
    exit 1
  fi
  grep -q 'BUILD SUCCESS' "$logs/$name.log" || { echo "FAIL: run $name did not succeed" >&2; exit 1; }
  echo "ok: run $name passed"
}

echo "---- run lock 1: two acceptance runs at once on staging"
pids=()
run a "$BUILD_DIR"
run b "$other"
must_pass a "$BUILD_DIR" "${pids[0]}"
must_pass b "$other" "${pids[1]}"
waited=$( (output a "$BUILD_DIR"; output b "$other") | grep -h -o 'StagingTarget: took the run lock .* after waiting [0-9.]* s for user stagingtarget-ci .*' | head -n 1 || true)
if [[ -z $waited ]]; then
  echo "FAIL: neither run says it waited for the other's run lock" >&2
  (output a "$BUILD_DIR"; output b "$other") | grep -h 'run lock' >&2 || true
  exit 1
fi
echo "ok: $waited"
held && { echo "FAIL: the run lock is still held after both runs ended" >&2; exit 1; }

echo "---- run lock 2: kill -9 of the run that holds it"
pids=()
run holder "$BUILD_DIR"
await "run lock held by the first run" 600 held
run waiter "$other"
await "second run waiting for the lock" 600 waiting
# The first run's test JVM: Failsafe's fork, started from that checkout's target/surefire (through a
# `/bin/sh -c`, whose command line matches too: the java process is the one holding the lock).
jvm=
for pid in $(pgrep -u "$BUILD_USER" -f -- "$BUILD_DIR/example-tests/target/surefire"); do
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == java ]] && jvm=$pid && break
done
[[ -n $jvm ]] || { echo "FAIL: no test JVM of the first run found" >&2; exit 1; }
kill -KILL "$jvm"
killed_at=$SECONDS
wait "${pids[0]}" || true # its Maven fails: its tests were killed
must_pass waiter "$other" "${pids[1]}"
if ! output waiter "$other" | grep -q "StagingTarget: took the run lock .* after waiting .*(pid $jvm)"; then
  echo "FAIL: the second run does not say it waited for the killed run (pid $jvm)" >&2
  output waiter "$other" | grep 'run lock' >&2 || true
  exit 1
fi
echo "ok: after kill -9 of pid $jvm the second run took the lock and passed ($((SECONDS - killed_at)) s after the kill)"
pids=()
