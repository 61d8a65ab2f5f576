# shellcheck shell=bash
# Sourced by .ci/run and .ci/fault-checks.sh: the unprivileged build user that runs every Maven stage, as on
# a real CI runner. Root keeps only what needs root: installing packages, provisioning the hosts, deploying
# and injecting faults. The build user
#   - builds a copy of the checkout in its own home ($BUILD_DIR), replaced on every run, so that root never
#     runs, sources or builds a file the build user can change (root's host scripts come from the clone);
#   - has its own Maven repository, seeded once from root's (~/.m2/repository) to save downloads;
#   - gets each host's SSH key and known_hosts as files of its own (what a CI secret is), and the client
#     settings from client.env in its environment — nothing else of root's environment;
#   - runs in a session of its own (setsid) with stdin on /dev/null: no process of the build can push input
#     into an admin's terminal (TIOCSTI). Ctrl-C or SIGTERM of the pipeline ends the running stage.

# close_inherited_fds, shared with the host scripts.
# shellcheck source=example-tests/staging/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../example-tests/staging/lib.sh"

BUILD_USER=stagingtarget-ci
BUILD_HOME=/var/lib/$BUILD_USER
BUILD_DIR=$BUILD_HOME/checkout
# The process group (= session) of the build user's command now running; ended on Ctrl-C or SIGTERM.
BUILD_PID=

# Creates the user and its Maven repository; idempotent.
build_user_create() {
  if ! id "$BUILD_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$BUILD_HOME" --shell /bin/bash "$BUILD_USER"
  fi
  # The extension's tests start a private sshd as the current user and log in with a key: with UsePAM no, an
  # account whose password field is '!' (locked, what useradd leaves) is refused. '*' matches no password.
  usermod -p '*' "$BUILD_USER"
  install -d -o "$BUILD_USER" -g "$BUILD_USER" -m 750 "$BUILD_HOME"
  # sshd needs its privilege separation directory even when a test starts it unprivileged; only root may
  # create it (without systemd nothing does after a reboot).
  install -d -m 755 /run/sshd

  local seed=${HOME:-/root}/.m2
  if [[ ! -d $BUILD_HOME/.m2/repository && -d $seed/repository ]]; then
    echo "Seeding $BUILD_USER's Maven repository from $seed/repository"
    # Copied aside and renamed, so an interrupted copy is redone rather than taken for a complete one.
    as_build_user mkdir -p "$BUILD_HOME/.m2/.seeding"
    tar -C "$seed/repository" -cf - . | as_build_user_reading tar -C "$BUILD_HOME/.m2/.seeding" -xf -
    as_build_user mv -T "$BUILD_HOME/.m2/.seeding" "$BUILD_HOME/.m2/repository"
  fi
  # Mirrors and proxies that root's Maven needs, the build user's needs too.
  if [[ -f $seed/settings.xml && ! -f $BUILD_HOME/.m2/settings.xml ]]; then
    # shellcheck disable=SC2016 # expanded by the inner shell, from its arguments
    as_build_user_reading sh -c 'umask 077 && cat >"$1"' write "$BUILD_HOME/.m2/settings.xml" <"$seed/settings.xml"
  fi
}

# Replaces the build user's copy with the files of checkout $1 as they are in its working tree (tracked and
# untracked, not ignored; no .git, no build output), the way a CI runner checks out into its workspace.
build_user_checkout() {
  local repo=$1
  as_build_user rm -rf "$BUILD_DIR"
  as_build_user mkdir "$BUILD_DIR"
  git -C "$repo" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
      # A file deleted but not yet staged is still listed.
      [[ -e $repo/$file || -L $repo/$file ]] && printf '%s\0' "$file"
    done |
    tar -C "$repo" --null --no-recursion -T - -cf - |
    as_build_user_reading tar -C "$BUILD_DIR" -xf -
}

# Exports the client settings of host $1 (staging or production) from root's client.env, with the SSH key,
# known_hosts and the host's CA certificate replaced by the build user's own copies (mode 600), refreshed from
# the host's every time. The gate's password (STAGING_HTTP_PASSWORD) reaches the build user's commands in
# their environment only, as a CI secret does.
build_user_target() {
  local env=$1 prefix=${1^^} dir=$BUILD_HOME/secrets/$1 name
  # shellcheck disable=SC1090 # written by provision.sh
  source "/var/lib/stagingtarget-hosts/$env/client.env"
  for name in SSH_KEY SSH_KNOWN_HOSTS CA; do
    local variable=${prefix}_$name file
    file=$dir/$(basename "${!variable}")
    # shellcheck disable=SC2016 # expanded by the inner shell, from its arguments
    as_build_user_reading sh -c 'umask 077 && mkdir -p "$1" && cat >"$2.new" && mv -f "$2.new" "$2"' \
      write "$dir" "$file" <"${!variable}"
    export "$variable=$file"
  done
}

# The part of root's environment a build user's command sees: the hosts' client settings, the commit under
# test and Maven's own options.
build_environment() {
  local name
  for name in $(compgen -e); do
    case $name in
      STAGING_* | PRODUCTION_* | GIT_COMMIT | MAVEN_OPTS | JAVA_HOME) printf '%s=%s\0' "$name" "${!name}" ;;
    esac
  done
}

# Runs a command as the build user in $BUILD_DIR (its home while there is none) with stdin on /dev/null.
as_build_user() {
  as_build_user_reading "$@" </dev/null
}

# Like as_build_user, but the command reads this script's stdin: only for callers that feed it (a pipe).
as_build_user_reading() {
  local variables=() dir=$BUILD_DIR status=0
  [[ -d $dir ]] || dir=$BUILD_HOME
  mapfile -d '' -t variables < <(build_environment)
  # Not setsid -w: in the background, setsid does not fork, so $! is the new session's (and group's) id.
  # No descriptor of root's but stdin, stdout and stderr (a lock held by whoever runs .ci/run, say).
  (
    close_inherited_fds
    exec setsid runuser -u "$BUILD_USER" -- env -i -C "$dir" HOME="$BUILD_HOME" USER="$BUILD_USER" \
      LOGNAME="$BUILD_USER" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "${variables[@]}" "$@"
  ) <&0 &
  BUILD_PID=$!
  wait "$BUILD_PID" || status=$?
  BUILD_PID=
  return "$status"
}

# Ends the build user's command now running, with whatever it started in its process group.
build_user_interrupt() {
  [[ -n $BUILD_PID ]] && kill -TERM -- "-$BUILD_PID" 2>/dev/null
  return 0
}

# Waits up to $1 seconds until no process of the build user runs any more; fails listing those left.
build_user_no_process_left() {
  local deadline=$((SECONDS + $1)) left
  while left=$(ps -u "$BUILD_USER" -o pid=,stat=,args= 2>/dev/null | awk '$2 !~ /^Z/') && [[ -n $left ]]; do
    if ((SECONDS >= deadline)); then
      echo "Processes of $BUILD_USER still running $1 s after the last stage:" >&2
      echo "$left" >&2
      return 1
    fi
    sleep 0.2
  done
}
