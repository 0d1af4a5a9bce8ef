#!/usr/bin/env bash
# `npm run bench:burst`: set up like the tests, start the local database (unless
# MONGODB_URI points at one), then time a burst of calls against the same calls one at a time (bench/burst.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
export RESUME_AI_DB_MEMORY=1
use_local_db_unless_configured
node bench/burst.mjs
