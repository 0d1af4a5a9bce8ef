// `node bench/fleet.mjs`: a backfill of generated postings split across BullMQ worker processes
// (examples/bullmq/backfill.mjs), with 1 worker and with 2 on this machine.
//
// For each worker count W (FLEET_WORKERS, default 1,2) and each run (FLEET_RUNS, default 1): a
// fresh database with FLEET_POSTINGS generated postings (default 2000; __test__/support/board.mjs,
// the same documents every time), W processes of examples/bullmq/backfill-worker.mjs with
// RAYON_NUM_THREADS = cores / W each (so every configuration uses the machine's cores and no
// more), started and their model loaded before the clock starts; then the clock runs from
// enqueueBackfill (chunks of FLEET_CHUNK postings, default 200) until every queue job has
// finished. Printed per run: seconds, postings/s, distinct texts, texts each worker ran the model
// on (their sum equals the distinct texts when no text was embedded twice), failed jobs.
//
// Needs MONGODB_URI and REDIS_URL (scripts/db.sh start and scripts/redis.sh start print them),
// after the build and model setup the tests use:
//
//   export MONGODB_URI=$(bash scripts/db.sh start | tail -1) REDIS_URL=$(bash scripts/redis.sh start | tail -1)
//   node bench/fleet.mjs
//   FLEET_WORKERS=1,2,3 FLEET_POSTINGS=500 FLEET_RUNS=2 node bench/fleet.mjs
//
// Nothing is asserted; each run's database and Redis keys are removed afterwards.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import os from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { MongoClient, ObjectId } from 'mongodb'
import { generatePostings, insertBoard } from '../__test__/support/board.mjs'
import { backfillProgress, createBackfillQueue, enqueueBackfill } from '../examples/bullmq/backfill.mjs'

const require = createRequire(import.meta.url)
const ai = require('../index.js')
const REPO = fileURLToPath(new URL('..', import.meta.url))

const { MONGODB_URI, REDIS_URL } = process.env
if (!MONGODB_URI || !REDIS_URL) {
  console.error('bench/fleet.mjs: set MONGODB_URI and REDIS_URL (scripts/db.sh start, scripts/redis.sh start)')
  process.exit(2)
}
const list = (value, fallback) => (value || fallback).split(',').map((s) => Number(s.trim()))
const WORKERS = list(process.env.FLEET_WORKERS, '1,2')
const POSTINGS = Number(process.env.FLEET_POSTINGS || 2000)
const CHUNK = Number(process.env.FLEET_CHUNK || 200)
const RUNS = Number(process.env.FLEET_RUNS || 1)
const CORES = os.availableParallelism()
const redisUrl = new URL(REDIS_URL)
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }
const log = (...args) => console.error(...args)

function startWorker(dbName, prefix, threads) {
  const child = spawn(process.execPath, ['examples/bullmq/backfill-worker.mjs'], {
    cwd: REPO,
    env: { ...process.env, MONGODB_DB: dbName, BACKFILL_PREFIX: prefix, RAYON_NUM_THREADS: String(threads) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const events = []
  const waiters = []
  lines.on('line', (line) => {
    try {
      const event = JSON.parse(line)
      events.push(event)
      for (const w of waiters.splice(0)) w()
    } catch {}
  })
  const until = async (name) => {
    while (!events.some((e) => e.event === name)) await new Promise((resolve) => waiters.push(resolve))
    return events.find((e) => e.event === name)
  }
  return { child, until, exited: once(child, 'exit') }
}

async function run(client, workers, n) {
  const dbName = `resume_ai_fleet_bench_${new ObjectId().toHexString()}`
  const prefix = `resume-ai-fleet-bench-${new ObjectId().toHexString()}`
  const db = client.db(dbName)
  await insertBoard(db, { postings: generatePostings(POSTINGS) })
  ai.configure({ mongoUri: MONGODB_URI, dbName })
  const threads = Math.max(1, Math.floor(CORES / workers))
  const procs = Array.from({ length: workers }, () => startWorker(dbName, prefix, threads))
  await Promise.all(procs.map((p) => p.until('ready')))
  const queue = createBackfillQueue(connection, { prefix })
  try {
    const start = performance.now()
    const plan = await enqueueBackfill(connection, { chunkSize: CHUNK, prefix })
    let progress
    for (;;) {
      progress = await backfillProgress(queue)
      if (progress.done) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const seconds = (performance.now() - start) / 1000
    for (const p of procs) p.child.kill('SIGTERM')
    const stats = await Promise.all(procs.map((p) => p.until('stopped')))
    await Promise.all(procs.map((p) => p.exited))
    const texts = await db.collection('textembeddings').countDocuments()
    const embedded = stats.map((s) => s.engine.textsEmbedded)
    log(`  run ${n + 1}: ${workers} worker(s) × ${threads} thread(s): ${seconds.toFixed(1)} s`)
    return { workers, threads, jobs: plan.jobs.length, seconds, texts, embedded, failed: progress.failed }
  } finally {
    for (const p of procs) p.child.kill('SIGKILL')
    await queue.obliterate({ force: true }).catch(() => {})
    await queue.close()
    await db.dropDatabase()
  }
}

const client = await MongoClient.connect(MONGODB_URI)
try {
  log(`bench/fleet: ${POSTINGS} postings in chunks of ${CHUNK}, ${CORES} cores, workers ${WORKERS.join(', ')}, ${RUNS} run(s) each`)
  const rows = []
  for (const workers of WORKERS) for (let n = 0; n < RUNS; n++) rows.push(await run(client, workers, n))
  console.log(`\n${POSTINGS} generated postings, ${CHUNK} per job, ${CORES} cores (${os.cpus()[0]?.model ?? 'cpu'})\n`)
  console.log('| workers × threads | jobs | backfill s | postings/s | distinct texts | texts embedded per worker | failed jobs |')
  console.log('|---|---|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.workers} × ${r.threads} | ${r.jobs} | ${r.seconds.toFixed(1)} | ${(POSTINGS / r.seconds).toFixed(1)} | ${r.texts} | ${r.embedded.join(' + ')} = ${r.embedded.reduce((a, b) => a + b, 0)} | ${r.failed} |`,
    )
  }
} finally {
  await client.close()
}
