// One backfill worker process (see backfill.mjs): run as many as you like, on any machines.
//
//   REDIS_URL=redis://127.0.0.1:6379 MONGODB_URI=mongodb://127.0.0.1:27017 MONGODB_DB=hiring \
//     node examples/bullmq/backfill-worker.mjs
//
// Env: REDIS_URL (default redis://127.0.0.1:6379), MONGODB_URI and MONGODB_DB (read by
// resume-ai), and optionally BACKFILL_PREFIX (BullMQ key prefix), BACKFILL_CONCURRENCY,
// BACKFILL_LOCK_MS, BACKFILL_STALLED_MS (the worker's concurrency, lockDuration and
// stalledInterval; defaults in createBackfillWorker).
//
// Loads the model, then takes jobs. Prints one JSON line per event on stdout: `ready`, `progress` (job, done, total), `completed`
// (job, result), `failed` (job, reason), `stalled` (job). On SIGTERM or SIGINT it stops taking
// jobs, finishes the one in hand, prints `stopped` with the model's counters (`engineStats()`)
// and exits 0.
import ai from '../../index.js' // in your app: import ai from 'resume-ai'
import { createBackfillWorker } from './backfill.mjs'

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const connection = { host: url.hostname, port: Number(url.port || 6379) }
const number = (name) => (process.env[name] ? Number(process.env[name]) : undefined)
const options = Object.fromEntries(
  Object.entries({
    prefix: process.env.BACKFILL_PREFIX,
    concurrency: number('BACKFILL_CONCURRENCY'),
    lockDuration: number('BACKFILL_LOCK_MS'),
    stalledInterval: number('BACKFILL_STALLED_MS'),
  }).filter(([, value]) => value !== undefined),
)

const say = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...fields })}\n`)

// The model first (a few seconds), so that the first job does not count its loading.
await ai.modelInfo()
const worker = createBackfillWorker(connection, options)
worker.on('progress', (job, progress) => say('progress', { job: job.id, ...progress }))
worker.on('completed', (job, result) => say('completed', { job: job.id, result }))
worker.on('failed', (job, err) => say('failed', { job: job?.id, reason: err.message }))
worker.on('stalled', (job) => say('stalled', { job }))
worker.on('error', (err) => say('error', { message: err.message }))
await worker.waitUntilReady()
say('ready')

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await worker.close()
    say('stopped', { engine: ai.engineStats() })
    process.exit(0)
  })
}
