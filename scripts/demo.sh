#!/usr/bin/env bash
# `npm run demo`: build, install the model, start the local database (unless MONGODB_URI
# points at one), seed it when empty, and print a score card, the best jobs and a comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
use_local_db_unless_configured
node demo/run.mjs
