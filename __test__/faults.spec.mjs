// Faults, each followed by the same three checks: nothing non-finite is served, nothing damaged
// stays cached, and recommendations equal the exhaustive ranking.
//   - a backfill and a recommendation call killed (SIGKILL) mid-write, in another process;
//   - every cache collection damaged by hand;
//   - two processes editing postings and invalidating them;
//   - the database killed mid-call, then restarted on the same data (a server of its own, from
//     the local SecantusDB that `scripts/db.sh install` puts in .venv).
// FAULT_ROUNDS sets the kills per case (2 in `npm test`, 15 in `npm run faults`).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { MongoClient, ObjectId } from 'mongodb'

import { addon, exhaustive, freshDatabase, rejection } from './helpers.mjs'
import { generatePostings, generateResumes, insertBoard } from './support/board.mjs'

const ROUNDS = Number(process.env.FAULT_ROUNDS || 2)
const POSTINGS = 240
const DIMENSION = 768
const ADDON = new URL('../index.js', import.meta.url).pathname
const hex = (oid) => oid.toHexString()

let db, close, resumeIds

before(async () => {
  ;({ db, close } = await freshDatabase('resume_ai_faults'))
  const { resumeIds: ids } = await insertBoard(db, {
    postings: generatePostings(POSTINGS, { seed: 11, closedShare: 0.1 }),
    resumes: generateResumes(4 + 2 * ROUNDS, { seed: 12 }),
  })
  resumeIds = ids.map(hex)
})
after(() => close())

/** A number-free check of one stored vector: a float32 binary vector of the model's length,
 * finite, not all zero. */
function assertSoundVector(value, what) {
  assert.equal(value?.sub_type, 9, `${what}: a binary vector`)
  const floats = new Float32Array(value.buffer.buffer.slice(value.buffer.byteOffset + 2, value.buffer.byteOffset + value.buffer.length))
  assert.equal(floats.length, DIMENSION, `${what}: length`)
  assert.ok(floats.every(Number.isFinite) && floats.some((x) => x !== 0), `${what}: finite, not zero`)
}

/** Every cache document of the database is sound: nothing damaged or partial stays cached. */
async function assertCachesSound() {
  const embeddings = await db.collection('jobpostingembeddings').find({}).toArray()
  const postings = new Set(embeddings.map((e) => hex(e.jobPosting)))
  assert.equal(postings.size, embeddings.length, 'one embeddings document per posting')
  for (const e of embeddings) {
    assert.ok(Object.keys(e.meanEmbeddings).length > 0, 'a whole document, not a partial one')
    for (const [section, v] of Object.entries(e.meanEmbeddings)) assertSoundVector(v, `jobpostingembeddings ${section}`)
  }
  for (const e of await db.collection('resumeembeddings').find({}).toArray()) {
    for (const [section, v] of Object.entries(e.meanEmbeddings)) assertSoundVector(v, `resumeembeddings ${section}`)
  }
  for (const t of await db.collection('textembeddings').find({}).toArray()) assertSoundVector(t.vector, 'textembeddings')
  for (const c of await db.collection('resumejobcomparisons').find({}).toArray()) {
    for (const x of [c.match_percentage, ...Object.values(c.breakdown)]) assert.ok(Number.isFinite(x) && x >= 0 && x <= 100, `comparison ${x}`)
  }
  for (const s of await db.collection('resumescores').find({}).toArray()) {
    for (const x of [s.overall_score, ...Object.values(s.breakdown)]) assert.ok(Number.isFinite(x) && x >= 0 && x <= 100, `score ${x}`)
  }
}

/** Recommendations are finite and equal the exhaustive ranking. */
async function assertRecommendationsExact(resumeId, user = 'faults-user') {
  const recommended = await addon.getRecommendations(user, resumeId, 5)
  for (const r of recommended) assert.ok(Number.isFinite(r.match_percentage), 'a finite match')
  assert.deepEqual(recommended, await exhaustive(db, user, resumeId, 5))
}

/**
 * Runs `call` (a function of `addon` and an `onProgress` that prints each report) in another
 * Node process on this database. With `killAfterMs`, kills it with SIGKILL that long after its
 * first line of output: mid-call, usually mid-write. Resolves with the lines it printed, parsed.
 */
async function inAnotherProcess(call, { killAfterMs } = {}) {
  const child = spawn(process.execPath, ['-e', `
    const addon = require(${JSON.stringify(ADDON)})
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: ${JSON.stringify(db.databaseName)} })
    const onProgress = (p) => console.log(JSON.stringify(p))
    ;(${call})(addon, onProgress).catch((e) => { console.log(JSON.stringify(e.code)); process.exitCode = 1 })`], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = []
  let timer
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line))
    if (killAfterMs !== undefined) timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  })
  await once(child, 'exit')
  clearTimeout(timer)
  return lines
}

