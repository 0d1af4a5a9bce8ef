#!/usr/bin/env bash
# `npm run bench`: set up like the tests, then print the encoder's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node bench/embed.mjs
