// `npm run bench:burst`: how a burst of calls is served, against the same calls one at a time.
//
// On a generated board of BURST_POSTINGS postings (default 3,000; __test__/support/board.mjs),
// backfilled first, with the catalogue built and the model loaded before anything is timed:
//
//   burst       BURST_CALLS getRecommendations for resumes never seen and BURST_CALLS
//               scoreResume for other new resumes, all started at once, interleaved
//               (recommendation, score, recommendation, …): each call's latency from the start
//               of the burst, and the burst's total
//   one by one  the same kinds of calls, on fresh resumes again, each awaited before the next
//
// It prints, per kind: calls, errors, p50, p99, max, and the totals with their ratio (burst
// total / one-by-one total). Nothing is asserted. Progress goes to stderr, the table to stdout.
//
//   npm run bench:burst                                   # sets up, starts the local database
//   MONGODB_URI=mongodb://127.0.0.1:27017 node bench/burst.mjs
//   BURST_POSTINGS=1000 BURST_CALLS=20 KEEP_DB=1 node bench/burst.mjs
//
// KEEP_DB=1 keeps the board and its embeddings for the next run (a board of the same size found
// with every active posting embedded is reused; new resumes are inserted each run).
import { createRequire } from 'node:module'
import os from 'node:os'
import { MongoClient } from 'mongodb'
import { generatePostings, generateResumes, insertBoard } from '../__test__/support/board.mjs'

const require = createRequire(import.meta.url)
const addon = require('../index.js')

const MONGODB_URI = process.env.MONGODB_URI
if (!MONGODB_URI) {
  console.error('bench/burst.mjs: set MONGODB_URI to a MongoDB server (e.g. mongodb://127.0.0.1:27017)')
  process.exit(2)
}
const POSTINGS = Number(process.env.BURST_POSTINGS || 3000)
const CALLS = Number(process.env.BURST_CALLS || 40)
const KEEP_DB = process.env.KEEP_DB === '1'
const USER_HEX = '6a0000ff0000000000000001'
const LIMIT = 10

const log = (...args) => console.error('[burst]', ...args)
const now = () => Number(process.hrtime.bigint()) / 1e6 // ms

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** The board, reused when KEEP_DB kept one of this size with every active posting embedded. */
async function board(db) {
  const postings = db.collection('jobpostings')
  const active = await postings.countDocuments({ status: 'active' })
  const embedded = await db.collection('jobpostingembeddings').countDocuments({})
  if (KEEP_DB && active > 0 && (await postings.countDocuments({})) === POSTINGS && embedded >= active) {
    log(`reusing ${POSTINGS} postings, ${embedded} embedded`)
    return
  }
  await db.dropDatabase()
  await insertBoard(db, { postings: generatePostings(POSTINGS, { seed: 1 }) })
  const start = now()
  await addon.backfillJobEmbeddings({ filter: { status: 'active' } })
  log(`inserted and backfilled ${POSTINGS} postings in ${((now() - start) / 1000).toFixed(1)} s`)
}

/** `n` resumes never seen, inserted now (a seed of their own, so no cache holds them). */
async function newResumes(db, n) {
  const seed = (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0
  const { resumeIds } = await insertBoard(db, { resumes: generateResumes(n, { seed }) })
  return resumeIds.map((id) => id.toHexString())
}

/** The calls of one round: `CALLS` recommendations and `CALLS` scores, interleaved. */
async function round(db) {
  const [forRecommendations, forScores] = [await newResumes(db, CALLS), await newResumes(db, CALLS)]
  const calls = []
  for (let i = 0; i < CALLS; i++) {
    calls.push({ kind: 'getRecommendations', run: () => addon.getRecommendations(USER_HEX, forRecommendations[i], LIMIT) })
    calls.push({ kind: 'scoreResume', run: () => addon.scoreResume(forScores[i]) })
  }
  return calls
}

async function burst(calls) {
  const start = now()
  const results = await Promise.all(
    calls.map(({ kind, run }) =>
      run().then(
        () => ({ kind, ms: now() - start, ok: true }),
        (e) => ({ kind, ms: now() - start, ok: false, error: e.code }),
      ),
    ),
  )
  return { results, totalMs: now() - start }
}

async function oneByOne(calls) {
  const start = now()
  const results = []
  for (const { kind, run } of calls) {
    const t = now()
    try {
      await run()
      results.push({ kind, ms: now() - t, ok: true })
    } catch (e) {
      results.push({ kind, ms: now() - t, ok: false, error: e.code })
    }
  }
  return { results, totalMs: now() - start }
}

function rows(label, { results, totalMs }) {
  const kinds = [...new Set(results.map((r) => r.kind))]
  return kinds.map((kind) => {
    const mine = results.filter((r) => r.kind === kind)
    const ms = mine.map((r) => r.ms).sort((a, b) => a - b)
    const errors = mine.filter((r) => !r.ok)
    return `| ${label} | ${kind} | ${mine.length} | ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => e.error))].join(', ')})` : ''} | ${(percentile(ms, 50) / 1000).toFixed(2)} | ${(percentile(ms, 99) / 1000).toFixed(2)} | ${(ms[ms.length - 1] / 1000).toFixed(2)} | ${(totalMs / 1000).toFixed(1)} |`
  })
}

const client = new MongoClient(MONGODB_URI)
try {
  const dbName = `resume_ai_burst_${POSTINGS}`
  const db = client.db(dbName)
  addon.configure({ mongoUri: MONGODB_URI, dbName })
  await board(db)

  // Warm: the model loaded, the catalogue built, one score and one recommendation served.
  const [warmR, warmS] = await newResumes(db, 2)
  await addon.getRecommendations(USER_HEX, warmR, LIMIT)
  await addon.scoreResume(warmS)

  log(`burst: ${CALLS} getRecommendations + ${CALLS} scoreResume at once`)
  const together = await burst(await round(db))
  log('one by one: the same kinds of calls, on new resumes')
  const apart = await oneByOne(await round(db))

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  console.log(`bench/burst.mjs: ${POSTINGS} postings, ${CALLS} + ${CALLS} calls; ${cpu}, ${os.cpus().length} cores; RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS ?? 'unset'}`)
  console.log('')
  console.log('| run | call | calls | errors | p50 s | p99 s | max s | total s |')
  console.log('|---|---|---:|---:|---:|---:|---:|---:|')
  for (const line of [...rows('burst (latency from its start)', together), ...rows('one by one (each call)', apart)]) console.log(line)
  console.log('')
  console.log(`burst total / one-by-one total: ${(together.totalMs / apart.totalMs).toFixed(2)}`)
  if (!KEEP_DB) await db.dropDatabase()
} finally {
  await client.close()
}
