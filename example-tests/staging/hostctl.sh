#!/usr/bin/env bash
# hostctl.sh ENV start|stop|status [nginx|sshd|postfix|app|all] — start, stop or report the pieces of an ENV host.
#
# CI injects faults with it (`hostctl.sh staging stop nginx` → connections to :8443 are refused), and
# provision.sh and teardown.sh use it so that there is one way to start and stop each piece.
# `start all` starts sshd, then the app (if something is deployed), then nginx; `stop all` goes the other way.
# status prints one line per piece and exits 0 only if every piece asked about runs (3 otherwise, as LSB).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"

[[ $# -ge 2 && $# -le 3 ]] || die "usage: $0 staging|production start|stop|status [nginx|sshd|app|all]"
env_settings "$1"
action=$2
piece=${3:-all}
require_root

# How long a daemon may take to listen and write its pid file; generous, for a loaded machine.
START_TIMEOUT=60

# Waits until the daemon just started listens and has written its pid file, for the whole START_TIMEOUT.
wait_daemon() {
  local what=$1 port=$2 pidfile=$3 logfile=$4
  wait_started "$port" "$pidfile" "$START_TIMEOUT" ||
    die "$what did not open $LISTEN_ADDRESS:$port (with its pid in $pidfile) within $START_TIMEOUT s; see $logfile"
}

sshd_start() {
  if pid_alive "$SSHD_PID"; then
    # Right after a SIGHUP (provision.sh's reload) sshd re-executes itself and opens its port again.
    wait_daemon sshd "$SSH_PORT" "$SSHD_PID" "$SSHD_LOG"
    echo "sshd: already running (pid $(<"$SSHD_PID"))"
    return 0
  fi
  [[ -f $SSHD_CONF ]] || die "no $SSHD_CONF: run provision.sh $ENV_NAME first"
  port_open "$SSH_PORT" && die "port $SSH_PORT is taken by another process; not starting sshd"
  # A pid file naming a process that is gone would pass for the new daemon's until it writes its own.
  rm -f "$SSHD_PID"
  # sshd's privilege separation needs this directory; without systemd nothing creates it after a reboot.
  install -d -m 755 /run/sshd
  # sshd (like nginx below) detaches itself: a session of its own, stdio on /dev/null.
  start_daemon /usr/sbin/sshd -f "$SSHD_CONF" -E "$SSHD_LOG"
  wait_daemon sshd "$SSH_PORT" "$SSHD_PID" "$SSHD_LOG"
  echo "sshd: started (pid $(<"$SSHD_PID"), $LISTEN_ADDRESS:$SSH_PORT)"
}

sshd_stop() {
  # Only the listener: sessions already open end on their own (or by teardown.sh), as on a real host.
  start-stop-daemon --stop --quiet --oknodo --pidfile "$SSHD_PID" --exec /usr/sbin/sshd --retry TERM/10/KILL/5
  rm -f "$SSHD_PID"
  wait_port_closed "$SSH_PORT" "$START_TIMEOUT" || die "something still listens on $SSH_PORT"
  echo "sshd: stopped"
}

sshd_status() {
  if pid_alive "$SSHD_PID"; then
    echo "sshd: running (pid $(<"$SSHD_PID"), $LISTEN_ADDRESS:$SSH_PORT)"
  else
    echo "sshd: stopped"
    return 3
  fi
}

nginx_start() {
  if pid_alive "$NGINX_PID"; then
    wait_daemon nginx "$HTTPS_PORT" "$NGINX_PID" "$NGINX_ERROR_LOG"
    echo "nginx: already running (pid $(<"$NGINX_PID"))"
    return 0
  fi
  [[ -f $NGINX_CONF ]] || die "no $NGINX_CONF: run provision.sh $ENV_NAME first"
  local port
  for port in $(nginx_ports); do
    port_open "$port" && die "port $port is taken by another process; not starting nginx"
  done
  rm -f "$NGINX_PID"
  # nginx binds its ports before it detaches, and fails here when it cannot; its pid file comes after.
  start_daemon nginx -c "$NGINX_CONF"
  for port in $(nginx_ports); do
    wait_daemon nginx "$port" "$NGINX_PID" "$NGINX_ERROR_LOG"
  done
  echo "nginx: started (pid $(<"$NGINX_PID"), $BASE_URL/${API_URL:+ and $API_URL/})"
}

nginx_stop() {
  # QUIT: finish the requests in flight, then exit; TERM and KILL only if that hangs.
  start-stop-daemon --stop --quiet --oknodo --pidfile "$NGINX_PID" --exec /usr/sbin/nginx \
    --retry QUIT/10/TERM/5/KILL/5
  rm -f "$NGINX_PID"
  local port
  for port in $(nginx_ports); do
    wait_port_closed "$port" "$START_TIMEOUT" || die "something still listens on $port"
  done
  echo "nginx: stopped"
}

nginx_status() {
  if pid_alive "$NGINX_PID"; then
    echo "nginx: running (pid $(<"$NGINX_PID"), $BASE_URL/${API_URL:+ and $API_URL/})"
  else
    echo "nginx: stopped"
    return 3
  fi
}

# The app is managed by appctl on the host, as the deploy user (see host/appctl).
postfix_running() {
  [[ -f $POSTFIX_CONF/main.cf ]] && postfix -c "$POSTFIX_CONF" status >/dev/null 2>&1
}

postfix_start() {
  if postfix_running; then
    echo "postfix: already running"
    return 0
  fi
  [[ -f $POSTFIX_CONF/main.cf ]] || die "no $POSTFIX_CONF/main.cf: run provision.sh $ENV_NAME first"
  port_open "$SMTP_PORT" && die "port $SMTP_PORT is taken by another process; not starting postfix"
  # postfix(1) puts its master in the background itself; keep it off our descriptors like the other daemons.
  start_daemon postfix -c "$POSTFIX_CONF" start >/dev/null 2>&1 || true
  local deadline=$((SECONDS + START_TIMEOUT))
  until port_open "$SMTP_PORT" && postfix_running; do
    ((SECONDS < deadline)) ||
      die "postfix did not open $LISTEN_ADDRESS:$SMTP_PORT within $START_TIMEOUT s; see $POSTFIX_LOG"
    sleep 0.1
  done
  echo "postfix: started ($LISTEN_ADDRESS:$SMTP_PORT, mail for @$MAIL_DOMAIN into $MAILDIR)"
}

postfix_stop() {
  if postfix_running; then
    postfix -c "$POSTFIX_CONF" stop >/dev/null 2>&1 || true
  fi
  wait_port_closed "$SMTP_PORT" "$START_TIMEOUT" || die "something still listens on $SMTP_PORT"
  echo "postfix: stopped"
}

postfix_status() {
  if postfix_running; then
    echo "postfix: running ($LISTEN_ADDRESS:$SMTP_PORT)"
  else
    echo "postfix: stopped"
    return 3
  fi
}

app() {
  if ! id "$APP_USER" >/dev/null 2>&1 || [[ ! -x $APP_CTL ]]; then
    # appctl comes with the first deploy; before it there is no app to start or stop.
    echo "app: nothing deployed"
    [[ $1 == status ]] && return 3
    return 0
  fi
  as_app_user "$APP_CTL" "$1"
}

run() {
  local verb=$1 status=0 each
  case "$piece" in
    sshd | nginx | postfix) "${piece}_$verb" ;;
    app) app "$verb" ;;
    all)
      # Each piece in its own process: set -e does not apply inside a function called from `||`, and `all`
      # must go on to the next piece when one fails.
      local order=(sshd postfix app nginx)
      [[ $verb == stop ]] && order=(nginx app postfix sshd)
      for each in "${order[@]}"; do
        "$0" "$ENV_NAME" "$verb" "$each" || status=$?
      done
      return "$status"
      ;;
    *) die "unknown piece '$piece': nginx, sshd, postfix, app or all" ;;
  esac
}

case "$action" in
  start | stop | status) run "$action" ;;
  *) die "unknown action '$action': start, stop or status" ;;
esac
