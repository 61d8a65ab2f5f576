#!/usr/bin/env bash
# The classic ways staging tests lie or fail badly, each provoked on purpose against the loopback hosts
# that .ci/run provisioned and deployed. Each must fail the Maven run with exactly one failing test class
# (the others skipped with the same reason) and one clear message, which is asserted.
# Root injects the faults; Maven runs as the build user, in its copy of the checkout (see build-user.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=.ci/build-user.sh
. "$repo/.ci/build-user.sh"
hosts="$repo/example-tests/staging"
reports="$BUILD_DIR/example-tests/target/failsafe-reports"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
trap 'build_user_interrupt; exit 130' INT
trap 'build_user_interrupt; exit 143' TERM HUP

fts=(as_build_user mvn -B -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false)

# expect_one_failure NAME MESSAGE_REGEX MAVEN_ARGS...
expect_one_failure() {
  local name=$1 message=$2
  shift 2
  echo "---- fault: $name"
  if "${fts[@]}" "$@" >"$log" 2>&1; then
    echo "FAIL: '$name' passed, but it must fail" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  local errors failures
  errors=$(sed -n 's:.*<errors>\([0-9]*\)</errors>.*:\1:p' "$reports/failsafe-summary.xml")
  failures=$(sed -n 's:.*<failures>\([0-9]*\)</failures>.*:\1:p' "$reports/failsafe-summary.xml")
  if [[ $((errors + failures)) -ne 1 ]]; then
    echo "FAIL: '$name' must give exactly one failure, but gave $errors errors and $failures failures" >&2
    grep -h -E '<<< (FAILURE|ERROR)' "$reports"/*.txt >&2 || true
    exit 1
  fi
  if ! grep -h -E -A1 '<<< (FAILURE|ERROR)!$' "$reports"/*.txt | grep -q -E "$message"; then
    echo "FAIL: '$name' failed, but not with a message matching: $message" >&2
    grep -h -E -A2 '<<< (FAILURE|ERROR)' "$reports"/*.txt >&2 || true
    exit 1
  fi
  if grep -q -h 'NullPointerException' "$reports"/*.txt; then
    echo "FAIL: '$name' reported a NullPointerException" >&2
    exit 1
  fi
  echo "ok: $(grep -h -E -A1 '<<< (FAILURE|ERROR)!$' "$reports"/*.txt | grep -o -E "$message" | head -n 1)"
}

build_user_target staging
build_user_target production

"$hosts/hostctl.sh" staging stop nginx
expect_one_failure "nginx stopped on staging" \
  "Target 'staging' is not ready: it did not answer https://staging\.todo\.test:8443/health within 5\.0 s \(last: ConnectException" \
  -Dtarget=staging -Dit.test='SmokeIT,ListsApiIT,NewVisitorIT' -Dstaging-target.targets.staging.ready.timeout=5s
"$hosts/hostctl.sh" staging start nginx

wrong=0000000000000000000000000000000000000000
expect_one_failure "staging runs another build than the one under test" \
  "Target 'staging' runs version '$GIT_COMMIT' \(from https://staging\.todo\.test:8443/version\), but the tests expect '$wrong'" \
  -Dtarget=staging -Dit.test='SmokeIT,ListsApiIT' \
  -Dstaging-target.targets.staging.version.expected="$wrong"

# The gate's password is wrong: the readiness probe's 401 names the key to check, never the password.
(
  wrong_password=$(openssl rand -hex 16)
  export STAGING_HTTP_PASSWORD=$wrong_password
  expect_one_failure "a wrong password for staging's gate" \
    "answered 401 Unauthorized to the user 'staging' of staging-target\.targets\.staging\.http\.basic\.user: check the password in env STAGING_HTTP_PASSWORD \(named by staging-target\.targets\.staging\.http\.basic\.password-env\)" \
    -Dtarget=staging -Dit.test='SmokeIT,ListsApiIT'
  if grep -r -q -F "$wrong_password" "$reports" "$log"; then
    echo "FAIL: the gate's password shows up in the reports or the log" >&2
    exit 1
  fi
)

"$hosts/hostctl.sh" staging stop sshd
expect_one_failure "sshd stopped on staging" \
  "Cannot connect to target 'staging' at todo-staging@127\.0\.0\.1:2222 over SSH: connection refused" \
  -Dtarget=staging -Dit.test='SeededListsIT,LoggedInUserIT'
"$hosts/hostctl.sh" staging start sshd

# SeededListsIT skips itself on production; switching that condition off makes it try a reset there.
expect_one_failure "a reset against production" \
  "are refused: target 'production' does not allow destructive fixtures .* nothing was run" \
  -Dtarget=production -Dit.test='SeededListsIT' \
  -Djunit.jupiter.conditions.deactivate=io.github.stagingtarget.internal.TargetCondition

echo "All fault checks gave exactly one clear failure."
