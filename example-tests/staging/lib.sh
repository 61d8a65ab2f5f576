# shellcheck shell=bash
# Sourced by provision.sh, deploy.sh, hostctl.sh and teardown.sh: the one place that says what an ENV is
# (its ports, user, directories, database) so that the scripts cannot disagree about it.
#
# Rule the scripts follow: root never executes or sources a file the deploy user can change. Everything under
# /srv/todo-ENV and /srv/git/todo-ENV.git belongs to the deploy user, so root works there only through
# as_app_user (privileges dropped first, in a session of its own, stdin on /dev/null). Root's own files (sshd
# and nginx configs, keys, pid files, nginx logs) live in directories the deploy user cannot write.
#
# Starting a daemon: remove its pid file first (one left from before may name a process that is gone, or
# another one by now), then wait, by the clock and for the whole timeout, until it listens and has written
# its pid — never a fixed sleep, never a count of tries (on a loaded machine each try takes longer).

# The loopback "hosts". Each ENV is a separate host in real life; here they share one machine, so every name
# below carries the ENV to keep them apart.
# shellcheck disable=SC2034 # the variables are for the scripts that source this file
env_settings() {
  ENV_NAME=$1
  case "$ENV_NAME" in
    staging)
      SSH_PORT=2222
      HTTPS_PORT=8443
      SMTP_PORT=2525
      SERVER_NAME=staging.todo.test
      # The app's JSON API on a server name and port of its own (the target's service `api`).
      API_SERVER_NAME=api.staging.todo.test
      API_PORT=8444
      # nginx's auth_basic in front of the whole site (the API included): the user of the gate.
      GATE_USER=staging
      ;;
    production)
      SSH_PORT=2223
      HTTPS_PORT=8445
      SMTP_PORT=2526
      SERVER_NAME=www.todo.test
      API_SERVER_NAME=
      API_PORT=
      # Production is public: HTTPS only, no gate.
      GATE_USER=
      ;;
    *)
      die "ENV must be staging or production, not '$ENV_NAME'"
      ;;
  esac
  # STAGING_… / PRODUCTION_…: the prefix of the variables in client.env; STAGING_URL and PRODUCTION_URL are
  # what example-tests/src/test/resources/staging-target.conf already reads.
  VAR_PREFIX=${ENV_NAME^^}
  LISTEN_ADDRESS=127.0.0.1
  APP_USER=todo-$ENV_NAME
  APP_HOME=/srv/todo-$ENV_NAME
  GIT_REPO=/srv/git/todo-$ENV_NAME.git
  # Root-only: keys, configs, pid files, client.env. Outside the repo so no secret can be committed.
  STATE_DIR=/var/lib/stagingtarget-hosts/$ENV_NAME
  # nginx's logs: written by the root master process, so not in a directory the deploy user owns (it could
  # swap a log for a symlink to any file and have root append to it); readable by the deploy user's group.
  NGINX_LOG_DIR=/var/log/todo-$ENV_NAME
  DB_NAME=todo_$ENV_NAME
  DB_ROLE=todo_$ENV_NAME
  PG_VERSION=15
  PG_CLUSTER=main
  BASE_URL=https://$SERVER_NAME:$HTTPS_PORT
  API_URL=
  [[ -n $API_PORT ]] && API_URL=https://$API_SERVER_NAME:$API_PORT
  APP_SOCKET=$APP_HOME/run/app.sock
  APP_LOG=$APP_HOME/logs/app.log
  APP_CLI=$APP_HOME/bin/todo
  APP_CTL=$APP_HOME/bin/appctl
  NGINX_CONF=$STATE_DIR/nginx.conf
  NGINX_PID=$STATE_DIR/nginx.pid
  NGINX_ERROR_LOG=$NGINX_LOG_DIR/nginx-error.log
  NGINX_ACCESS_LOG=$NGINX_LOG_DIR/nginx-access.log
  SSHD_CONF=$STATE_DIR/sshd_config
  SSHD_PID=$STATE_DIR/sshd.pid
  SSHD_LOG=$STATE_DIR/sshd.log
  SSH_KEY=$STATE_DIR/id_ed25519
  KNOWN_HOSTS=$STATE_DIR/known_hosts
  CLIENT_ENV=$STATE_DIR/client.env
  # HTTPS: a CA of this host's own, made by provision.sh, and nginx's certificate for its server names.
  # Root-only (in STATE_DIR): nginx's master reads the key before it drops privileges.
  CA_KEY=$STATE_DIR/ca.key
  CA_PEM=$STATE_DIR/ca.pem
  TLS_KEY=$STATE_DIR/server.key
  TLS_CERT=$STATE_DIR/server.pem
  # The gate's password (root-only) and its htpasswd file, which nginx's workers (www-data) read on every
  # request: root:www-data 640 in a directory of its own that the deploy user cannot enter.
  GATE_PASSWORD_FILE=$STATE_DIR/http-password
  GATE_DIR=/etc/todo-$ENV_NAME-gate
  HTPASSWD=$GATE_DIR/htpasswd
  # A private postfix instance: SMTP on LISTEN_ADDRESS:SMTP_PORT for the app, every address @MAIL_DOMAIN
  # delivered into the deploy user's Maildir, nothing sent off the machine.
  MAIL_DOMAIN=$SERVER_NAME
  MAILDIR=$APP_HOME/Maildir
  POSTFIX_CONF=/etc/postfix-$ENV_NAME
  POSTFIX_QUEUE=/var/spool/postfix-$ENV_NAME
  POSTFIX_DATA=/var/lib/postfix-$ENV_NAME
  POSTFIX_LOG=/var/log/postfix-$ENV_NAME.log
}

