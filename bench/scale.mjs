// `npm run bench:scale`: how recommendations behave as the job board grows.
//
// For each board size N (SCALE_SIZES, default 1000,10000,50000,100000) it fills a fresh
// database `resume_ai_scale_<N>` on MONGODB_URI with N generated postings and 3 resumes of
// different professions (__test__/support/board.mjs: deterministic, ~340 skill names, ~2,400
// requirement sentences, so the board repeats a realistic vocabulary) and measures:
//
//   backfill 1 worker s        backfillJobEmbeddings({ filter: { status: 'active' } }) in this process
//   backfill 2 workers s       the same from empty caches, split into BullMQ jobs
//                              (examples/bullmq/backfill.mjs) and run by 2 worker processes
//                              (examples/bullmq/backfill-worker.mjs), from the enqueue to the last
//                              job done; needs REDIS_URL (npm run bench:scale starts one); "texts" =
//                              texts the 2 workers embedded together / distinct texts of the board
//   listing s                  the first getRecommendations of this process without a snapshot:
//                              lists the board and reads every posting's vectors
//   snapshot MB, s             saveCatalogueSnapshot(): its bytes and the time to write it
//   then, in a fresh process (bench/scale-process.mjs), as a newly started worker:
//   first call s               its first getRecommendations (resume 1), from the snapshot
//   new resume s               getRecommendations for resume 2, never seen before
//   repeat ms                  the same call again
//   after invalidateResume s   invalidateResume(resume 2), then the call again
//   scoreResume ms             scoreResume(resume 3, { force: true }), median of 5 (uncached)
//   RSS MB                     that process's RSS at the end (model included); catalogue MB
//                              = catalogueStats().bytes (vectors and skills lists)
//
// then a second table with the cache documents' sizes. The model is loaded before any timing.
// Progress goes to stderr, tables to stdout. Nothing is asserted.
//
// Run it with a MongoDB server at MONGODB_URI, after the setup the tests use:
//
//   npm run bench:scale                                   (starts a database and Redis)
//   SCALE_SIZES=1000 KEEP_DB=1 RAYON_NUM_THREADS=2 npm run bench:scale
//
// Environment: SCALE_SIZES (comma list of board sizes), KEEP_DB=1 (keep each database after
// its size instead of dropping it; it is always dropped before), REDIS_URL (the 2-worker
// backfill is skipped without it), RAYON_NUM_THREADS (printed).
import { createRequire } from 'node:module'
import os from 'node:os'
import { spawn, execFileSync } from 'node:child_process'
import { createInterface } from 'node:readline'
import { MongoClient, BSON, Binary } from 'mongodb'
import { generatePostings, generateResumes, insertBoard } from '../__test__/support/board.mjs'

const require = createRequire(import.meta.url)
const addon = require('../index.js')

const MONGODB_URI = process.env.MONGODB_URI
if (!MONGODB_URI) {
  console.error('bench/scale.mjs: set MONGODB_URI to a MongoDB server (e.g. mongodb://127.0.0.1:27017)')
  process.exit(2)
}
const SIZES = (process.env.SCALE_SIZES || '1000,10000,50000,100000')
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .filter((n) => Number.isInteger(n) && n > 0)
const KEEP_DB = process.env.KEEP_DB === '1'
/** Three clearly different professions (__test__/support/board.mjs keys). */
const RESUME_PROFESSIONS = ['software-backend', 'nursing', 'accounting']
/** A user with no applications: nothing is excluded from the recommendations. */
const USER_HEX = '6a0000ff0000000000000001'
const LIMIT = 20
const REDIS_URL = process.env.REDIS_URL
const REPO = new URL('..', import.meta.url).pathname

const log = (...args) => console.error('[scale]', ...args)
const now = () => process.hrtime.bigint()
const secondsSince = (t) => Number(now() - t) / 1e9
const mb = (bytes) => bytes / 2 ** 20

async function timed(fn) {
  const start = now()
  const value = await fn()
  return { value, seconds: secondsSince(start) }
}

// ---------------------------------------------------------------------------
// Cache document sizes, and the legacy re-encoding of vectors as arrays of doubles
// ---------------------------------------------------------------------------

/** A stored vector as a plain array of numbers, or null when `v` is not a vector. */
function vectorAsArray(v) {
  if (Array.isArray(v)) return v.map(Number)
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v)
  if (v instanceof Binary || v?._bsontype === 'Binary') {
    if (v.sub_type === 9) {
      // BSON vector: [dtype 0x27 = float32, padding 0x00], then little-endian float32s.
      if (typeof v.toFloat32Array === 'function') return Array.from(v.toFloat32Array())
      const bytes = v.buffer.subarray(0, v.position ?? v.buffer.length)
      const view = new DataView(bytes.buffer, bytes.byteOffset + 2, bytes.byteLength - 2)
      return Array.from({ length: view.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true))
    }
    // Any other binary: raw little-endian float32s when the length allows it.
    const bytes = v.buffer.subarray(0, v.position ?? v.buffer.length)
    if (bytes.byteLength % 4 === 0) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      return Array.from({ length: view.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true))
    }
  }
  return null
}

