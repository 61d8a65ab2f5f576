#!/usr/bin/env bash
# teardown.sh ENV [--purge] — stop everything provision.sh and deploy.sh started for ENV: nginx, the app,
# sshd and any process still running as the deploy user (open SSH sessions, a CLI run). Safe to run when
# nothing runs or nothing was ever provisioned. PostgreSQL stays up: it is the machine's shared cluster.
#
# --purge also deletes what provisioning created — the user, /srv/todo-ENV, the git repository, the nginx
# logs, the state directory with keys, CA, certificates and client.env, the gate's htpasswd, the database
# and its role — so that the next provision.sh starts from nothing (new keys, new CA, new secrets). The
# /etc/hosts line stays (it is shared).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 staging|production [--purge]"
env_settings "$1"
purge=no
if [[ $# -eq 2 ]]; then
  [[ $2 == --purge ]] || die "unknown option '$2'"
  purge=yes
fi
require_root

status=0
"$here/hostctl.sh" "$ENV_NAME" stop all || status=$?

# Whatever still runs as the deploy user was started through this host (SSH sessions, CLI runs): end it by
# pid, TERM first. The user exists only for this ENV, so nothing else can be hit.
# Zombies (dead, waiting for init to reap them) are skipped: they run nothing and cannot be killed.
live_pids() {
  ps -u "$APP_USER" -o pid=,stat= 2>/dev/null | awk '$2 !~ /^Z/ {print $1}'
}
if id "$APP_USER" >/dev/null 2>&1; then
  mapfile -t pids < <(live_pids)
  if ((${#pids[@]})); then
    log "ending ${#pids[@]} leftover process(es) of $APP_USER: ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while [[ -n $(live_pids) ]] && ((SECONDS < deadline)); do
      sleep 0.1
    done
    mapfile -t pids < <(live_pids)
    ((${#pids[@]} == 0)) || kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
fi

for port in "$SSH_PORT" $(nginx_ports) "$SMTP_PORT"; do
  if port_open "$port"; then
    log "something still listens on $LISTEN_ADDRESS:$port"
    status=1
  fi
done

if [[ $purge == yes ]]; then
  log "purging the $ENV_NAME host"
  if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c && $4 == "online" {ok = 1} END {exit !ok}'; then
    as_user postgres psql -q -X -v ON_ERROR_STOP=1 -d postgres >/dev/null <<EOF
SET client_min_messages = warning;
DROP DATABASE IF EXISTS "$DB_NAME" WITH (FORCE);
DROP ROLE IF EXISTS "$DB_ROLE";
EOF
  else
    log "PostgreSQL is not running: database $DB_NAME and role $DB_ROLE left in place"
  fi
  if id "$APP_USER" >/dev/null 2>&1; then
    gpasswd -d www-data "$APP_USER" >/dev/null 2>&1 || true
    userdel "$APP_USER"
  fi
  getent group "$APP_USER" >/dev/null && groupdel "$APP_USER"
  # Fixed paths from lib.sh (ENV is checked there), so these can never expand to something else.
  rm -rf -- "$APP_HOME" "$GIT_REPO" "$NGINX_LOG_DIR" "$STATE_DIR" "$GATE_DIR" "$POSTFIX_CONF" "$POSTFIX_QUEUE" "$POSTFIX_DATA" "$POSTFIX_LOG"
fi

exit "$status"
