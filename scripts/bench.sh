#!/usr/bin/env bash
# `npm run bench`: set up like the tests, then print the encoder's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Pinned, so that runs compare: the engine's thread pool (rayon, as candle's matmuls use it)
# gets RAYON_NUM_THREADS threads, 2 unless set (the peer benchmark's setting).
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-2}"
node bench/embed.mjs
