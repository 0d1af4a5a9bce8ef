// A backfill of job-posting embeddings split across a fleet of BullMQ workers: any number of
// worker processes, on any number of machines, sharing one Redis and one database.
//
//   const connection = { host: '127.0.0.1', port: 6379 }
//   await enqueueBackfill(connection, { filter: { status: 'active' } })   // once, anywhere
//   const worker = createBackfillWorker(connection)                       // in each worker process
//   await backfillProgress(queue)                                         // job counts, active jobs' progress
//
// (examples/bullmq/backfill-worker.mjs is a worker process ready to run; docs/fleet-backfill.md
// has the whole story.)
//
// - enqueueBackfill asks resume-ai for a plan (`planBackfill`: the postings without fresh
//   embeddings, in chunks of ids) and adds one job per chunk. A chunk's job id is a hash of its
//   ids, so enqueueing again — after a crash of the enqueuer, or to be sure — adds no job twice.
// - Each job runs `backfillJobEmbeddings({ jobIds })` on its chunk and reports `{ done, total }`
//   with `job.updateProgress` after every step of 32 postings.
// - A worker that dies mid-job (killed, out of memory, machine gone) stops renewing its job's
//   lock; after `lockDuration` BullMQ's stalled-job check, run every `stalledInterval` by each
//   live worker, puts the job back in the queue and another worker runs it again. Nothing is
//   lost: every step wrote complete cache entries, and the retry skips the postings whose
//   embeddings are fresh. Enqueueing again is resuming, too: the new plan holds only what is left.
// - No text is embedded twice, by the workers together: resume-ai claims the texts it is about to
//   embed in the shared database (`textclaims`), and a worker that needs a text another one has
//   claimed waits for its vector in `textembeddings` instead of running the model on it. The
//   texts a dead worker had claimed are embedded by another once the claim's lease (60 s) ends.
import { createHash } from 'node:crypto'
import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq'
import ai from '../../index.js' // in your app: import ai from 'resume-ai'

export const BACKFILL_QUEUE = 'resume-ai-backfill'

/** Errors that no retry can fix: fail the job at once instead of spending its attempts. */
const PERMANENT = new Set(['INVALID_ID', 'INVALID_ARGUMENT'])

/** The job id of a chunk: the same postings (and force) always give the same id. */
export function chunkJobId(jobIds, force = false) {
  const hash = createHash('sha256')
    .update(`${force ? 'force' : 'stale'}\n${jobIds.join('\n')}`)
    .digest('hex')
  return `backfill-${hash.slice(0, 32)}`
}

/** `connection`: ioredis options, e.g. `{ host, port }`; `options`: any other QueueOptions. */
export function createBackfillQueue(connection, options = {}) {
  return new Queue(BACKFILL_QUEUE, {
    connection,
    defaultJobOptions: {
      attempts: 5, // DB_UNAVAILABLE and the like are worth retrying
      backoff: { type: 'exponential', delay: 2000 },
      // Finished jobs are kept a while: their ids make a repeated enqueue a no-op, and
      // backfillProgress counts them.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
    ...options,
  })
}

/**
 * Plans a backfill and adds one job per chunk. `options`: `filter` (MongoDB filter over the
 * postings, default all), `force` (re-embed postings with fresh embeddings too), `chunkSize`
 * (postings per job, default 200), `client` (a resume-ai client, default the module's), and any
 * QueueOptions (e.g. `prefix`). Resolves with `{ total, fresh, postings, jobs }`: postings
 * matching, already fresh, queued, and the ids of the queue jobs (existing ones included).
 */
export async function enqueueBackfill(connection, { filter, force = false, chunkSize, client = ai, ...queueOptions } = {}) {
  const plan = await client.planBackfill({ filter, force, chunkSize })
  const queue = createBackfillQueue(connection, queueOptions)
  try {
    const added = await queue.addBulk(
      plan.chunks.map((jobIds) => ({ name: 'backfill', data: { jobIds, force }, opts: { jobId: chunkJobId(jobIds, force) } })),
    )
    const postings = plan.chunks.reduce((n, chunk) => n + chunk.length, 0)
    return { total: plan.total, fresh: plan.fresh, postings, jobs: added.map((job) => job.id) }
  } finally {
    await queue.close()
  }
}

/** The processor: backfills the job's chunk, reporting `{ done, total }` postings as it goes. */
export function backfillProcessor(client = ai) {
  return async (job) => {
    const { jobIds, force = false } = job.data
    // Reports are queued to the JS thread as the steps end; a lost one is no failure.
    const onProgress = (progress) => void job.updateProgress(progress).catch(() => {})
    try {
      const result = await client.backfillJobEmbeddings({ jobIds, force, onProgress })
      await job.updateProgress({ done: result.total, total: result.total })
      return result
    } catch (e) {
      throw PERMANENT.has(e.code) ? new UnrecoverableError(`${e.code}: ${e.message}`) : e
    }
  }
}

/**
 * A worker of the backfill queue. `options`: any WorkerOptions, plus `client` (default the
 * module's). Defaults: `concurrency` 1 (one chunk at a time: the model already uses every core
 * of the machine; more only interleaves chunks), `lockDuration` 60 s and `stalledInterval` 30 s
 * (how soon a dead worker's job is run by another: at most about their sum), `maxStalledCount` 2
 * (a job whose workers died twice is failed rather than retried forever).
 */
export function createBackfillWorker(connection, { client = ai, ...options } = {}) {
  return new Worker(BACKFILL_QUEUE, backfillProcessor(client), {
    connection,
    concurrency: 1,
    lockDuration: 60_000,
    stalledInterval: 30_000,
    maxStalledCount: 2,
    ...options,
  })
}

/** Queue-wide events (completed, failed, progress, stalled…). */
export function createBackfillQueueEvents(connection, options = {}) {
  return new QueueEvents(BACKFILL_QUEUE, { connection, ...options })
}

/**
 * Where a backfill stands: the job counts by state, `done` (whether every job has finished,
 * completed or failed) and the reported `{ done, total }` postings of the active jobs.
 */
export async function backfillProgress(queue) {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'paused', 'active', 'completed', 'failed')
  const active = (await queue.getJobs(['active'])).filter(Boolean).map((job) => ({ id: job.id, ...progressOf(job) }))
  const pending = counts.waiting + counts.prioritized + counts.delayed + counts.paused + counts.active
  return { ...counts, done: pending === 0, activeJobs: active }
}

const progressOf = (job) =>
  typeof job.progress === 'object' && job.progress !== null
    ? { done: job.progress.done, total: job.progress.total }
    : { done: 0, total: job.data.jobIds.length }
