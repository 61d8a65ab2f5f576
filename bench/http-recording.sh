#!/usr/bin/env bash
# Per-request cost of recording HTTP exchanges (issue 12) vs no recording, side by side in one JVM:
# REST Assured requests to a loopback HTTP server, and in-process (a last filter answers, so that only
# REST Assured and the recording are measured), for response bodies of 200 B, 64 KiB and 1 MiB.
#
#   bench/http-recording.sh [RUNS]     # default 9 runs; batches with and without alternate in each run
#
# Prints a Markdown table of medians and writes it into docs/performance.md (section "HTTP recording").
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-9}"

mvn -B -q -f extension/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="extension/target/test-classes:extension/target/classes:$(cat extension/target/bench.classpath)"

LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
TABLE="$(java -cp "$CP" io.github.stagingtarget.internal.HttpRecordingBenchmark "$RUNS" 2>/dev/null)"
echo "$TABLE"

SECTION="## HTTP recording

Measured by \`bench/http-recording.sh $RUNS\` on $(date -u +%Y-%m-%d), $(nproc) cores, Java $(java -version 2>&1 |
  awk -F'"' '/version/ {print $2}'), load average $LOAD_BEFORE when it started. Every injected REST Assured
specification carries the recording filter (\`evidence.http-exchanges = true\`, the default; 64 KiB body
limit). Each request sends an \`Authorization\` header and gets a \`Set-Cookie\`; 20 requests share one
recording, as a test's would. Three ways of sending, side by side in one JVM after a warm-up, in a different
order in each run: no filter; an empty filter that only passes the request on (REST Assured's filter chain
is Groovy, and any filter costs this hop); and the recording filter. Each figure is the median over $RUNS runs
of the mean time per request in a batch, in microseconds. \"loopback HTTP\" sends real requests to a JDK
HTTP server on 127.0.0.1; \"in-process\" answers with a prepared response in a last filter, so that only
REST Assured and the filters are measured. \"recording's own cost\" is recording filter minus empty
filter: the headers, a copy of at most 64 KiB of each body, two timestamps. Nothing is formatted unless the
test fails. With a load average well above the number of cores, the loopback rows are mostly scheduling
noise (a difference can even come out negative); compare the in-process rows, and a request to a real
staging server, which takes milliseconds to tens of milliseconds.

$TABLE"
python3 - "$SECTION" <<'PY'
import pathlib, re, sys
section = sys.argv[1].rstrip() + "\n"
path = pathlib.Path("docs/performance.md")
text = path.read_text() if path.exists() else "# Performance\n"
pattern = re.compile(r"^## HTTP recording\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
path.write_text(text)
PY
echo "wrote docs/performance.md"