test('a backfill killed mid-write leaves whole documents, and the next one embeds exactly the rest', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    await db.collection('jobpostingembeddings').deleteMany({})
    const backfill = '(a, onProgress) => a.backfillJobEmbeddings({ filter: { status: "active" }, onProgress })'
    const reports = await inAnotherProcess(backfill, { killAfterMs: 50 + 400 * round })
    assert.ok(reports.length > 0, 'the backfill started')
    await assertCachesSound()
    // The server finishes applying a write it accepted before the kill: count once it is done.
    let kept = -1
    for (let steady = 0; steady < 2;) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const now = await db.collection('jobpostingembeddings').countDocuments({})
      steady = now === kept ? steady + 1 : 0
      kept = now
    }
    const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
    const rest = await addon.backfillJobEmbeddings({ filter: { status: 'active' } })
    assert.deepEqual({ embedded: rest.embedded, fresh: rest.fresh }, { embedded: active - kept, fresh: kept }, `round ${round}: killed after ${JSON.stringify(reports.at(-1))}`)
    assert.equal(await db.collection('jobpostingembeddings').countDocuments({}), active)
    await assertCachesSound()
  }
  await assertRecommendationsExact(resumeIds[3])
})

test('a recommendation call killed mid-write leaves sound caches, and the next one is exact', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    // A board without embeddings: the call embeds postings and writes comparisons as it goes.
    await db.collection('jobpostingembeddings').deleteMany({})
    const resumeId = resumeIds[4 + round]
    const call = `(a, onProgress) => a.getRecommendations('faults-user', ${JSON.stringify(resumeId)}, 5, { onProgress })`
    const reports = await inAnotherProcess(call, { killAfterMs: 100 + 300 * round })
    assert.ok(reports.length > 0, 'the call started')
    await assertCachesSound()
    await assertRecommendationsExact(resumeId)
    await assertCachesSound()
  }
})

test('every cache collection damaged by hand: recomputed and overwritten, never served', async () => {
  const resumeId = resumeIds[0]
  const resume = new ObjectId(resumeId)
  await assertRecommendationsExact(resumeId)
  const sound = await addon.scoreResume(resumeId)
  const [first] = await addon.getRecommendations('faults-user', resumeId, 1)
  const job = new ObjectId(first.job_id)
  await addon.generateResumeEmbeddings(resumeId)
  const before = (await addon.catalogueStats()).damagedCacheEntries
  const nan = Array(DIMENSION).fill(NaN)
  const damages = [
    ['resumescores', { resume }, { overall_score: NaN }],
    ['resumescores', { resume }, { 'breakdown.skills': 1e9 }],
    ['resumeembeddings', { resume }, { 'meanEmbeddings.skills': nan }],
    ['jobpostingembeddings', { jobPosting: job }, { 'meanEmbeddings.skills': [0.5, 0.25] }],
    ['resumejobcomparisons', { resume, jobPosting: job }, { match_percentage: NaN }],
    ['textembeddings', {}, { vector: nan }, 'many'],
  ]
  for (const [collection, key, set, many] of damages) {
    const { matchedCount } = many
      ? await db.collection(collection).updateMany(key, { $set: set })
      : await db.collection(collection).updateOne(key, { $set: set })
    assert.ok(matchedCount >= 1, `${collection} damaged`)
  }
  // This process holds the text vectors it read in memory: another one reads them from the
  // database, finds them damaged, embeds the texts again and overwrites them.
  const [other] = await inAnotherProcess(`(a) => a.generateResumeEmbeddings(${JSON.stringify(resumeIds[3])}, { force: true })
    .then(async (e) => console.log(JSON.stringify({ finite: Object.values(e.meanEmbeddings).every((v) => v.every(Number.isFinite)), damaged: (await a.catalogueStats()).damagedCacheEntries })))`)
  assert.ok(other.finite && other.damaged > 0, JSON.stringify(other))
  assert.deepEqual(await addon.scoreResume(resumeId), sound)
  const compared = await addon.compareResumeJob(resumeId, first.job_id)
  assert.equal(compared.match_percentage, first.match_percentage)
  for (const v of Object.values((await addon.generateResumeEmbeddings(resumeId)).meanEmbeddings)) assert.ok(v.every(Number.isFinite))
  for (const v of await addon.embed(['Python', 'SQL'])) assert.ok(v.every(Number.isFinite) && v.length === DIMENSION)
  // Another resume: its comparisons are new, and read the damaged text vectors.
  await assertRecommendationsExact(resumeIds[1])
  // The text vectors not read yet stay damaged until read: take them out of the check.
  const unread = (await db.collection('textembeddings').find({}).toArray()).filter((t) => Array.isArray(t.vector))
  await db.collection('textembeddings').deleteMany({ _id: { $in: unread.map((t) => t._id) } })
  await assertCachesSound()
  // The score, the resume's and the posting's embeddings, the comparison: each refused once.
  assert.ok((await addon.catalogueStats()).damagedCacheEntries - before >= 4, 'the refused entries are counted')
})

