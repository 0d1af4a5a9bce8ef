#!/usr/bin/env bash
# `npm run bench:<name>` for the benchmarks that need a database (scale, cluster, hostile,
# burst): set up like the tests, start the local database in memory (unless MONGODB_URI points
# at one), then run bench/<name>.mjs. Each bench file's header says what it measures and which
# variables pick its sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. scripts/lib.sh

name="${1:?usage: scripts/bench-with-db.sh scale|cluster|hostile|burst}"
[ -f "bench/$name.mjs" ] || die "no bench/$name.mjs"
bash scripts/setup.sh
if [ "$name" = scale ]; then
  # On disk (in <repo>/.run/db-data): 100,000 postings' embeddings, written twice, outgrow an
  # in-memory server.
  export RESUME_AI_DB_CACHE="${RESUME_AI_DB_CACHE:-10G}"
else
  # In memory, with room for 50,000 postings and their embeddings.
  export RESUME_AI_DB_MEMORY=1 RESUME_AI_DB_CACHE="${RESUME_AI_DB_CACHE:-8G}"
fi
# The two cores of the machines this project is measured on, whatever this one has.
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-2}"
use_local_db_unless_configured
# The scale bench also backfills with BullMQ workers: a local Redis unless REDIS_URL is set.
started_redis=
if [ "$name" = scale ] && [ -z "${REDIS_URL:-}" ]; then
  REDIS_URL="$(bash scripts/redis.sh start | tail -n1)"
  export REDIS_URL
  started_redis=1
fi
rc=0
node "bench/$name.mjs" || rc=$?
[ -z "$started_redis" ] || bash scripts/redis.sh stop >/dev/null
exit "$rc"
