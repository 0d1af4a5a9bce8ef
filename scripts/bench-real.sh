#!/usr/bin/env bash
# `npm run bench:real`: set up like the tests, start the local database (unless MONGODB_URI
# points at one), then measure skill extraction and job families on public human-labelled
# data read from local copies (bench/real.mjs; it downloads nothing and says how to get a set
# whose path is missing). Arguments go to bench/real.mjs, e.g.
#   npm run bench:real -- --skills-dir ~/data/Skill-Extraction-benchmark \
#                         --titles-dir ~/data/JobBERT-evaluation-dataset [--split test]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

bash scripts/setup.sh
export RESUME_AI_DB_MEMORY=1
# The two cores of the machines this project is measured on, whatever this one has.
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-2}"
use_local_db_unless_configured
node bench/real.mjs "$@"
