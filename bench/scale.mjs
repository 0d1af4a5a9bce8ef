// `npm run bench:scale`: how recommendations behave as the job board grows.
//
// For each board size N (SCALE_SIZES, default 1000,10000,50000) it fills a fresh database
// `resume_ai_scale_<N>` on MONGODB_URI with N generated postings and 3 resumes of different
// professions (__test__/support/board.mjs: deterministic, ~340 skill names, ~2,400 requirement sentences,
// so the board repeats a realistic vocabulary), points resume-ai at it and measures:
//
//   backfill s                 backfillJobEmbeddings({ filter: { status: 'active' } })
//   first call s               first getRecommendations (resume 1): builds the in-process catalogue
//   new resume s               getRecommendations for resume 2, never seen before
//   repeat ms                  the same call again
//   after invalidateResume s   invalidateResume(resume 2), then the call again
//   ranking alone ms           catalogueStats().lastRankMs after the last call, when the addon has
//                              catalogueStats (otherwise n/a)
//   RSS growth MB              process RSS after the last getRecommendations minus before the first
//   comparison docs per call   resumejobcomparisons documents written for resume 2 by the new-resume
//                              call / the repeat / the call after invalidateResume
//   bytes/doc                  BSON size of one jobpostingembeddings document if its vectors were
//                              plain arrays of doubles (the legacy encoding) → as stored now
//
// then a second table with the other cache documents' sizes and the catalogue's own figures.
// The model is loaded once before the first size, so no timing includes loading it. Sizes run
// one after another in this process (the catalogue of a previous size may still be in memory;
// the RSS column is a difference within one size). Progress goes to stderr, tables to stdout.
// Nothing is asserted.
//
// Run it with a MongoDB server at MONGODB_URI, after the setup the tests use:
//
//   bash scripts/setup.sh
//   MONGODB_URI=mongodb://127.0.0.1:27017 node bench/scale.mjs
//   SCALE_SIZES=1000 KEEP_DB=1 RAYON_NUM_THREADS=2 node bench/scale.mjs
//
// Environment: SCALE_SIZES (comma list of board sizes), KEEP_DB=1 (keep each database after
// its size instead of dropping it; it is always dropped before), RAYON_NUM_THREADS (printed).
import { createRequire } from 'node:module'
import os from 'node:os'
import { MongoClient, BSON, Binary } from 'mongodb'
import { generatePostings, generateResumes, insertBoard } from '../__test__/support/board.mjs'

const require = createRequire(import.meta.url)
const addon = require('../index.js')

const MONGODB_URI = process.env.MONGODB_URI
if (!MONGODB_URI) {
  console.error('bench/scale.mjs: set MONGODB_URI to a MongoDB server (e.g. mongodb://127.0.0.1:27017)')
  process.exit(2)
}
const SIZES = (process.env.SCALE_SIZES || '1000,10000,50000')
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .filter((n) => Number.isInteger(n) && n > 0)
const KEEP_DB = process.env.KEEP_DB === '1'
/** Three clearly different professions (__test__/support/board.mjs keys). */
const RESUME_PROFESSIONS = ['software-backend', 'nursing', 'accounting']
/** A user with no applications: nothing is excluded from the recommendations. */
const USER_HEX = '6a0000ff0000000000000001'
const LIMIT = 20
/** Largest board on which the exhaustive baseline (every posting compared in full) is timed. */
const EXHAUSTIVE_MAX = 1000

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

