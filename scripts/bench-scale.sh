#!/usr/bin/env bash
# `npm run bench:scale`: set up like the tests, start the local database (unless MONGODB_URI
# points at one), then time recommendations on generated boards (bench/scale.mjs;
# SCALE_SIZES=1000,10000 picks the sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
# In memory, with room for 50,000 postings and their embeddings.
export RESUME_AI_DB_MEMORY=1 RESUME_AI_DB_CACHE="${RESUME_AI_DB_CACHE:-8G}"
use_local_db_unless_configured
node bench/scale.mjs
