#!/usr/bin/env bash
# Issue 13's check of the run lock, against the staging host that .ci/run provisioned and deployed (stage 3):
#   1. two real Maven/Failsafe runs of the acceptance tests, started at once, each in its own copy of the
#      checkout: both pass, and one of them waited for the lock and named the other as its holder;
#   2. two runs again; the test JVM of the one holding the lock is killed with kill -9 (no JUnit cleanup, no
#      SSH close) while the other waits for it: the waiting run proceeds within run-lock.wait and passes.
# Both checks run with run-lock.mode = always: each run takes the lock before its first class, so two runs
# started together always overlap (with the default `fixtures`, a run takes it at its first reset or seed,
# and two runs whose fixtures happen to come at different times would not meet).
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
holder_file="$(dirname "$lock")/staging-target-run.holder"
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
# Built once in its new place before the runs start: the compiler's incremental state names the old path,
# and a copy that recompiles reaches its first test class a minute after the other run, which may be done.
(
  BUILD_DIR=$other
  as_build_user mvn -B -q -pl example-tests -am package -DskipTests
)

# run NAME CHECKOUT: the acceptance tests on staging in the background, output in $logs/NAME.log.
run() {
  local name=$1 dir=$2
  # shellcheck disable=SC2030,SC2031 # this run's own checkout, for as_build_user in this subshell only
  (
    BUILD_DIR=$dir
    as_build_user mvn -B -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtarget=staging -Dstaging-target.targets.staging.run-lock.mode=always
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

echo "---- run lock 2: kill -9 of the run that holds it, while the other waits"
pids=()
run one "$BUILD_DIR"
run two "$other"
await "run lock held by one of the runs" 600 held
await "the other run waiting for the lock" 600 waiting
# The holder file names the test JVM that holds the lock: "user … on host … (pid N), …".
jvm=$(sed -n 's/.*(pid \([0-9][0-9]*\)).*/\1/p' "$holder_file")
[[ -n $jvm ]] || { echo "FAIL: the holder file names no pid: $(cat "$holder_file")" >&2; exit 1; }
if tr '\0' ' ' <"/proc/$jvm/cmdline" 2>/dev/null | grep -q -- "$other/"; then
  killed=two waiter=one waiter_dir=$BUILD_DIR waiter_pid=${pids[0]} killed_pid=${pids[1]}
else
  killed=one waiter=two waiter_dir=$other waiter_pid=${pids[1]} killed_pid=${pids[0]}
fi
kill -KILL "$jvm"
killed_at=$SECONDS
wait "$killed_pid" || true # its Maven fails: its tests were killed
must_pass "$waiter" "$waiter_dir" "$waiter_pid"
if ! output "$waiter" "$waiter_dir" | grep -q "StagingTarget: took the run lock .* after waiting .*(pid $jvm)"; then
  echo "FAIL: run $waiter does not say it waited for the killed run $killed (pid $jvm)" >&2
  output "$waiter" "$waiter_dir" | grep 'run lock' >&2 || true
  exit 1
fi
echo "ok: after kill -9 of run $killed's test JVM (pid $jvm) run $waiter took the lock and passed ($((SECONDS - killed_at)) s after the kill)"
pids=()
