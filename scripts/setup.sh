#!/usr/bin/env bash
# Shared first step of `npm test`, `npm run demo` and `npm run bench`: Node dependencies,
# the release build of the addon, and the model. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/napi ] || npm ci --no-audit --no-fund
npx napi build --platform --release
bash scripts/fetch-model.sh
