#!/usr/bin/env bash
# Local SecantusDB (MongoDB wire protocol on WiredTiger) for development and tests.
#   scripts/db.sh start   start (or reuse) the server; prints its URI as the last line
#   scripts/db.sh stop    stop it; fine when nothing runs
#   scripts/db.sh uri     print the running server's URI, or exit 1
#   scripts/db.sh install install the pinned server into the venv; start nothing
# Env: RESUME_AI_DB_PORT (default: a free port), RESUME_AI_DB_MEMORY=1 (ephemeral
# ':memory:' storage instead of <repo>/.run/db-data), RESUME_AI_DB_CACHE (WiredTiger cache,
# default 2G: in-memory storage keeps every document in it, and the tests' and benchmarks'
# generated boards of 5,000-50,000 postings with their embeddings need more than 1 GB). A server that is already running is
# reused as it is, whatever these say: stop it first to change them.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECANTUS_PIN=0.7.0b3
VENV="$REPO_ROOT/.venv"
NAME=db
PATTERN=secantusd-py  # what the server's command line contains (guards against pid reuse)

# The pinned server lives in a project-local venv so it never touches the system Python.
# The version check keeps repeat starts fast (~0.1 s) and upgrades a stale pin.
ensure_venv() {
  if ! "$VENV/bin/python" -c '' 2>/dev/null; then
    # Missing, or its base interpreter went away: (re)create it.
    python3 -m venv --clear "$VENV" \
      || die "python3 -m venv failed (on Debian: apt-get install -y python3-venv)"
  fi
  if ! "$VENV/bin/python" -c 'import importlib.metadata as m, sys
sys.exit(m.version("secantusdb") != sys.argv[1])' "$SECANTUS_PIN" 2>/dev/null \
     || [ ! -x "$VENV/bin/secantusd-py" ]; then
    echo "$NAME: installing secantusdb==$SECANTUS_PIN into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      "secantusdb==$SECANTUS_PIN" >&2 || die "pip install secantusdb==$SECANTUS_PIN failed"
  fi
}

start() {
  svc_lock "$NAME"
  if svc_running "$NAME" "$PATTERN"; then
    cat "$RUN_DIR/$NAME.uri"
    return
  fi
  svc_stop "$NAME" "$PATTERN"  # reap a hung or half-started one and its stale files
  ensure_venv

  local port storage
  port=$(pick_port "${RESUME_AI_DB_PORT:-}")
  storage="$RUN_DIR/db-data"
  if [ "${RESUME_AI_DB_MEMORY:-0}" = 1 ]; then storage=":memory:"; fi
  # An empty config file pins the configuration: otherwise the launcher would pick up a
  # stray ./secantusd.toml, ~/.secantus/secantusd.toml or /etc/secantus/secantusd.toml.
  : > "$RUN_DIR/secantusd.toml"

  # SIGTERM makes it close WiredTiger cleanly (exit 0, ~2.5 s); data on disk persists.
  svc_launch "$NAME" "$port" 30 port_open -- \
    "$VENV/bin/secantusd-py" --config "$RUN_DIR/secantusd.toml" \
      --host 127.0.0.1 --port "$port" --storage-path "$storage" --cache-size "${RESUME_AI_DB_CACHE:-2G}"
  echo "mongodb://127.0.0.1:$port" > "$RUN_DIR/$NAME.uri"
  cat "$RUN_DIR/$NAME.uri"
}

case "${1:-}" in
  start) start ;;
  stop) svc_lock "$NAME"; svc_stop "$NAME" "$PATTERN" ;;
  uri) svc_uri "$NAME" "$PATTERN" ;;
  install) ensure_venv ;;
  *) echo "usage: $0 start|stop|uri|install" >&2; exit 2 ;;
esac