test('two processes editing postings and invalidating them: every catalogue follows', async () => {
  const resumeId = resumeIds[2]
  const here = addon.connect({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName, catalogue: { refreshSeconds: 0 } })
  await here.getRecommendations('faults-user', resumeId, 5) // this process's catalogue is built
  const resumeDoc = await db.collection('resumes').findOne({ _id: new ObjectId(resumeId) })
  const active = await db.collection('jobpostings').find({ status: 'active' }, { projection: { _id: 1 } }).toArray()
  for (let round = 0; round < ROUNDS; round++) {
    // The other process makes one posting fit this resume, closes another, and invalidates both.
    const [fit, closed] = [active[3 * round], active[3 * round + 1]].map((j) => hex(j._id))
    const edit = `(a) => Promise.all([${JSON.stringify(fit)}, ${JSON.stringify(closed)}].map((id) => a.invalidateJob(id))).then(() => console.log('"done"'))`
    await db.collection('jobpostings').updateOne({ _id: new ObjectId(fit) }, { $set: { title: resumeDoc.workExperience[0].jobTitle, skills: resumeDoc.skills } })
    await db.collection('jobpostings').updateOne({ _id: new ObjectId(closed) }, { $set: { status: 'closed' } })
    const reports = await inAnotherProcess(edit)
    assert.ok(reports.includes('done'), `the other process invalidated: ${JSON.stringify(reports)}`)
    // The previous rounds' edited postings tie with this one: the list has room for them all.
    const limit = 5 + round
    const after = await here.getRecommendations('faults-user', resumeId, limit)
    assert.ok(after.some((r) => r.job_id === fit && r.match_percentage === after[0].match_percentage), 'the edited posting ranks first here')
    assert.ok(!after.some((r) => r.job_id === closed), 'the closed posting is gone here')
    assert.deepEqual(after, await exhaustive(db, 'faults-user', resumeId, limit))
  }
  await assertCachesSound()
})

// ---------------------------------------------------------------------------
// The database killed mid-call: a server of this test's own (the venv's SecantusDB), so the
// other files' database is never touched
// ---------------------------------------------------------------------------

const SERVER = path.resolve(new URL('..', import.meta.url).pathname, '.venv/bin/secantusd-py')

async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  return port
}

/** A SecantusDB of this test's own on `port`, its data in `dir` (kept across restarts). */
async function startServer(port, dir) {
  const config = path.join(dir, 'secantusd.toml')
  fs.writeFileSync(config, '')
  const child = spawn(SERVER, ['--config', config, '--host', '127.0.0.1', '--port', String(port), '--storage-path', path.join(dir, 'data'), '--cache-size', '512M'], { stdio: 'ignore' })
  for (let i = 0; i < 300; i++) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true) }).on('error', () => resolve(false))
    })
    if (open) return child
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`SecantusDB did not open port ${port}`)
}

test('the database killed mid-call: DB_UNAVAILABLE, then service again without a restart', async () => {
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`bash scripts/db.sh install\` (npm test does)`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-ai-faults-'))
  const port = await freePort()
  let server = await startServer(port, dir)
  const uri = `mongodb://127.0.0.1:${port}/?serverSelectionTimeoutMS=3000`
  const mongo = await MongoClient.connect(uri)
  try {
    const own = mongo.db('resume_ai_faults_db')
    const { resumeIds: ids } = await insertBoard(own, { postings: generatePostings(120, { seed: 13 }), resumes: generateResumes(ROUNDS + 1, { seed: 14 }) })
    // A journaled write flushes the journal, so the board survives the kills below (the
    // server may lose acknowledged, unjournaled writes to SIGKILL: its durability, not what
    // this test is about).
    await own.collection('setup').insertOne({ board: true }, { writeConcern: { w: 1, j: true } })
    const client = addon.connect({ mongoUri: uri, dbName: 'resume_ai_faults_db' })
    for (let round = 0; round < ROUNDS; round++) {
      const call = client.getRecommendations('faults-user', hex(ids[round]), 5)
      await new Promise((r) => setTimeout(r, 100 + 200 * round))
      server.kill('SIGKILL')
      const outcome = await call.then(() => 'finished', (e) => e.code)
      assert.ok(['finished', 'DB_UNAVAILABLE'].includes(outcome), `round ${round}: ${outcome}`)
      const down = await rejection(client.scoreResume(hex(ids[round]), { force: true }))
      assert.equal(down.code, 'DB_UNAVAILABLE')
      server = await startServer(port, dir)
      const recommended = await client.getRecommendations('faults-user', hex(ids[round]), 5)
      const all = await client.batchCompare(hex(ids[round]), (await own.collection('jobpostings').find({ status: 'active' }).toArray()).map((j) => hex(j._id)), 10_000)
      assert.deepEqual(recommended, all.slice(0, 5), `round ${round}: exact after the restart`)
      for (const c of await own.collection('resumejobcomparisons').find({}).toArray()) assert.ok(Number.isFinite(c.match_percentage))
    }
  } finally {
    await mongo.close().catch(() => {})
    server.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
