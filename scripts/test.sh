#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test. Builds the addon in release
# (candle in debug is orders of magnitude slower), installs the real model, starts the local
# services the integration tests use, runs the Rust and the Node tests, stops the services.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo test --release --quiet
node --test --test-concurrency=1 __test__/
