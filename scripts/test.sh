#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test. Builds the addon in release
# (candle in debug is orders of magnitude slower), installs the real model, starts the local
# database the integration tests use (unless MONGODB_URI points at one), runs the Rust and the
# Node tests, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ -z "${MONGODB_URI:-}" ]; then
  MONGODB_URI="$(RESUME_AI_DB_MEMORY=1 bash scripts/db.sh start | tail -n1)"
  export MONGODB_URI
  trap 'bash scripts/db.sh stop' EXIT
fi
cargo test --release --no-default-features --quiet
node --test --test-concurrency=1 __test__/*.spec.mjs
