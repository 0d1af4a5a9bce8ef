#!/usr/bin/env bash
# Shared first step of `npm test`, `npm run demo` and `npm run bench`: Node dependencies,
# the release build of the addon, and the model. Each step is skipped when already done.
# `setup.sh --test-hooks` builds the addon with the hooks the Node tests use (src/testing.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/napi ] || npm ci --no-audit --no-fund
features=()
[ "${1:-}" = --test-hooks ] && features=(--features test-hooks)
npx napi build --platform --release ${features[@]+"${features[@]}"}
bash scripts/fetch-model.sh
