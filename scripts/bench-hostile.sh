#!/usr/bin/env bash
# `npm run bench:hostile`: set up like the tests, start the local database (unless
# MONGODB_URI points at one), then time hostile documents (bench/hostile.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
export RESUME_AI_DB_MEMORY=1
use_local_db_unless_configured
node bench/hostile.mjs
