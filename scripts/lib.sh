# shellcheck shell=bash
# Shared helpers for scripts/db.sh, scripts/redis.sh and scripts/test.sh. Sourced, not run.
# Each service keeps <repo>/.run/<name>.pid, <name>.uri and <name>.log.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$REPO_ROOT/.run"

die() { echo "error: $*" >&2; exit 1; }

# Prints a TCP port that nothing on 127.0.0.1 listens on right now. The kernel picks it
# (bind to port 0) so parallel runs don't collide; a bash fallback covers a machine with
# no python3. A race with another process remains, so callers check that the server came up.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local p
  for _ in $(seq 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    port_open "$p" || { echo "$p"; return; }
  done
  die "no free port found"
}

# apt_install_missing COMMAND PACKAGE: installs Debian's PACKAGE with apt-get unless COMMAND
# is already on PATH (so a second run stays fast and offline); sudo when not root.
apt_install_missing() {
  local command=$1 package=$2 sudo=
  command -v "$command" >/dev/null 2>&1 && return
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$command is missing and installing $package needs root"
    sudo=sudo
  fi
  echo "installing $package with apt-get" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >&2
  command -v "$command" >/dev/null 2>&1 || die "apt-get install $package did not provide $command"
}

# True when something accepts connections on 127.0.0.1:PORT (loopback refuses at once,
# so no timeout is needed).
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when PID is alive and its command line contains PATTERN: a stale pid file whose
# pid now belongs to another program must never be treated as (or killed as) our server.
pid_matches() {
  local pid=$1 pattern=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

# svc_running NAME PATTERN: our pid file, that process alive, and the port in the uri
# file answering.
svc_running() {
  local name=$1 pattern=$2 pid uri
  pid=$(cat "$RUN_DIR/$name.pid" 2>/dev/null) || return 1
  uri=$(cat "$RUN_DIR/$name.uri" 2>/dev/null) || return 1
  pid_matches "$pid" "$pattern" && port_open "${uri##*:}"
}

# svc_uri NAME PATTERN: prints the running server's URI, or fails.
svc_uri() {
  svc_running "$1" "$2" || { echo "$1: not running" >&2; return 1; }
  cat "$RUN_DIR/$1.uri"
}

# svc_stop NAME PATTERN: TERM, then KILL if it has not exited after 10 s (SecantusDB
# needs ~2.5 s to close WiredTiger cleanly, so don't cut that short). Quiet when idle.
svc_stop() {
  local name=$1 pattern=$2 pid
  pid=$(cat "$RUN_DIR/$name.pid" 2>/dev/null || true)
  if pid_matches "$pid" "$pattern"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
      pid_matches "$pid" "$pattern" || break
      sleep 0.1
    done
    if pid_matches "$pid" "$pattern"; then
      echo "$name: pid $pid ignored SIGTERM for 10 s, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "$name: stopped (pid $pid)" >&2
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.uri"
}

# pick_port REQUESTED: REQUESTED (from an env var) when set, else a free one. A requested
# port that is already taken is an error rather than a silent connection to a stranger.
pick_port() {
  local want=${1:-}
  if [ -z "$want" ]; then free_port; return; fi
  case "$want" in *[!0-9]*) die "port '$want' is not a number" ;; esac
  ! port_open "$want" || die "port $want on 127.0.0.1 is already in use"
  echo "$want"
}

# svc_launch NAME PORT TIMEOUT_S CHECK -- COMMAND...: starts COMMAND in the background, detached
# from this shell's session (setsid: a Ctrl-C in the caller's terminal must not reach it;
# stdout/stderr go to the log so `$(db.sh start)` doesn't wait on the server's pipe),
# writes the pid file at once (so `stop` can reap a half-started server), then waits
# until `CHECK PORT` succeeds.
svc_launch() {
  local name=$1 port=$2 timeout=$3 check=$4 pid
  shift 5
  : > "$RUN_DIR/$name.log"
  setsid "$@" </dev/null >>"$RUN_DIR/$name.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" > "$RUN_DIR/$name.pid"
  svc_wait "$name" "$pid" "$timeout" "$check" "$port"
}

# svc_wait NAME PID TIMEOUT_S CHECK...: polls CHECK (a command) until it succeeds. Fails
# fast if the server exits (e.g. port taken, data dir locked), and shows the log tail.
svc_wait() {
  local name=$1 pid=$2 timeout=$3 deadline
  shift 3
  deadline=$(( $(date +%s) + timeout ))
  while ! "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $name exited during startup; last lines of $RUN_DIR/$name.log:" >&2
      tail -n 20 "$RUN_DIR/$name.log" >&2 || true
      rm -f "$RUN_DIR/$name.pid"
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "error: $name not answering after ${timeout}s; last lines of $RUN_DIR/$name.log:" >&2
      tail -n 20 "$RUN_DIR/$name.log" >&2 || true
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$RUN_DIR/$name.pid"
      return 1
    fi
    sleep 0.1
  done
}

# Serialises start/stop of one service so two parallel callers can't start two servers.
# fd 9 must not leak into the server (it would hold the lock forever): launch with 9>&-.
svc_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/$1.lock"
  flock 9
}

# For test.sh, demo.sh, faults.sh and bench-with-db.sh: unless MONGODB_URI is set, start the local SecantusDB
# (scripts/db.sh; its RESUME_AI_DB_* variables apply), export its URI, and stop it when the
# calling script exits.
use_local_db_unless_configured() {
  [ -z "${MONGODB_URI:-}" ] || return 0
  MONGODB_URI="$(bash "$REPO_ROOT/scripts/db.sh" start | tail -n1)"
  export MONGODB_URI
  trap 'bash "$REPO_ROOT/scripts/db.sh" stop >/dev/null' EXIT
}
