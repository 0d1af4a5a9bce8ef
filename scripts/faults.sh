#!/usr/bin/env bash
# `npm run faults`: the fault suite (__test__/faults.spec.mjs) at length: 15 kills per case
# instead of the 2 of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh --test-hooks
export RESUME_AI_DB_MEMORY=1
use_local_db_unless_configured
# The database case starts a server of its own from the venv, whatever MONGODB_URI is.
bash scripts/db.sh install
FAULT_ROUNDS="${FAULT_ROUNDS:-15}" node --test __test__/faults.spec.mjs
