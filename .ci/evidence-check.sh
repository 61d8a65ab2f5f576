#!/usr/bin/env bash
# Evidence fault check (issue 12): two tests of the example fail on purpose (EvidenceFaultIT, enabled only by
# -Dstagingtarget.example.faults=true) on the local target, and what they leave behind is asserted:
#   - the Failsafe XML holds an [[ATTACHMENT|path]] line for each evidence file, and the files exist;
#   - the Allure results attach the REST test's HTTP exchanges (text and HAR) and server-log lines, and the
#     browser test's screenshot, page source and server-log lines; environment.properties names the target;
#   - the Allure command line (Maven Central's zip, needs only a JRE) builds the HTML report from them.
# The report is kept in the build user's checkout: example-tests/target/allure-report-evidence/index.html.
# Runs as root from .ci/run; Maven and the Allure command line run as the build user (see build-user.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=.ci/build-user.sh
. "$repo/.ci/build-user.sh"
trap 'build_user_interrupt; exit 130' INT
trap 'build_user_interrupt; exit 143' TERM HUP

allure_version=2.34.0
target=$BUILD_DIR/example-tests/target
reports=$target/failsafe-reports
results=$target/allure-results-evidence
log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

as_build_user rm -rf example-tests/target/allure-results-evidence example-tests/target/allure-report-evidence
if as_build_user mvn -B -pl example-tests -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=EvidenceFaultIT -Dstagingtarget.example.faults=true \
  -Dallure.results.directory=target/allure-results-evidence >"$log" 2>&1; then
  fail "EvidenceFaultIT passed, but both of its tests must fail"
fi
failures=$(sed -n 's:.*<failures>\([0-9]*\)</failures>.*:\1:p' "$reports/failsafe-summary.xml")
errors=$(sed -n 's:.*<errors>\([0-9]*\)</errors>.*:\1:p' "$reports/failsafe-summary.xml")
[[ $((failures + errors)) -eq 2 ]] || {
  tail -n 60 "$log" >&2
  fail "EvidenceFaultIT must fail exactly twice, but gave $failures failures and $errors errors"
}

# The XML: every evidence file of both tests is announced in the test's system-out, and exists.
xml=$reports/TEST-io.github.stagingtarget.example.ft.EvidenceFaultIT.xml
[[ -f $xml ]] || fail "no Failsafe XML at $xml"
for file in screenshot.png page-source.html 'server-log-[^]]*\.txt' http-exchanges.txt http-exchanges.har; do
  grep -q -E "\[\[ATTACHMENT\|/[^]]*/$file\]\]" "$xml" || fail "$xml has no [[ATTACHMENT|…/$file]] line"
done
grep -o -E '\[\[ATTACHMENT\|[^]]+\]\]' "$xml" | sed 's/^\[\[ATTACHMENT|//; s/\]\]$//' | sort -u | while read -r file; do
  [[ -s $file ]] || fail "$xml links $file, which is missing or empty"
done

# The Allure results: one result per failed test, with its evidence attached under the file's name.
attachments_of() { # METHOD: the attachment names of that test's result
  local result
  result=$(grep -l -F "\"name\":\"$1(" "$results"/*-result.json | head -n 1)
  [[ -n $result ]] || fail "no Allure result for $1 in $results"
  grep -o -E '"attachments":\[[^]]*\]' "$result" | grep -o -E '"name":"[^"]*"' | sed 's/"name":"//; s/"$//'
}
rest=$(attachments_of restTestExpectingTheWrongStatus)
browser=$(attachments_of browserTestExpectingTheWrongHeading)
for name in http-exchanges.txt http-exchanges.har; do
  grep -q -x -F "$name" <<<"$rest" || fail "the REST test's Allure result lacks $name (has: $rest)"
done
grep -q -E '^server-log-.*local-app\.log\.txt$' <<<"$rest" || fail "the REST test's Allure result lacks its server log"
grep -q -F 'evidence-fault-check: the list was created twice' "$results"/*-attachment* ||
  fail "the server-log line the REST test caused is in no Allure attachment"
for name in screenshot.png page-source.html; do
  grep -q -x -F "$name" <<<"$browser" || fail "the browser test's Allure result lacks $name (has: $browser)"
done
if grep -q -E '^(screenshot\.png|page-source\.html)$' <<<"$rest"; then
  fail "the REST test used no browser, but its Allure result has browser evidence: $rest"
fi
grep -q '^StagingTarget.target=local$' "$results/environment.properties" ||
  fail "$results/environment.properties does not name the target"

# The HTML report, with the Allure command line from Maven Central.
as_build_user mvn -B -q dependency:copy -Dartifact="io.qameta.allure:allure-commandline:$allure_version:zip" \
  -DoutputDirectory=example-tests/target/allure-commandline
as_build_user sh -c "cd example-tests/target/allure-commandline && jar xf allure-commandline-$allure_version.zip"
as_build_user sh "example-tests/target/allure-commandline/allure-$allure_version/bin/allure" generate --clean \
  example-tests/target/allure-results-evidence -o example-tests/target/allure-report-evidence >/dev/null
[[ -s $target/allure-report-evidence/index.html ]] || fail "the Allure command line built no report"
echo "ok: evidence of both failures is in the XML and the Allure results; report: $target/allure-report-evidence/index.html"
