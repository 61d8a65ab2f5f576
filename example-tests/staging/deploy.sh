#!/usr/bin/env bash
# deploy.sh ENV COMMIT [ARTIFACT_DIR] — ship COMMIT to the ENV host the way a CI job ships to a remote server:
# everything happens over SSH as the deploy user, with the key and known_hosts provision.sh made.
#
#   1. git push COMMIT into the host's bare repository (/srv/git/todo-ENV.git, ref refs/deployed/SHA)
#   2. upload the artifact CI built from COMMIT: ARTIFACT_DIR/lib (default example-tests/target/app), and
#      install the host scripts from this directory: /srv/todo-ENV/bin/todo (the app's CLI with the host's
#      database, for the tests' SSH console) and /srv/todo-ENV/bin/appctl (start/stop the app)
#   3. on the host: git archive the commit's tree into /srv/todo-ENV/releases/SHA/, add lib/, export the
#      static files to static/ (nginx serves them), migrate the database with the new code, point
#      /srv/todo-ENV/current at the release, restart the app on its unix socket (TODO_VERSION=SHA)
#   4. wait until https://HOST:PORT/version answers SHA through nginx (and the gate), and the API's too
#
# The artifact must be built from COMMIT. If ARTIFACT_DIR/BUILD-COMMIT exists (CI can write it right after
# `mvn package`: git rev-parse HEAD > example-tests/target/app/BUILD-COMMIT) it must name COMMIT; without it,
# the checkout's HEAD must be COMMIT, which holds when CI builds and deploys from the same clean checkout.
#
# Idempotent: deploying the commit that already runs re-checks the release and the schema and leaves the app
# running; a release directory is only ever created complete (built aside, then renamed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"

