#!/usr/bin/env bash
# Per-class fixture cost over SSH: StagingTarget's console vs one ssh process per command vs ControlMaster.
# Starts a private OpenSSH sshd on a free loopback port, runs the Java benchmark from the test classes,
# and writes the figures into docs/performance.md (section "SSH transport").
# Usage: bench/ssh-transport.sh [RUNS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-15}"
WORK="$(mktemp -d /tmp/staging-target-bench.XXXXXX)"
SSHD_PID=""
cleanup() {
  if [ -n "$SSHD_PID" ]; then kill "$SSHD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mvn -B -q -f extension/pom.xml test-compile
CP="extension/target/test-classes:extension/target/classes:$(mvn -B -q -f extension/pom.xml dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"

mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
cp "$WORK/id_ed25519.pub" "$WORK/authorized_keys"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$WORK/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
MaxSessions 20
CONF
/usr/sbin/sshd -D -f "$WORK/sshd_config" -E "$WORK/sshd.log" &
SSHD_PID=$!
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/host_key.pub")" > "$WORK/known_hosts"
for _ in $(seq 50); do
  grep -q "Server listening" "$WORK/sshd.log" 2>/dev/null && break
  sleep 0.1
done

TABLE="$(java -cp "$CP" io.github.stagingtarget.bench.SshTransportBenchmark \
  "$PORT" "$(id -un)" "$WORK/id_ed25519" "$WORK/known_hosts" "$WORK/mux.sock" "$RUNS" 2>/dev/null)"
echo "$TABLE"

SECTION="## SSH transport

Measured by \`bench/ssh-transport.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, OpenSSH $(ssh -V 2>&1 | cut -d, -f1),
loopback sshd started by the script. One test class's fixtures are a reset, two seeds and one session key, all
trivial commands (\`true\`, \`echo\`); the seed uploads ride inside our one script and are not counted for the
ssh variants. Our connection is opened once per run (not counted, ≈ 0.1–0.5 s).
With \`@PreAuthenticated\` the whole class (reset, both seeds and the session key) is one SSH channel running
one script; a test that calls \`sessions.create\` itself adds a second channel (second row). Load average
when measured: $(cut -d' ' -f1 /proc/loadavg). Under load, process start-up dominates and absolute figures
vary a lot; the ratios less.

$TABLE"
python3 - "$SECTION" <<'PY'
import pathlib, re, sys
section = sys.argv[1].rstrip() + "\n"
path = pathlib.Path("docs/performance.md")
text = path.read_text() if path.exists() else "# Performance\n"
pattern = re.compile(r"^## SSH transport\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
path.write_text(text)
PY
echo "wrote docs/performance.md"