die() {
  echo "${0##*/}: $*" >&2
  exit 1
}

log() {
  echo "[${0##*/} ${ENV_NAME:-}] $*" >&2
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (it manages users, sshd, nginx and PostgreSQL)"
}

# Closes every file descriptor of this shell above stderr. For a subshell that then execs another user's
# command or a daemon: neither may get a descriptor root holds — such as the lock of whoever runs these scripts
# under `flock FILE …`, which a daemon would otherwise hold for as long as it runs, blocking every later run.
close_inherited_fds() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    # The directory the glob read is listed too, and already closed.
    if ((fd > 2)) && [[ -L /proc/$BASHPID/fd/$fd ]]; then exec {fd}>&-; fi
  done
}

# Starts a daemon (it detaches itself) with nothing of this script's but stdout and stderr, for its errors
# before it detaches.
start_daemon() {
  (
    close_inherited_fds
    exec "$@" </dev/null
  )
}

# Runs a command as another user, in a session of its own (setsid): a process without a controlling terminal
# cannot push input into root's terminal (TIOCSTI) when an admin runs these scripts interactively, even
# though its stdout and stderr still go there. -w waits for it and passes on its exit status. It gets no other
# descriptor of root's than stdin, stdout and stderr.
as_user() {
  local user=$1
  shift
  (
    close_inherited_fds
    exec setsid -w runuser -u "$user" -- "$@"
  )
}

# Runs a command as the deploy user in its home, with a clean environment so nothing of root's leaks in, and
# with nothing on stdin (never root's terminal).
as_app_user() {
  as_app_user_reading "$@" </dev/null
}

# Like as_app_user, but the command reads this script's stdin: only for callers that feed it (a pipe).
as_app_user_reading() {
  as_user "$APP_USER" env -i -C "$APP_HOME" PATH=/usr/local/bin:/usr/bin:/bin HOME="$APP_HOME" LANG=C.UTF-8 "$@"
}

# Writes stdin to file $2 with mode $1, as the deploy user, atomically (readers never see half a file).
# cat, not `install /dev/stdin`: reopening root's stdin by path is refused to the user.
write_as_app_user() {
  # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
  as_app_user_reading bash -c 'umask 077 && cat >"$2.new" && chmod "$1" "$2.new" && mv -f "$2.new" "$2"' \
    write "$1" "$2"
}

# True when the process in pid file $1 is alive.
pid_alive() {
  local pidfile=$1 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    # A zombie (dead, not yet reaped by init) still answers kill -0.
    [[ $(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null) != Z ]]
}

# Waits until nothing accepts TCP connections on 127.0.0.1:$1, or fails after $2 seconds. Timed by the clock,
# not by a count of tries: on a loaded machine each try takes longer than its sleep.
wait_port_closed() {
  local port=$1 deadline=$((SECONDS + ${2:-10}))
  while port_open "$port"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# Waits until a daemon just started listens on 127.0.0.1:$1 and pid file $2 names a live process, or fails
# after $3 seconds. Neither check ends the wait early: on a loaded machine a daemon may write its pid file
# only after it has bound its port, and a pid file left from before may name a process that has gone.
wait_started() {
  local port=$1 pidfile=$2 deadline=$((SECONDS + ${3:-30}))
  until port_open "$port" && pid_alive "$pidfile"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

port_open() {
  # bash's /dev/tcp: no extra package, and a refused connection fails at once.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# GET through nginx by the ENV's host name (or, with a second argument `api`, the API's), verifying nginx's
# certificate against the host's own CA and answering the gate; --resolve pins the names to loopback, so it
# works before /etc/hosts is edited. Root only (the CA and the password are root's files). The password goes
# to curl on stdin (a config line), never in its command line, where any user could read it.
http_get() {
  local path=$1 url=$BASE_URL
  [[ ${2:-} == api ]] && url=$API_URL
  local config=()
  if [[ -n $GATE_USER ]]; then
    [[ -s $GATE_PASSWORD_FILE ]] || die "no $GATE_PASSWORD_FILE: run provision.sh $ENV_NAME first"
    config=(--config -)
  fi
  {
    if [[ -n $GATE_USER ]]; then printf 'user = "%s:%s"\n' "$GATE_USER" "$(<"$GATE_PASSWORD_FILE")"; fi
  } | curl -sS --max-time 5 --cacert "$CA_PEM" "${config[@]}" \
    --resolve "$SERVER_NAME:$HTTPS_PORT:$LISTEN_ADDRESS" ${API_PORT:+--resolve "$API_SERVER_NAME:$API_PORT:$LISTEN_ADDRESS"} \
    "$url$path"
}

# The ports nginx listens on: the site's, and the API's where the ENV has one.
nginx_ports() {
  echo "$HTTPS_PORT" ${API_PORT:+"$API_PORT"}
}
