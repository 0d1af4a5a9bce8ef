// resume-ai in a BullMQ worker: the seed's `resumeScoreProcessor`, with `await ai.scoreResume(id)`
// in place of a Python process per job.
//
//   const connection = { host: '127.0.0.1', port: 6379 }
//   const queue = createScoreQueue(connection)
//   const worker = createScoreWorker(connection, { concurrency: 8 })
//   await queue.add('score', { resumeId })   // → job.returnvalue is the ResumeScore
//
// Concurrency: every resume-ai call runs off the event loop, and the model work of all calls
// goes through one internal queue in front of one compute thread (which uses the cores;
// see `modelInfo().threads`). So a worker concurrency above 1 is safe: it never oversubscribes
// the CPU, and concurrent jobs' texts are embedded together in shared batches. Scoring itself is
// mostly database reads, which overlap with the concurrency you give.
import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq'
import ai from '../../index.js' // in your app: import ai from 'resume-ai'

export const QUEUE_NAME = 'resume-score'

/** Errors that no retry can fix: fail the job at once instead of spending its attempts. */
const PERMANENT = new Set(['RESUME_NOT_FOUND', 'INVALID_ID', 'INVALID_ARGUMENT'])

export const resumeScoreProcessor = async (job) => {
  const { resumeId } = job.data
  await job.updateProgress(10)
  try {
    const result = await ai.scoreResume(resumeId)
    await job.updateProgress(100)
    return result
  } catch (e) {
    throw PERMANENT.has(e.code) ? new UnrecoverableError(`${e.code}: ${e.message}`) : e
  }
}

/** `connection`: ioredis options, e.g. `{ host, port }`; `options`: any other QueueOptions. */
export function createScoreQueue(connection, options = {}) {
  return new Queue(QUEUE_NAME, {
    connection,
    defaultJobOptions: {
      attempts: 3, // DB_UNAVAILABLE and the like are worth retrying
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
    ...options,
  })
}

/** `options`: WorkerOptions; `concurrency` defaults to 4 (see above for why more is fine). */
export function createScoreWorker(connection, options = {}) {
  return new Worker(QUEUE_NAME, resumeScoreProcessor, { connection, concurrency: 4, ...options })
}

/** Queue-wide events (completed, failed, progress…), e.g. for `job.waitUntilFinished(events)`. */
export function createScoreQueueEvents(connection, options = {}) {
  return new QueueEvents(QUEUE_NAME, { connection, ...options })
}