async function runSize(client, n) {
  const dbName = `resume_ai_scale_${n}`
  const db = client.db(dbName)
  await db.dropDatabase()

  const postings = generatePostings(n, { seed: 1 })
  const resumes = generateResumes(3, { seed: 2, professions: RESUME_PROFESSIONS })
  const insert = await timed(() => insertBoard(db, { postings, resumes }))
  const [resume1, resume2, resume3] = insert.value.resumeIds.map((id) => id.toHexString())
  log(`N=${n}: inserted ${n} postings and 3 resumes into ${dbName} in ${insert.seconds.toFixed(1)} s`)

  addon.configure({ mongoUri: MONGODB_URI, dbName })

  let lastPct = -1
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
  log(`N=${n}: backfill ${backfill.seconds.toFixed(2)} s`, JSON.stringify(backfill.value))

  const comparisons = db.collection('resumejobcomparisons')
  const resume2Id = insert.value.resumeIds[1]
  const docsFor = (since) => comparisons.countDocuments(since ? { resume: resume2Id, updatedAt: { $gte: since } } : { resume: resume2Id })

  const rssBefore = process.memoryUsage().rss
  const first = await timed(() => addon.getRecommendations(USER_HEX, resume1, LIMIT))
  const statsAfterFirst = typeof addon.catalogueStats === 'function' ? await addon.catalogueStats() : null
  const fresh = await timed(() => addon.getRecommendations(USER_HEX, resume2, LIMIT))
  const docsNew = await docsFor()
  const repeatSince = new Date()
  const repeat = await timed(() => addon.getRecommendations(USER_HEX, resume2, LIMIT))
  const docsRepeat = await docsFor(repeatSince)
  const invalidation = await addon.invalidateResume(resume2)
  const again = await timed(() => addon.getRecommendations(USER_HEX, resume2, LIMIT))
  // The baseline, in the same sitting: what recommendations cost before the catalogue, every
  // active posting compared in full and written, for a resume never seen (only at the sizes
  // where that takes seconds, not hours).
  let exhaustive = null
  if (n <= EXHAUSTIVE_MAX) {
    const ids = (await db.collection('jobpostings').find({ status: 'active' }, { projection: { _id: 1 } }).toArray()).map((j) => j._id.toHexString())
    exhaustive = (await timed(() => addon.batchCompare(resume3, ids, ids.length))).seconds
    log(`N=${n}: exhaustive (every posting compared in full) ${exhaustive.toFixed(2)} s`)
  }
  const rssAfter = process.memoryUsage().rss
  const docsAgain = await docsFor()
  const stats = typeof addon.catalogueStats === 'function' ? await addon.catalogueStats() : null
  log(`N=${n}: invalidateResume removed ${invalidation.deleted} cache documents`)
  if (statsAfterFirst) log(`N=${n}: catalogueStats after the first call`, JSON.stringify(statsAfterFirst))
  if (stats) log(`N=${n}: catalogueStats after the last call`, JSON.stringify(stats))

  // What came back, so a glance tells whether the ranking makes sense.
  for (const [label, res, prof] of [
    ['resume 1', first.value, RESUME_PROFESSIONS[0]],
    ['resume 2', again.value, RESUME_PROFESSIONS[1]],
  ]) {
    const top = res.slice(0, 3).map((c) => `${c.job_title} ${c.match_percentage}%`).join('; ')
    log(`N=${n}: ${label} (${prof}) got ${res.length}: ${top}`)
  }

  const jobDoc = await db.collection('jobpostingembeddings').findOne({})
  const resumeDoc = await db.collection('resumeembeddings').findOne({})
  const textDoc = await db.collection('textembeddings').findOne({})
  const jobBytes = bsonSize(jobDoc)
  const jobLegacyBytes = jobDoc ? bsonSize(legacyEncoding(jobDoc)) : null

  return {
    n,
    backfill: backfill.seconds,
    backfillResult: backfill.value,
    first: first.seconds,
    fresh: fresh.seconds,
    exhaustive,
    repeatMs: repeat.seconds * 1000,
    again: again.seconds,
    rankMs: stats?.lastRankMs ?? null,
    stats,
    rssGrowthMb: mb(rssAfter - rssBefore),
    docs: [docsNew, docsRepeat, docsAgain],
    jobBytes,
    jobLegacyBytes,
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
    `getRecommendations limit ${LIMIT}, resumes: ${RESUME_PROFESSIONS.join(', ')}\n`)
  console.log('| postings | backfill s | first call s | new resume s | exhaustive s (ratio to new resume) | repeat ms | after invalidateResume s | ranking alone ms | RSS growth MB | comparison docs per call | bytes/doc jobpostingembeddings (before→after) |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    if (r.error) {
      console.log(`| ${int(r.n)} | failed: ${String(r.error).replace(/\|/g, '/').slice(0, 200)} ||||||||||`)
      continue
    }
    console.log(
      `| ${int(r.n)} | ${num(r.backfill, 2)} | ${num(r.first, 3)} | ${num(r.fresh, 3)} | ` +
        `${r.exhaustive == null ? '—' : `${num(r.exhaustive, 2)} (${ratio(r.exhaustive, r.fresh)})`} | ${num(r.repeatMs, 1)} | ${num(r.again, 3)} | ` +
        `${num(r.rankMs, 1)} | ${num(r.rssGrowthMb, 1)} | ${r.docs.join(' / ')} | ` +
        `${int(r.jobLegacyBytes)} → ${int(r.jobBytes)} (${ratio(r.jobLegacyBytes, r.jobBytes)}) |`,
    )
  }
  console.log('\ncomparison docs per call: new resume / repeat / after invalidateResume; bytes "before" = the same document with its vectors as arrays of doubles.')

  const ok = rows.filter((r) => !r.error)
  if (!ok.length) return
  console.log('\n| postings | backfill embedded / fresh / total | catalogue postings | catalogue unembedded | catalogue bytes | catalogue bytes per posting | jobpostingembeddings bytes (legacy) | jobpostingembeddings bytes (stored) | ratio | resumeembeddings bytes | textembeddings bytes |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of ok) {
    const b = r.backfillResult ?? {}
    const s = r.stats
    console.log(
      `| ${int(r.n)} | ${b.embedded ?? '?'} / ${b.fresh ?? '?'} / ${b.total ?? '?'} | ${int(s?.postings)} | ${int(s?.unembedded)} | ` +
        `${int(s?.bytes)} | ${s?.bytes != null && s?.postings ? int(s.bytes / s.postings) : 'n/a'} | ${int(r.jobLegacyBytes)} | ${int(r.jobBytes)} | ` +
        `${ratio(r.jobLegacyBytes, r.jobBytes)} | ${int(r.resumeBytes)} | ${int(r.textBytes)} |`,
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
