#!/usr/bin/env bash
# `npm run bench:cluster`: set up like the tests, start the local database (unless MONGODB_URI
# points at one), then time clusterJobs / similarJobs / marketInsights on generated boards
# (bench/cluster.mjs; CLUSTER_SIZES=1000,10000 picks the sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
export RESUME_AI_DB_MEMORY=1 RESUME_AI_DB_CACHE="${RESUME_AI_DB_CACHE:-8G}"
# The two cores of the machines this project is measured on, whatever this one has.
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-2}"
use_local_db_unless_configured
node bench/cluster.mjs