/**
 * A copy of `doc` with every vector under `meanEmbeddings.<section>` and every `matchVector`
 * field (at any depth) turned into a plain array of numbers, as the seed stored them.
 */
function legacyEncoding(doc) {
  const walk = (value) => {
    if (Array.isArray(value)) return value.map(walk)
    if (!value || typeof value !== 'object' || value._bsontype || value instanceof Date) return value
    const out = {}
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'meanEmbeddings' && inner && typeof inner === 'object' && !inner._bsontype) {
        out[key] = Object.fromEntries(Object.entries(inner).map(([section, v]) => [section, vectorAsArray(v) ?? walk(v)]))
      } else if (key === 'matchVector') {
        out[key] = vectorAsArray(inner) ?? walk(inner)
      } else {
        out[key] = walk(inner)
      }
    }
    return out
  }
  return walk(doc)
}

const bsonSize = (doc) => (doc ? BSON.calculateObjectSize(doc) : null)

// ---------------------------------------------------------------------------
// One board size
// ---------------------------------------------------------------------------

/** Lines of JSON a child prints, as objects, to `onEvent`. */
function events(child, onEvent) {
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      onEvent(JSON.parse(line))
    } catch {
      // not an event line
    }
  })
}

/** The board backfilled by `count` worker processes over BullMQ; seconds and texts embedded. */
async function fleetBackfill(dbName, count) {
  const { enqueueBackfill, createBackfillQueue, backfillProgress } = await import('../examples/bullmq/backfill.mjs')
  const url = new URL(REDIS_URL)
  const connection = { host: url.hostname, port: Number(url.port || 6379) }
  const prefix = `scale-${dbName}-${Date.now()}`
  const env = { ...process.env, MONGODB_DB: dbName, REDIS_URL, BACKFILL_PREFIX: prefix }
  const workers = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['examples/bullmq/backfill-worker.mjs'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'] })
    child.ready = new Promise((resolve) => events(child, (e) => {
      if (e.event === 'ready') resolve()
      if (e.event === 'stopped') child.stopped?.(e)
    }))
    child.done = new Promise((resolve) => { child.stopped = resolve })
    return child
  })
  await Promise.all(workers.map((w) => w.ready))
  const start = now()
  const plan = await enqueueBackfill(connection, { filter: { status: 'active' }, prefix })
  const queue = createBackfillQueue(connection, { prefix })
  try {
    for (;;) {
      const progress = await backfillProgress(queue)
      if (progress.done) break
      await new Promise((r) => setTimeout(r, 250))
    }
  } finally {
    await queue.close()
  }
  const seconds = secondsSince(start)
  for (const w of workers) w.kill('SIGTERM')
  const stopped = await Promise.all(workers.map((w) => w.done))
  const texts = stopped.reduce((sum, e) => sum + (e.engine?.textsEmbedded ?? 0), 0)
  return { seconds, jobs: plan.jobs.length, texts }
}

