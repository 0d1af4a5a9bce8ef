#!/usr/bin/env bash
# `npm run demo`: build, install the model, start the local database (unless MONGODB_URI
# points at one), seed it when empty, and print a score card, the best jobs and a comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ -z "${MONGODB_URI:-}" ]; then
  MONGODB_URI="$(bash scripts/db.sh start | tail -n1)"
  export MONGODB_URI
  trap 'bash scripts/db.sh stop >/dev/null' EXIT
fi
node demo/run.mjs
