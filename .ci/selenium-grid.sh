#!/usr/bin/env bash
# Starts or stops a standalone Selenium Grid 4.41.0 on 127.0.0.1 for the grid tests.
#
#   .ci/selenium-grid.sh start   # fetches the jars once (Maven Central), starts, waits for "ready": true
#   .ci/selenium-grid.sh stop
#   .ci/selenium-grid.sh url     # prints the URL to pass as -Dstagingtarget.grid-url
#
# Environment: GRID_PORT (default 4444), GRID_TIMEOUT seconds to wait for readiness (default 60).
# The grid finds Debian's chromedriver on PATH (apt-get install -y chromium chromium-driver); sessions
# must name the browser binary (browser.binary = "/usr/bin/chromium"), which the grid tests do.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
home="$here/selenium-grid"
lib="$home/lib"
pid_file="$home/grid.pid"
log_file="$home/grid.log"
port="${GRID_PORT:-4444}"
url="http://127.0.0.1:$port"

fetch() {
  if ! ls "$lib"/selenium-grid-*.jar >/dev/null 2>&1; then
    mvn -B -q -f "$home/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$lib" -DincludeScope=runtime
  fi
}

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  if running; then
    echo "Selenium Grid already running (pid $(cat "$pid_file")) at $url"
    return
  fi
  fetch
  # A session of its own (setsid does not fork here, so $! leads it): the browsers the grid starts stay in it
  # and are ended with it, even the helpers that outlive their browser.
  setsid java -cp "$lib/*" org.openqa.selenium.grid.Main standalone \
    --host 127.0.0.1 --port "$port" --selenium-manager false --detect-drivers true \
    </dev/null >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  local deadline=$((SECONDS + ${GRID_TIMEOUT:-60}))
  until curl -fsS "$url/status" 2>/dev/null | grep -q '"ready": *true'; do
    if ! running; then
      echo "Selenium Grid exited; last lines of $log_file:" >&2
      tail -n 20 "$log_file" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "Selenium Grid not ready at $url after ${GRID_TIMEOUT:-60}s; see $log_file" >&2
      stop
      exit 1
    fi
    sleep 0.5
  done
  echo "Selenium Grid ready at $url (pid $(cat "$pid_file"))"
}

# The processes of the grid's session, while its leader is gone or is the grid (a session id is not reused while
# a process of the session runs; a leader running something else means the id names another session).
session_members() {
  local sid=$1 leader
  leader=$(ps -o args= -p "$sid" 2>/dev/null || true)
  [[ -z $leader || $leader == *org.openqa.selenium.grid.Main* ]] || return 0
  ps -e -o pid=,sid=,stat= | awk -v sid="$sid" '$2 == sid && $3 !~ /^Z/ {print $1}'
}

stop() {
  [[ -f "$pid_file" ]] || return 0
  local pid deadline members
  pid="$(cat "$pid_file")"
  if running; then
    kill "$pid"
    # Its node quits the browsers it started; give it the time to.
    deadline=$((SECONDS + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    echo "Selenium Grid stopped"
  fi
  deadline=$((SECONDS + 10))
  while members=$(session_members "$pid") && [[ -n $members ]]; do
    if ((SECONDS > deadline + 5)); then
      echo "processes of the grid's session left running:" "${members//$'\n'/ }" >&2
      return 1
    fi
    # shellcheck disable=SC2086 # a list of pids
    if ((SECONDS < deadline)); then kill -TERM $members 2>/dev/null; else kill -KILL $members 2>/dev/null; fi
    sleep 0.2
  done
  rm -f "$pid_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
