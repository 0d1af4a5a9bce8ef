#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test. Builds the addon in release
# (candle in debug is orders of magnitude slower), installs the real model, starts the local
# database the integration tests use (unless MONGODB_URI points at one), runs the Rust and the
# Node tests, and stops what it started. Formatting and clippy warnings fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh --test-hooks
# The dashboard's test drives Debian's Chromium (headless) through puppeteer-core.
apt_install_missing chromium chromium
# Lint gates: the core with its tests, then the Node binding (its #[napi] items exist only
# outside test builds, so it is linted as the library alone).
cargo fmt --check
cargo clippy --release --all-targets --no-default-features --quiet -- -D warnings
cargo clippy --release --lib --features test-hooks --quiet -- -D warnings
export RESUME_AI_DB_MEMORY=1
use_local_db_unless_configured
# The fault suite kills a SecantusDB of its own, whatever MONGODB_URI is.
bash scripts/db.sh install
cargo test --release --no-default-features --quiet
# Each spec file is its own process with its own database, so they run two at a time; the
# examples (event-loop lag while BullMQ workers load the CPU) and the package check (npm pack,
# install, tsc) run alone after them, so that no other file competes with what they measure.
alone=(__test__/examples.spec.mjs __test__/package.spec.mjs)
together=()
for spec in __test__/*.spec.mjs; do
  [[ " ${alone[*]} " == *" $spec "* ]] || together+=("$spec")
done
node --test --test-concurrency=2 "${together[@]}"
node --test --test-concurrency=1 "${alone[@]}"
