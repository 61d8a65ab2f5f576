#!/usr/bin/env bash
# provision.sh ENV [--rotate-http-password] — turn this machine into the ENV host (staging or production) on
# loopback: a deploy user with an SSH key, a private sshd, a PostgreSQL role and database, a private nginx in
# front of the app's unix socket serving HTTPS with a certificate from the host's own CA (staging: also the
# API on a server name and port of its own, and the whole site behind auth_basic), and client.env for the
# tests. Idempotent: running it again converges, keeps the keys, certificates and secrets it made before, and
# (re)starts only what is not running. --rotate-http-password gives the staging gate a new password. The app
# itself is started by deploy.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 staging|production [--rotate-http-password]"
env_settings "$1"
rotate_http_password=no
if [[ $# -eq 2 ]]; then
  [[ $2 == --rotate-http-password ]] || die "unknown option '$2'"
  [[ -n $GATE_USER ]] || die "$ENV_NAME has no gate: there is no password to rotate"
  rotate_http_password=yes
fi
require_root

install_packages() {
  local missing=() package
  for package in nginx openssh-server openssh-client postgresql git curl postfix openssl; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  # Another apt run (e.g. CI installing the browser) may hold the lock: wait for it instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

hosts_file() {
  local line="127.0.0.1 staging.todo.test api.staging.todo.test www.todo.test"
  # Append rather than rewrite: /etc/hosts is often a bind mount in containers, which sed -i cannot replace.
  grep -qxF "$line" /etc/hosts || echo "$line" >>/etc/hosts
}

deploy_user() {
  if ! id "$APP_USER" >/dev/null 2>&1; then
    log "creating user $APP_USER"
    useradd --system --user-group --home-dir "$APP_HOME" --no-create-home --shell /bin/bash "$APP_USER"
  fi
  # With UsePAM no, sshd refuses an account whose password field is '!' (locked) even with a valid key;
  # '*' means "no password can match" without locking the account.
  usermod -p '*' "$APP_USER"
  # nginx's workers (www-data) reach the app's socket (rw-rw----) and the static files through this group.
  usermod -a -G "$APP_USER" www-data

  install -d -o "$APP_USER" -g "$APP_USER" -m 750 "$APP_HOME"
  install -d -o root -g root -m 755 /srv/git
  install -d -o "$APP_USER" -g "$APP_USER" -m 750 "$GIT_REPO"
  install -d -o root -g "$APP_USER" -m 750 "$NGINX_LOG_DIR"
  local file
  for file in "$NGINX_ERROR_LOG" "$NGINX_ACCESS_LOG"; do
    [[ -f $file ]] || install -o root -g "$APP_USER" -m 640 /dev/null "$file"
  done
  install -d -o root -g root -m 700 "$STATE_DIR"

  # Inside the deploy user's home, create things as that user (see lib.sh: root never follows its symlinks).
  as_app_user bash -c 'umask 027 && mkdir -p releases run logs bin .ssh && chmod 700 .ssh && touch logs/app.log' ||
    die "cannot prepare $APP_HOME"
  as_app_user test -f "$GIT_REPO/HEAD" || as_app_user git init -q --bare "$GIT_REPO"
}

ssh_keys() {
  # The tests' client key: root-only, in the state directory, never in the repo.
  if [[ ! -f $SSH_KEY ]]; then
    ssh-keygen -q -t ed25519 -N '' -C "stagingtarget-tests@$ENV_NAME" -f "$SSH_KEY"
  fi
  chmod 600 "$SSH_KEY"
  # A test client needs a shell and SFTP (to upload fixtures), not forwarding of ports, agents or X11.
  printf 'no-port-forwarding,no-agent-forwarding,no-X11-forwarding %s\n' "$(<"$SSH_KEY.pub")" |
    write_as_app_user 600 "$APP_HOME/.ssh/authorized_keys"

  if [[ ! -f $STATE_DIR/ssh_host_ed25519_key ]]; then
    ssh-keygen -q -t ed25519 -N '' -C "$SERVER_NAME" -f "$STATE_DIR/ssh_host_ed25519_key"
  fi
  # The line SSHJ and OpenSSH expect for a non-standard port; with it the tests can check the host key strictly.
  local type key _
  read -r type key _ <"$STATE_DIR/ssh_host_ed25519_key.pub"
  printf '[%s]:%s %s %s\n' "$LISTEN_ADDRESS" "$SSH_PORT" "$type" "$key" >"$KNOWN_HOSTS"
  chmod 644 "$KNOWN_HOSTS"
}

sshd_service() {
  cat >"$SSHD_CONF.new" <<EOF
# Written by provision.sh $ENV_NAME: a private sshd for the deploy user only, on loopback.
Port $SSH_PORT
ListenAddress $LISTEN_ADDRESS
HostKey $STATE_DIR/ssh_host_ed25519_key
PidFile $SSHD_PID
AllowUsers $APP_USER
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
AuthorizedKeysFile .ssh/authorized_keys
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
# Test suites open several connections at once; the default (10:30:100) starts dropping some.
MaxStartups 50:30:200
Subsystem sftp internal-sftp
LogLevel INFO
EOF
  /usr/sbin/sshd -t -f "$SSHD_CONF.new" || die "sshd rejects $SSHD_CONF.new"
  local changed=yes
  cmp -s "$SSHD_CONF.new" "$SSHD_CONF" && changed=no
  mv "$SSHD_CONF.new" "$SSHD_CONF"
  if pid_alive "$SSHD_PID" && [[ $changed == yes ]]; then
    log "reloading sshd with the new configuration"
    kill -HUP "$(<"$SSHD_PID")"
  fi
  "$here/hostctl.sh" "$ENV_NAME" start sshd
}

postgres() {
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c && $4 == "online" {ok = 1} END {exit !ok}'; then
    log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    # It waits until the server accepts connections (pg_ctl -w), so nothing races here. setsid: the server
    # runs as postgres and must not keep root's terminal. It stays up after teardown (the machine's shared
    # cluster), so above all it must not inherit a descriptor: a lock held by whoever runs provision.sh would
    # stay held by PostgreSQL.
    start_daemon setsid -w pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  fi
  # Debian's cluster listens on localhost only (listen_addresses is left at its default), which is what we want.
  local port
  port=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $3}')

  # Keep the secrets of an earlier run (tests and running apps hold them); read, never source, a file the
  # deploy user owns. Hex only, so they need no quoting in SQL or in the env file.
  local password secret
  password=$(as_app_user sed -n 's/^TODO_JDBC_PASSWORD=\([0-9a-f]\{32,\}\)$/\1/p' "$APP_HOME/env" 2>/dev/null || true)
  secret=$(as_app_user sed -n 's/^TODO_APP_SECRET=\([0-9a-f]\{32,\}\)$/\1/p' "$APP_HOME/env" 2>/dev/null || true)
  [[ -n $password ]] || password=$(openssl rand -hex 24)
  [[ -n $secret ]] || secret=$(openssl rand -hex 32)

  # SQL on stdin, not in argv, so the password shows up in no process list; psql echoes nothing with -q.
  as_user postgres psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<EOF
SELECT format('CREATE ROLE %I LOGIN', '$DB_ROLE') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_ROLE')
\\gexec
ALTER ROLE "$DB_ROLE" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_ROLE')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')
\\gexec
-- Staging's role must not reach production's database and vice versa: only the owner may connect.
REVOKE CONNECT, TEMPORARY ON DATABASE "$DB_NAME" FROM PUBLIC;
EOF

  # TODO_APP_SECRET: the app does not use one yet; generated here so a real secret has its place and path.
  printf '%s\n' \
    "# Written by provision.sh $ENV_NAME; secrets, mode 600, never commit or print." \
    "TODO_JDBC_URL=jdbc:postgresql://127.0.0.1:$port/$DB_NAME" \
    "TODO_JDBC_USER=$DB_ROLE" \
    "TODO_JDBC_PASSWORD=$password" \
    "TODO_APP_SECRET=$secret" \
    "TODO_SMTP_HOST=$LISTEN_ADDRESS" \
    "TODO_SMTP_PORT=$SMTP_PORT" |
    write_as_app_user 600 "$APP_HOME/env"
}

# A CA of the host's own (what a company's internal CA is to its staging servers), made once and kept, and
# nginx's certificate for the host's server names, signed by it; made again when a name is missing or it
# expires within 30 days. The tests trust the CA through client.env (…_CA), in addition to the JDK's CAs.
tls_certificates() {
  local names=("$SERVER_NAME") name
  [[ -n $API_SERVER_NAME ]] && names+=("$API_SERVER_NAME")
  if [[ ! -s $CA_KEY || ! -s $CA_PEM ]]; then
    log "making the $ENV_NAME host's CA"
    (umask 077 && openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$CA_KEY")
    openssl req -x509 -new -key "$CA_KEY" -sha256 -days 3650 -subj "/O=StagingTarget example/CN=todo $ENV_NAME CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out "$CA_PEM" 2>/dev/null
    rm -f "$TLS_CERT"
  fi
  chmod 600 "$CA_KEY"
  chmod 644 "$CA_PEM"
  local fresh=yes
  if [[ -s $TLS_KEY && -s $TLS_CERT ]] && openssl x509 -checkend $((30 * 86400)) -noout -in "$TLS_CERT" >/dev/null &&
    openssl verify -CAfile "$CA_PEM" "$TLS_CERT" >/dev/null 2>&1; then
    for name in "${names[@]}"; do
      openssl x509 -noout -checkhost "$name" -in "$TLS_CERT" | grep -q 'does match' || fresh=no
    done
  else
    fresh=no
  fi
  [[ $fresh == yes ]] && return 0
  log "making nginx's certificate for ${names[*]}"
  local san
  san=$(printf 'DNS:%s,' "${names[@]}")
  (umask 077 && openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$TLS_KEY.new")
  openssl req -new -key "$TLS_KEY.new" -subj "/O=StagingTarget example/CN=$SERVER_NAME" -out "$STATE_DIR/server.csr" \
    2>/dev/null
  openssl x509 -req -in "$STATE_DIR/server.csr" -CA "$CA_PEM" -CAkey "$CA_KEY" -CAcreateserial -sha256 -days 397 \
    -extfile <(printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth" "subjectAltName=${san%,}" "subjectKeyIdentifier=hash" \
      "authorityKeyIdentifier=keyid") \
    -out "$TLS_CERT.new" 2>/dev/null
  rm -f "$STATE_DIR/server.csr"
  chmod 600 "$TLS_KEY.new"
  chmod 644 "$TLS_CERT.new"
  mv -f "$TLS_KEY.new" "$TLS_KEY"
  mv -f "$TLS_CERT.new" "$TLS_CERT"
  # nginx reads its certificate when it starts or reloads.
  if pid_alive "$NGINX_PID"; then
    log "reloading nginx with the new certificate"
    kill -HUP "$(<"$NGINX_PID")"
  fi
}

# The gate (staging only): nginx's auth_basic for the whole site, user $GATE_USER with a random password that
# is kept across runs (tests and CI hold it) until --rotate-http-password. It is never printed: it goes to
# openssl on stdin and into root-only files (the password file and client.env); nginx gets its hash only.
http_gate() {
  if [[ -z $GATE_USER ]]; then
    rm -rf -- "$GATE_DIR"
    rm -f "$GATE_PASSWORD_FILE"
    return 0
  fi
  if [[ $rotate_http_password == yes || ! -s $GATE_PASSWORD_FILE ]]; then
    [[ $rotate_http_password == yes ]] && log "rotating the password of the gate's user $GATE_USER"
    (umask 077 && openssl rand -hex 16 >"$GATE_PASSWORD_FILE.new")
    mv -f "$GATE_PASSWORD_FILE.new" "$GATE_PASSWORD_FILE"
  fi
  chmod 600 "$GATE_PASSWORD_FILE"
  install -d -o root -g www-data -m 750 "$GATE_DIR"
  # Rewritten only when the password changed: the same salt gives the same hash.
  local salt="" line
  # htpasswd's line: user:$apr1$SALT$HASH.
  [[ -s $HTPASSWD ]] && IFS='$' read -r _ _ salt _ <"$HTPASSWD"
  [[ $salt =~ ^[0-9a-f]{8}$ ]] || salt=$(openssl rand -hex 4)
  line="$GATE_USER:$(openssl passwd -apr1 -salt "$salt" -stdin <"$GATE_PASSWORD_FILE")"
  if [[ ! -s $HTPASSWD || $(<"$HTPASSWD") != "$line" ]]; then
    printf '%s\n' "$line" >"$HTPASSWD.new"
    chown root:www-data "$HTPASSWD.new"
    chmod 640 "$HTPASSWD.new"
    mv -f "$HTPASSWD.new" "$HTPASSWD"
  fi
}

nginx_service() {
  # The gate covers every server of this nginx, /health and /version included: the tests' readiness probe
  # and version gate answer it like any other request.
  local gate="    # No gate: production is public."
  if [[ -n $GATE_USER ]]; then
    gate="    # The gate: every request needs the user $GATE_USER and its password (see provision.sh http_gate).
    auth_basic \"$ENV_NAME\";
    auth_basic_user_file $HTPASSWD;"
  fi
  local api_server=""
  if [[ -n $API_SERVER_NAME ]]; then
    api_server="
    # The API on a server name and port of its own (the tests' service \`api\`): the same app, only its JSON
    # API and the probes the tests use; anything else is not found here.
    server {
        listen $LISTEN_ADDRESS:$API_PORT ssl;
        server_name $API_SERVER_NAME;

        location /api/ {
            proxy_pass http://todo_app;
        }
        location = /health {
            proxy_pass http://todo_app;
        }
        location = /version {
            proxy_pass http://todo_app;
        }
        location / {
            return 404;
        }
    }"
  fi
  cat >"$NGINX_CONF.new" <<EOF
# Written by provision.sh $ENV_NAME: a private nginx serving HTTPS in front of the app's unix socket.
# The master runs as root (reads this file, the TLS key and opens the logs); the workers as www-data, which is
# in the group $APP_USER and so may use the socket (rw-rw----) and read the released static files.
user www-data;
worker_processes 1;
pid $NGINX_PID;
error_log $NGINX_ERROR_LOG warn;

events {
    worker_connections 512;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    # upstream= shows whether the app answered ("unix:…") or nginx itself ("-", e.g. static files or a 401 of
    # the gate); user= the gate's user ("-" without one).
    log_format stagingtarget '\$remote_addr [\$time_iso8601] "\$request" \$status \$body_bytes_sent '
                             'host=\$host user=\$remote_user upstream=\$upstream_addr rt=\$request_time '
                             'urt=\$upstream_response_time';
    access_log $NGINX_ACCESS_LOG stagingtarget;

    # One certificate, from the host's own CA, for every server name of this host.
    ssl_certificate $TLS_CERT;
    ssl_certificate_key $TLS_KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:tls_$ENV_NAME:1m;

$gate

    upstream todo_app {
        server unix:$APP_SOCKET;
    }

    # For every proxy_pass below. The app builds absolute links (the login e-mail's) from X-Forwarded-Proto,
    # -Host and -Port, so they lead back to https://SERVER_NAME:PORT/.
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header X-Forwarded-Host \$http_host;
    proxy_set_header X-Forwarded-Port \$server_port;
    proxy_set_header X-Real-IP \$remote_addr;

    server {
        listen $LISTEN_ADDRESS:$HTTPS_PORT ssl default_server;
        server_name $SERVER_NAME;

        # Static files straight from the current release, exported there by deploy.sh.
        location /static/ {
            alias $APP_HOME/current/static/;
            add_header X-Served-By nginx-static always;
        }

        location / {
            proxy_pass http://todo_app;
        }
    }
$api_server
}
EOF
  nginx -q -t -c "$NGINX_CONF.new" || die "nginx rejects $NGINX_CONF.new"
  local changed=yes
  cmp -s "$NGINX_CONF.new" "$NGINX_CONF" && changed=no
  mv "$NGINX_CONF.new" "$NGINX_CONF"
  if pid_alive "$NGINX_PID" && [[ $changed == yes ]]; then
    log "reloading nginx with the new configuration"
    kill -HUP "$(<"$NGINX_PID")"
  fi
  "$here/hostctl.sh" "$ENV_NAME" start nginx
}

postfix_service() {
  # Its own configuration, queue and data directories, so that staging's and production's instances (and the
  # machine's default one, which stays stopped) share nothing. Root runs master; postfix owns the data.
  install -d -o root -g root -m 755 "$POSTFIX_CONF" "$POSTFIX_QUEUE"
  install -d -o postfix -g postfix -m 700 "$POSTFIX_DATA"
  # The deploy user reads its mail over SSH; local(8) delivers as that user into these directories.
  as_app_user bash -c 'umask 077 && mkdir -p Maildir/new Maildir/cur Maildir/tmp' || die "cannot create $MAILDIR"

  cat >"$POSTFIX_CONF/main.cf.new" <<EOF
# Written by provision.sh $ENV_NAME: a private postfix on loopback that delivers every address @$MAIL_DOMAIN
# into $MAILDIR/ and sends nothing off the machine.
compatibility_level = 3.6
queue_directory = $POSTFIX_QUEUE
data_directory = $POSTFIX_DATA
mail_owner = postfix
setgid_group = postdrop
myhostname = $SERVER_NAME
myorigin = \$myhostname
mydestination = localhost
inet_interfaces = $LISTEN_ADDRESS
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
# The catch-all: any local part of $MAIL_DOMAIN (edith+RUN@..., francis@...) goes to the deploy user; the
# original recipient is kept in the X-Original-To header.
virtual_alias_domains = $MAIL_DOMAIN
virtual_alias_maps = regexp:$POSTFIX_CONF/catch-all
home_mailbox = Maildir/
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
relayhost =
default_transport = error:this host sends no mail off the machine
maillog_file = $POSTFIX_LOG
maillog_file_prefixes = /var/log
EOF
  printf '/.*/ %s@localhost\n' "$APP_USER" >"$POSTFIX_CONF/catch-all.new"
  # Only the services a loopback-only delivery needs: no port 25, no pickup of a local sendmail.
  cat >"$POSTFIX_CONF/master.cf.new" <<EOF
# Written by provision.sh $ENV_NAME. service type private unpriv chroot wakeup maxproc command
$LISTEN_ADDRESS:$SMTP_PORT inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
  local changed=no file
  for file in main.cf master.cf catch-all; do
    cmp -s "$POSTFIX_CONF/$file.new" "$POSTFIX_CONF/$file" || changed=yes
    mv "$POSTFIX_CONF/$file.new" "$POSTFIX_CONF/$file"
  done
  postfix -c "$POSTFIX_CONF" check >/dev/null 2>&1 || die "postfix rejects $POSTFIX_CONF (see $POSTFIX_LOG)"
  if postfix -c "$POSTFIX_CONF" status >/dev/null 2>&1 && [[ $changed == yes ]]; then
    log "reloading postfix with the new configuration"
    postfix -c "$POSTFIX_CONF" reload >/dev/null 2>&1
  fi
  "$here/hostctl.sh" "$ENV_NAME" start postfix
}

client_env() {
  local extra=()
  [[ -n $API_URL ]] && extra+=("export ${VAR_PREFIX}_API_URL=$API_URL/")
  if [[ -n $GATE_USER ]]; then
    extra+=("export ${VAR_PREFIX}_HTTP_USER=$GATE_USER")
    # Hex only: no quoting needed. The one secret in this file, which is why it is root's alone (600).
    extra+=("export ${VAR_PREFIX}_HTTP_PASSWORD=$(<"$GATE_PASSWORD_FILE")")
  fi
  (
    umask 077
    cat >"$CLIENT_ENV.new" <<EOF
# Written by provision.sh $ENV_NAME: what the functional tests need to reach the $ENV_NAME host.
# Source it (". $CLIENT_ENV") before mvn verify -Dtarget=$ENV_NAME. Mode 600: on staging it holds the
# gate's password (${VAR_PREFIX}_HTTP_PASSWORD); never print or commit it. The SSH key stays in its file.
export ${VAR_PREFIX}_URL=$BASE_URL/
export ${VAR_PREFIX}_CA=$CA_PEM
export ${VAR_PREFIX}_SSH_HOST=$LISTEN_ADDRESS
export ${VAR_PREFIX}_SSH_PORT=$SSH_PORT
export ${VAR_PREFIX}_SSH_USER=$APP_USER
export ${VAR_PREFIX}_SSH_KEY=$SSH_KEY
export ${VAR_PREFIX}_SSH_KNOWN_HOSTS=$KNOWN_HOSTS
export ${VAR_PREFIX}_APP_HOME=$APP_HOME
export ${VAR_PREFIX}_APP_CLI=$APP_CLI
export ${VAR_PREFIX}_APP_LOG=$APP_LOG
export ${VAR_PREFIX}_NGINX_ERROR_LOG=$NGINX_ERROR_LOG
export ${VAR_PREFIX}_NGINX_ACCESS_LOG=$NGINX_ACCESS_LOG
export ${VAR_PREFIX}_MAIL_DOMAIN=$MAIL_DOMAIN
export ${VAR_PREFIX}_MAILDIR=$MAILDIR
EOF
    if ((${#extra[@]})); then printf '%s\n' "${extra[@]}" >>"$CLIENT_ENV.new"; fi
  )
  chmod 600 "$CLIENT_ENV.new"
  mv "$CLIENT_ENV.new" "$CLIENT_ENV"
}

install_packages
hosts_file
deploy_user
ssh_keys
sshd_service
postgres
postfix_service
tls_certificates
http_gate
nginx_service
client_env
log "ready: $BASE_URL/ ${API_URL:+and $API_URL/ }(nginx, HTTPS${GATE_USER:+ behind a gate for the user $GATE_USER}), ssh -p $SSH_PORT $APP_USER@$LISTEN_ADDRESS; client settings in $CLIENT_ENV"
