// A backfill across a fleet of BullMQ workers (examples/bullmq/backfill.mjs): two worker
// processes on a real redis-server and the test database, one of them killed (SIGKILL) midway
// through a job. Nothing is lost — the dead worker's job is run again by the other one, every
// posting ends with fresh embeddings, including the texts the dead worker had claimed (taken
// over once their lease ran out) — and no text is embedded twice: each `textembeddings` entry
// was written once, and the surviving worker ran the model on no more texts than exist.
//
// FLEET_DEBUG=1 prints every event of the workers as it comes.
//
// Redis: REDIS_URL when set (scripts/test.sh may start one); otherwise this file starts
// scripts/redis.sh itself and stops it afterwards (an already running one is reused, not stopped).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ObjectId } from 'mongodb'
import { addon, freshDatabase, rejection } from './helpers.mjs'
import { generatePostings, insertBoard } from './support/board.mjs'
import {
  backfillProgress,
  chunkJobId,
  createBackfillQueue,
  createBackfillQueueEvents,
  enqueueBackfill,
} from '../examples/bullmq/backfill.mjs'

const REPO = fileURLToPath(new URL('..', import.meta.url))
/** Postings on the board, and per queue job: three jobs of three steps (32 + 32 + 16). */
const POSTINGS = 240
const CHUNK = 80

let database
let db
let redis // { url, connection: { host, port }, stop: boolean }
const prefix = `resume-ai-fleet-${new ObjectId().toHexString()}` // our own Redis keys
const children = new Set()

function startRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: false }
  try {
    // already running (someone else's): reuse it and leave it running
    const url = execFileSync('bash', ['scripts/redis.sh', 'uri'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return { url: url.trim().split('\n').pop(), stop: false }
  } catch {
    const url = execFileSync('bash', ['scripts/redis.sh', 'start'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    return { url: url.trim().split('\n').pop(), stop: true }
  }
}

before(async () => {
  database = await freshDatabase('resume_ai_fleet')
  db = database.db
  const { url, stop } = startRedis()
  const { hostname, port } = new URL(url)
  redis = { url, connection: { host: hostname, port: Number(port || 6379) }, stop }
})

after(async () => {
  for (const child of children) child.kill('SIGKILL')
  const queue = createBackfillQueue(redis.connection, { prefix })
  await queue.obliterate({ force: true }).catch(() => {})
  await queue.close()
  await database?.close()
  if (redis?.stop) execFileSync('bash', ['scripts/redis.sh', 'stop'], { cwd: REPO, stdio: 'inherit' })
})

/** A worker process (examples/bullmq/backfill-worker.mjs); its JSON event lines, as they come. */
function startWorker(name) {
  const child = spawn(process.execPath, ['examples/bullmq/backfill-worker.mjs'], {
    cwd: REPO,
    env: {
      ...process.env,
      MONGODB_DB: db.databaseName,
      REDIS_URL: redis.url,
      BACKFILL_PREFIX: prefix,
      // Short, so that the dead worker's job is taken up again soon (the live worker renews
      // its lock every 5 s: its event loop is free while the model runs).
      BACKFILL_LOCK_MS: '10000',
      BACKFILL_STALLED_MS: '5000',
      // Two processes on the machine's cores: one compute thread each.
      RAYON_NUM_THREADS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  const worker = { name, child, events: [], exited: once(child, 'exit'), listeners: new Set() }
  child.on('exit', () => children.delete(child))
  createInterface({ input: child.stdout }).on('line', (line) => {
    let event
    try {
      event = JSON.parse(line)
    } catch {
      return // not one of ours
    }
    worker.events.push(event)
    if (process.env.FLEET_DEBUG) console.log(new Date().toISOString(), name, line)
    for (const listener of worker.listeners) listener(event)
  })
  return worker
}

/** Resolves with the first event of `worker` (seen or to come) that `wanted` accepts. */
function nextEvent(worker, wanted, what, timeoutMs = 120_000) {
  const seen = worker.events.find(wanted)
  if (seen) return Promise.resolve(seen)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(reject, new Error(`${worker.name}: no ${what} within ${timeoutMs} ms`)), timeoutMs)
    const listener = (event) => wanted(event) && done(resolve, event)
    const exit = () => done(reject, new Error(`${worker.name} exited before ${what}`))
    const done = (settle, value) => {
      clearTimeout(timer)
      worker.listeners.delete(listener)
      worker.child.off('exit', exit)
      settle(value)
    }
    worker.listeners.add(listener)
    worker.child.once('exit', exit)
  })
}

/** Polls the queue until every job has finished (behaviour, not timing: the limit only stops a hang). */
async function untilFinished(queue, limitMs = 540_000) {
  const start = Date.now()
  for (;;) {
    const progress = await backfillProgress(queue)
    if (progress.done) return progress
    if (Date.now() - start > limitMs) throw new Error(`backfill unfinished after ${limitMs} ms: ${JSON.stringify(progress)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** The keys of the texts `worker` has claimed, as soon as it holds any (checked every 10 ms). */
async function victimClaims(worker) {
  const owner = { $regex: `^${worker.child.pid}-` }
  for (;;) {
    const claims = await db.collection('textclaims').find({ owner }).toArray()
    if (claims.length > 0) return claims.map((c) => c._id)
    if (worker.events.some((e) => e.event === 'completed')) throw new Error(`${worker.name} finished its job without claiming a text after its first step`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test('planBackfill chunks the postings without fresh embeddings; a malformed jobIds entry rejects with INVALID_ID', async () => {
  const ids = await insertBoard(db, { postings: generatePostings(3, { seed: 11 }) }).then((r) => r.postingIds.map((id) => id.toHexString()))
  const plan = await addon.planBackfill({ chunkSize: 2 })
  assert.deepEqual(plan, { total: 3, fresh: 0, chunks: [ids.slice(0, 2), ids.slice(2)] })
  assert.deepEqual(await addon.backfillJobEmbeddings({ jobIds: plan.chunks[1] }), { total: 1, embedded: 1, fresh: 0 })
  assert.deepEqual(await addon.planBackfill({ chunkSize: 2 }), { total: 3, fresh: 1, chunks: [ids.slice(0, 2)] })
  assert.deepEqual((await addon.planBackfill({ force: true })).chunks, [ids])
  assert.deepEqual(await addon.backfillJobEmbeddings({ jobIds: [] }), { total: 0, embedded: 0, fresh: 0 })

  const bad = await rejection(addon.backfillJobEmbeddings({ jobIds: [ids[0], 'not-an-id'] }))
  assert.equal(bad.code, 'INVALID_ID', bad.message)
  for (const chunkSize of [0, 1.5, -3, 1e9]) {
    const e = await rejection(addon.planBackfill({ chunkSize }))
    assert.equal(e.code, 'INVALID_ARGUMENT', `chunkSize ${chunkSize}: ${e.message}`)
  }
  await db.collection('jobpostings').deleteMany({})
  await db.collection('jobpostingembeddings').deleteMany({})
})

test('a killed backfill worker: its job is run again by the other, nothing is lost and each text is embedded once', { timeout: 600_000 }, async () => {
  const { postingIds } = await insertBoard(db, { postings: generatePostings(POSTINGS, { seed: 5 }) })
  const events = createBackfillQueueEvents(redis.connection, { prefix })
  const stalled = []
  events.on('stalled', ({ jobId }) => stalled.push(jobId))
  await events.waitUntilReady()
  const queue = createBackfillQueue(redis.connection, { prefix })
  const workers = []
  try {
    const enqueued = await enqueueBackfill(redis.connection, { chunkSize: CHUNK, prefix })
    assert.deepEqual({ ...enqueued, jobs: enqueued.jobs.length }, { total: POSTINGS, fresh: 0, postings: POSTINGS, jobs: POSTINGS / CHUNK })
    // Enqueued again (as after a crash of the enqueuer): the same job ids, nothing added.
    const again = await enqueueBackfill(redis.connection, { chunkSize: CHUNK, prefix })
    assert.deepEqual(again.jobs, enqueued.jobs)
    assert.equal(await queue.count(), POSTINGS / CHUNK)
    const plan = await addon.planBackfill({ chunkSize: CHUNK })
    assert.deepEqual(enqueued.jobs, plan.chunks.map((chunk) => chunkJobId(chunk)))

    workers.push(startWorker('worker A'), startWorker('worker B'))
    await Promise.all(workers.map((w) => nextEvent(w, (e) => e.event === 'ready', 'ready')))

    // The first worker to report a step done with more of its job to go dies right there.
    const midway = (e) => e.event === 'progress' && e.done > 0 && e.done < e.total
    const midways = workers.map((w) => nextEvent(w, midway, 'progress midway').then((e) => ({ w, e })))
    for (const m of midways) m.catch(() => {}) // the other one may never come, or come late
    const first = await Promise.race(midways)
    const [victim, survivor] = first.w === workers[0] ? workers : [workers[1], workers[0]]
    // Killed while it holds claims on texts it is embedding (its next step's new texts; a
    // claim's owner starts with its pid), so that the other worker must take them over.
    const held = await victimClaims(victim)
    victim.child.kill('SIGKILL')
    const [, signal] = await victim.exited
    assert.equal(signal, 'SIGKILL')
    const orphan = first.e.job

    const finished = await untilFinished(queue)
    assert.deepEqual(
      { completed: finished.completed, failed: finished.failed },
      { completed: POSTINGS / CHUNK, failed: 0 },
      JSON.stringify(finished),
    )
    assert.ok(stalled.includes(orphan), `the dead worker's job ${orphan} was found stalled (stalled: ${stalled})`)
    const rerun = await queue.getJob(orphan)
    assert.equal(await rerun.getState(), 'completed')
    assert.deepEqual(rerun.progress, { done: CHUNK, total: CHUNK }, 'its last progress report')
    assert.ok(survivor.events.some((e) => e.event === 'completed' && e.job === orphan), 'by the survivor')
    for (const job of await queue.getJobs(['completed'])) {
      assert.deepEqual(job.progress, { done: job.data.jobIds.length, total: job.data.jobIds.length }, `job ${job.id}`)
    }

    // The survivor's model counters, from the process itself.
    survivor.child.kill('SIGTERM')
    const stopped = await nextEvent(survivor, (e) => e.event === 'stopped', 'stopped')
    const [code] = await survivor.exited
    assert.equal(code, 0)

    // Nothing lost: every posting has fresh embeddings; a new plan has nothing left to do.
    const embedded = await db.collection('jobpostingembeddings').distinct('jobPosting')
    assert.deepEqual(new Set(embedded.map(String)), new Set(postingIds.map(String)))
    assert.deepEqual(await addon.planBackfill(), { total: POSTINGS, fresh: POSTINGS, chunks: [] })
    assert.deepEqual((await enqueueBackfill(redis.connection, { prefix })).jobs, [], 'enqueueing again adds nothing')

    // Each text embedded once: every entry written once, and the survivor ran the model on no
    // more texts than there are (the dead worker embedded the rest, or lost them to the kill).
    const texts = await db.collection('textembeddings').find({}, { projection: { createdAt: 1, updatedAt: 1 } }).toArray()
    const rewritten = texts.filter((t) => t.createdAt.getTime() !== t.updatedAt.getTime())
    assert.deepEqual(rewritten.map((t) => t._id), [], 'text embeddings written more than once')
    assert.ok(stopped.engine.textsEmbedded > 0, 'the survivor embedded texts')
    assert.ok(
      stopped.engine.textsEmbedded <= texts.length,
      `the survivor embedded ${stopped.engine.textsEmbedded} texts; there are ${texts.length}`,
    )
    assert.equal(await db.collection('textclaims').countDocuments({}), 0, 'no claim left behind')
    const stored = new Set(texts.map((t) => t._id))
    assert.deepEqual(held.filter((key) => !stored.has(key)), [], 'the texts the dead worker had claimed were embedded by the other')
    console.log(
      `fleet: ${POSTINGS} postings in ${POSTINGS / CHUNK} jobs, ${texts.length} distinct texts; ` +
        `survivor embedded ${stopped.engine.textsEmbedded}; stalled jobs re-run: ${[...new Set(stalled)].length}`,
    )
  } finally {
    for (const w of workers) w.child.kill('SIGKILL')
    await events.close()
    await queue.close()
  }
})