[[ $# -ge 2 && $# -le 3 ]] || die "usage: $0 staging|production COMMIT [ARTIFACT_DIR]"
env_settings "$1"
started=$SECONDS

repo=$(git -C "$here" rev-parse --show-toplevel)
sha=$(git -C "$repo" rev-parse --verify --quiet "$2^{commit}") || die "no commit '$2' in $repo"
artifact=${3:-$repo/example-tests/target/app}

[[ -f $CLIENT_ENV ]] || die "no $CLIENT_ENV: run provision.sh $ENV_NAME first"
compgen -G "$artifact/lib/staging-target-example-*.jar" >/dev/null ||
  die "no app jar in $artifact/lib: build it first (mvn -B -pl example-tests -am package -DskipTests)"
if [[ -f $artifact/BUILD-COMMIT ]]; then
  built=$(<"$artifact/BUILD-COMMIT")
  [[ $built == "$sha" ]] || die "$artifact was built from $built, not $sha"
else
  log "no $artifact/BUILD-COMMIT: assuming the artifact was built from this checkout's HEAD"
  head=$(git -C "$repo" rev-parse HEAD)
  [[ $head == "$sha" ]] ||
    die "$artifact has no BUILD-COMMIT and the checkout is at $head, not $sha: cannot tell what it was built from"
  git -C "$repo" diff --quiet HEAD -- example-tests/src example-tests/pom.xml pom.xml ||
    log "warning: the checkout has uncommitted changes to the app's sources; the artifact may contain them"
fi

# Strict host key checking against the known_hosts line provision.sh wrote; never ask, never use an agent.
ssh_opts=(-i "$SSH_KEY" -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes
  -o UserKnownHostsFile="$KNOWN_HOSTS" -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -p "$SSH_PORT")
remote=$APP_USER@$LISTEN_ADDRESS

log "deploying $sha to $remote"
# Say plainly what is down, instead of git's "Could not read from remote repository".
port_open "$SSH_PORT" || die "nothing listens on $LISTEN_ADDRESS:$SSH_PORT: sshd is down (hostctl.sh $ENV_NAME start sshd)"

# 1. The commit into the host's bare repository. A ref per deployed commit keeps it from being garbage collected.
printf -v git_ssh '%q ' ssh "${ssh_opts[@]}"
GIT_SSH_COMMAND=$git_ssh git -C "$repo" push --quiet --force \
  "ssh://$remote:$SSH_PORT$GIT_REPO" "$sha:refs/deployed/$sha"

# 2. The artifact and this checkout's host scripts (bin/appctl, bin/todo), unpacked next to the releases.
# shellcheck disable=SC2029 # $sha is meant to expand here, on the client
tar -cf - -C "$artifact" lib -C "$here/host" appctl todo | ssh "${ssh_opts[@]}" "$remote" \
  "cd releases && rm -rf .incoming-$sha && mkdir .incoming-$sha && tar -x -C .incoming-$sha"

# 3. Install and start the release on the host, as the deploy user.
ssh "${ssh_opts[@]}" "$remote" bash -s -- "$sha" "$GIT_REPO" <<'REMOTE'
set -euo pipefail
sha=$1 git_repo=$2
cd "$HOME"
umask 027 # the group (and so nginx's www-data) may read the release, nobody else
release=releases/$sha
incoming=releases/.incoming-$sha

# The host scripts first: the steps below use them. Renamed into place, so a running `todo` is not disturbed.
for script in appctl todo; do
  chmod 755 "$incoming/$script"
  mv -f "$incoming/$script" "bin/$script"
done

if [[ -f $release/.complete ]]; then
  echo "release $sha: already installed"
  bin/todo db migrate
else
  building=releases/.building-$sha
  rm -rf "$building"
  mkdir "$building"
  git --git-dir="$git_repo" archive "$sha" | tar -x -C "$building"
  mv "$incoming/lib" "$building/lib"
  # The new release's own code exports its static files and migrates the schema, before any traffic reaches it.
  TODO_RELEASE=$building bin/todo static export "$building/static" + db migrate
  touch "$building/.complete"
  mv -T "$building" "$release"
  echo "release $sha: installed"
fi
rm -rf "$incoming"

previous=$(readlink current || true)
if [[ $previous != "$release" ]]; then
  # Atomic switch: rename a new symlink over the old one, so nginx never sees a missing current/.
  ln -sfn "$release" .current.new
  mv -T .current.new current
  echo "current -> $release (was ${previous:-nothing})"
  bin/appctl restart
elif bin/appctl status >/dev/null; then
  echo "app: already running $sha"
else
  bin/appctl start
fi

# Keep the newest five releases (and the current one) so a rollback stays one symlink away.
mapfile -t releases < <(ls -1t releases | grep -v '^[.]' || true)
for old in "${releases[@]:5}"; do
  if [[ releases/$old != "$release" ]]; then
    rm -rf "releases/$old"
    echo "removed old release $old"
  fi
done
REMOTE

# 4. Deployed means: nginx answers with this commit's version. The app already answered on its socket (appctl
# waits for that), so only nginx can be missing here: no point waiting for a port nobody listens on.
port_open "$HTTPS_PORT" ||
  die "the app runs $sha but nothing listens on $LISTEN_ADDRESS:$HTTPS_PORT: nginx is down (hostctl.sh $ENV_NAME start nginx)"
deadline=$((SECONDS + 30))
until version=$(http_get /version 2>/dev/null || true) && [[ $version == "$sha" ]] || ((SECONDS >= deadline)); do
  sleep 0.2
done
if [[ $version != "$sha" ]]; then
  die "$BASE_URL/version answers '${version:-nothing}', not $sha (is nginx running? hostctl.sh $ENV_NAME status;" \
    "$NGINX_ERROR_LOG, $APP_LOG)"
fi
if [[ -n $API_URL ]]; then
  version=$(http_get /version api 2>&1 || true)
  [[ $version == "$sha" ]] ||
    die "$API_URL/version answers '${version:-nothing}', not $sha (is nginx's API server configured? $NGINX_ERROR_LOG)"
fi
log "deployed $sha: $BASE_URL/version${API_URL:+ and $API_URL/version} answer it ($((SECONDS - started)) s)"