async function runSize(client, n) {
  const dbName = `resume_ai_scale_${n}`
  const db = client.db(dbName)
  await db.dropDatabase()

  const postings = generatePostings(n, { seed: 1 })
  const resumes = generateResumes(3, { seed: 2, professions: RESUME_PROFESSIONS })
  const insert = await timed(() => insertBoard(db, { postings, resumes }))
  const resumeIds = insert.value.resumeIds.map((id) => id.toHexString())
  log(`N=${n}: inserted ${n} postings and 3 resumes into ${dbName} in ${insert.seconds.toFixed(1)} s`)

  addon.configure({ mongoUri: MONGODB_URI, dbName })
  let lastPct = -1
  const textsBefore = addon.engineStats().textsEmbedded
  const backfill = await timed(() =>
    addon.backfillJobEmbeddings({
      filter: { status: 'active' },
      onProgress: ({ done, total }) => {
        const pct = total ? Math.floor((done / total) * 10) * 10 : 100
        if (pct !== lastPct) {
          lastPct = pct
          log(`N=${n}: backfill ${done}/${total}`)
        }
      },
    }),
  )
  const distinctTexts = addon.engineStats().textsEmbedded - textsBefore
  log(`N=${n}: backfill, 1 worker: ${backfill.seconds.toFixed(2)} s, ${distinctTexts} texts`, JSON.stringify(backfill.value))

  let fleet = null
  if (REDIS_URL && typeof addon.planBackfill === 'function') {
    for (const name of ['jobpostingembeddings', 'textembeddings', 'textclaims']) await db.collection(name).deleteMany({})
    fleet = await fleetBackfill(dbName, 2)
    log(`N=${n}: backfill, 2 workers: ${fleet.seconds.toFixed(2)} s, ${fleet.jobs} jobs, ${fleet.texts} texts embedded`)
  }

  // This process has not listed the board: its first call does, as every process did before
  // snapshots. Then the snapshot that new processes start from.
  await db.collection('cataloguesnapshots').deleteMany({})
  const listing = await timed(() => addon.getRecommendations(USER_HEX, resumeIds[0], LIMIT))
  const snapshot = await timed(() => addon.saveCatalogueSnapshot())
  log(`N=${n}: listing ${listing.seconds.toFixed(2)} s; snapshot ${mb(snapshot.value).toFixed(1)} MB in ${snapshot.seconds.toFixed(2)} s`)

  const out = execFileSync(process.execPath, ['bench/scale-process.mjs', dbName, ...resumeIds], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
  const fresh = JSON.parse(out.trim().split('\n').at(-1))
  log(`N=${n}: fresh process`, JSON.stringify(fresh))

  const jobDoc = await db.collection('jobpostingembeddings').findOne({})
  const resumeDoc = await db.collection('resumeembeddings').findOne({})
  const textDoc = await db.collection('textembeddings').findOne({})
  return {
    n,
    backfill: backfill.seconds,
    backfillResult: backfill.value,
    distinctTexts,
    fleet,
    listing: listing.seconds,
    snapshotBytes: snapshot.value,
    snapshotSeconds: snapshot.seconds,
    fresh,
    jobBytes: bsonSize(jobDoc),
    jobLegacyBytes: jobDoc ? bsonSize(legacyEncoding(jobDoc)) : null,
    resumeBytes: bsonSize(resumeDoc),
    textBytes: bsonSize(textDoc),
  }
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

const num = (x, digits) => (x == null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits))
const int = (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US'))
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a')

function printTables(rows) {
  const cpus = os.cpus()
  console.log(`\nresume-ai scale benchmark — ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} CPUs, ` +
    `RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS ?? 'unset'}, node ${process.version}, ` +
    `getRecommendations limit ${LIMIT}, resumes: ${RESUME_PROFESSIONS.join(', ')}, ${new Date().toISOString().slice(0, 16)} UTC\n`)
  console.log('| postings | backfill 1 worker s | backfill 2 workers s (texts embedded / distinct) | listing s (no snapshot) | snapshot MB (write s) | fresh process: first call s | new resume s | repeat ms | after invalidateResume s | scoreResume uncached ms | RSS MB (catalogue MB) |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    if (r.error) {
      console.log(`| ${int(r.n)} | failed: ${String(r.error).replace(/\|/g, '/').slice(0, 200)} ||||||||||`)
      continue
    }
    const f = r.fresh
    const fleet = r.fleet ? `${num(r.fleet.seconds, 1)} (${int(r.fleet.texts)} / ${int(r.distinctTexts)})` : 'n/a'
    console.log(
      `| ${int(r.n)} | ${num(r.backfill, 1)} | ${fleet} | ${num(r.listing, 2)} | ${num(mb(r.snapshotBytes), 1)} (${num(r.snapshotSeconds, 2)}) | ` +
        `${num(f.first, 3)}${f.fromSnapshot ? '' : ' (no snapshot)'} | ${num(f.fresh, 3)} | ${num(f.repeatMs, 1)} | ${num(f.again, 3)} | ${num(f.scoreMs, 1)} | ` +
        `${num(f.rssMb, 0)} (${num(mb(f.stats.bytes), 1)}) |`,
    )
  }
  const ok = rows.filter((r) => !r.error)
  if (!ok.length) return
  console.log('\n| postings | backfill embedded / fresh / total | catalogue postings | catalogue candidates (last call) | jobpostingembeddings bytes/doc (as arrays → stored) | resumeembeddings bytes | textembeddings bytes |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of ok) {
    const b = r.backfillResult ?? {}
    const s = r.fresh.stats
    console.log(
      `| ${int(r.n)} | ${b.embedded ?? '?'} / ${b.fresh ?? '?'} / ${b.total ?? '?'} | ${int(s?.postings)} | ${int(s?.lastCandidates)} | ` +
        `${int(r.jobLegacyBytes)} → ${int(r.jobBytes)} (${ratio(r.jobLegacyBytes, r.jobBytes)}) | ${int(r.resumeBytes)} | ${int(r.textBytes)} |`,
    )
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const client = await MongoClient.connect(MONGODB_URI)
const rows = []
try {
  const info = await addon.modelInfo()
  log(`model ${info.name} (${info.dimension}-d, ${info.threads} threads); sizes ${SIZES.join(', ')}; resumes ${RESUME_PROFESSIONS.join(', ')}`)
  for (const n of SIZES) {
    try {
      rows.push(await runSize(client, n))
    } catch (err) {
      log(`N=${n} failed:`, err?.code ?? '', err?.stack ?? err)
      rows.push({ n, error: `${err?.code ? err.code + ': ' : ''}${err?.message ?? err}` })
      process.exitCode = 1
    } finally {
      if (!KEEP_DB) await client.db(`resume_ai_scale_${n}`).dropDatabase().catch(() => {})
    }
  }
} finally {
  printTables(rows)
  await client.close()
}
