#!/usr/bin/env bash
# Local, throwaway Redis for development and tests (no persistence: nothing survives stop).
#   scripts/redis.sh start   start (or reuse) the server; prints its URL as the last line
#   scripts/redis.sh stop    stop it; fine when nothing runs
#   scripts/redis.sh uri     print the running server's URL, or exit 1
# Env: RESUME_AI_REDIS_PORT (default: a free port).
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=redis
PATTERN=redis-server  # what the server's command line contains (guards against pid reuse)

# Debian's package, installed only when missing so repeat starts stay fast and offline.
ensure_redis() { apt_install_missing redis-server redis-server; }

# Ready means answering PING, not merely accepting TCP (redis-cli ships in redis-tools,
# a dependency of redis-server; fall back to TCP if someone removed it).
redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]
  else
    port_open "$1"
  fi
}

start() {
  svc_lock "$NAME"
  if svc_running "$NAME" "$PATTERN"; then
    cat "$RUN_DIR/$NAME.uri"
    return
  fi
  svc_stop "$NAME" "$PATTERN"  # reap a hung or half-started one and its stale files
  ensure_redis

  local port
  port=$(pick_port "${RESUME_AI_REDIS_PORT:-}")
  # No config file: defaults plus these flags. --dir keeps any stray file inside .run/.
  svc_launch "$NAME" "$port" 30 redis_ready -- \
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
      --daemonize no --dir "$RUN_DIR" --logfile ''
  echo "redis://127.0.0.1:$port" > "$RUN_DIR/$NAME.uri"
  cat "$RUN_DIR/$NAME.uri"
}

case "${1:-}" in
  start) start ;;
  stop) svc_lock "$NAME"; svc_stop "$NAME" "$PATTERN" ;;
  uri) svc_uri "$NAME" "$PATTERN" ;;
  *) echo "usage: $0 start|stop|uri" >&2; exit 2 ;;
esac
