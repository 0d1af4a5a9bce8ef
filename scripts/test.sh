#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test. Builds the addon in release
# (candle in debug is orders of magnitude slower), installs the real model, starts the local
# database the integration tests use (unless MONGODB_URI points at one), runs the Rust and the
# Node tests, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh --test-hooks
export RESUME_AI_DB_MEMORY=1
use_local_db_unless_configured
cargo test --release --no-default-features --quiet
node --test --test-concurrency=1 __test__/*.spec.mjs
