// Recommendations from the in-process catalogue: the same postings, order and numbers as
// comparing the resume with every active posting (on the demo data and on a generated board of
// 5,000 postings), `limit` comparison documents per call, freshness after invalidateJob and
// the refresh interval, and vectors stored as BSON binary vectors with legacy arrays still read.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { Binary, ObjectId } from 'mongodb'

import { addon, exhaustive, freshDatabase, rejection } from './helpers.mjs'
import { makeJobPostings, makeResumes } from '../demo/seed-data.mjs'
import { generatePostings, generateResumes, insertBoard } from './support/board.mjs'

const BOARD_SIZE = 5000
const hex = (oid) => oid.toHexString()

/** Points the addon at `db` (a new configuration also starts a new, empty catalogue). */
function use(db, options = {}) {
  addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName, ...options })
}

test('demo data: recommendations equal the exhaustive ranking, for every resume and limit', async () => {
  const { db, close } = await freshDatabase('resume_ai_catalogue_demo')
  try {
    const resumes = makeResumes()
    const postings = makeJobPostings()
    const r = await db.collection('resumes').insertMany(resumes)
    await db.collection('jobpostings').insertMany(postings)
    const resumeIds = Object.values(r.insertedIds).map(hex)
    const user = new ObjectId()
    // The user applied to one active posting: excluded by both paths.
    const someActive = await db.collection('jobpostings').findOne({ status: 'active' })
    await db.collection('applications').insertOne({ user, jobPosting: someActive._id })
    for (const resumeId of resumeIds) {
      for (const limit of [1, 5, 20]) {
        const fast = await addon.getRecommendations(hex(user), resumeId, limit)
        assert.deepEqual(fast, await exhaustive(db, user, resumeId, limit), `resume ${resumeId}, limit ${limit}`)
        assert.ok(!fast.some((c) => c.job_id === hex(someActive._id)))
      }
    }
  } finally {
    await close()
  }
})

let board
before(async () => {
  board = await freshDatabase('resume_ai_catalogue_board')
  const { postingIds, resumeIds } = await insertBoard(board.db, {
    postings: generatePostings(BOARD_SIZE, { closedShare: 0.1 }),
    resumes: generateResumes(3),
  })
  board.postingIds = postingIds
  board.resumeIds = resumeIds.map(hex)
  const done = await addon.backfillJobEmbeddings({ filter: { status: 'active' } })
  assert.equal(done.embedded, done.total)
})
after(() => board?.close())

test(`a board of ${BOARD_SIZE} postings: recommendations equal the exhaustive ranking`, async () => {
  const { db } = board
  use(db)
  const user = new ObjectId()
  const [first] = await addon.getRecommendations(hex(user), board.resumeIds[0], 1)
  // Applying to the best posting moves the next one up, in both paths.
  await db.collection('applications').insertOne({ user, jobPosting: new ObjectId(first.job_id) })
  for (const [i, resumeId] of board.resumeIds.entries()) {
    const limit = [20, 5, 1][i]
    const fast = await addon.getRecommendations(hex(user), resumeId, limit)
    assert.equal(fast.length, limit)
    assert.ok(!fast.some((c) => c.job_id === first.job_id), 'applied posting excluded')
    assert.deepEqual(fast, await exhaustive(db, user, resumeId, limit), `resume ${i}, limit ${limit}`)
  }
  const stats = await addon.catalogueStats()
  const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
  assert.equal(stats.postings, active)
  assert.equal(stats.unembedded, 0)
})

test('a new resume writes `limit` comparison documents, not one per posting', async () => {
  const { db } = board
  use(db)
  const [resume] = generateResumes(1, { seed: 99 })
  const { insertedId } = await db.collection('resumes').insertOne(resume)
  const recs = await addon.getRecommendations('someone', hex(insertedId), 7)
  assert.equal(recs.length, 7)
  assert.equal(await db.collection('resumejobcomparisons').countDocuments({ resume: insertedId }), 7)
  const again = await addon.getRecommendations('someone', hex(insertedId), 7)
  assert.deepEqual(again, recs)
  const invalidated = await addon.invalidateResume(hex(insertedId))
  assert.equal(invalidated.deleted, 1 + 7) // its embeddings and the 7 comparisons
  assert.deepEqual(await addon.getRecommendations('someone', hex(insertedId), 7), recs)
})

test('invalidateJob takes a closed posting out at once; a new posting enters once embedded', async () => {
  const { db } = board
  use(db)
  const resumeId = board.resumeIds[1]
  const [best] = await addon.getRecommendations('u1', resumeId, 3)
  await db.collection('jobpostings').updateOne({ _id: new ObjectId(best.job_id) }, { $set: { status: 'closed' } })
  await addon.invalidateJob(best.job_id)
  const after = await addon.getRecommendations('u1', resumeId, 3)
  assert.ok(!after.some((c) => c.job_id === best.job_id), 'closed posting gone')

  // Reopened and invalidated: embedded again by the next call, and back on top.
  await db.collection('jobpostings').updateOne({ _id: new ObjectId(best.job_id) }, { $set: { status: 'active' } })
  await addon.invalidateJob(best.job_id)
  assert.equal((await addon.catalogueStats()).unembedded, 1)
  const reopened = await addon.getRecommendations('u1', resumeId, 3)
  assert.equal(reopened[0].job_id, best.job_id)
  assert.equal((await addon.catalogueStats()).unembedded, 0)

  // A posting made for this resume (its skills, its latest title), created and embedded by
  // this process: recommended first at once, without waiting for a listing.
  const resume = await db.collection('resumes').findOne({ _id: new ObjectId(resumeId) })
  const { _id, ...copy } = await db.collection('jobpostings').findOne({ _id: new ObjectId(best.job_id) })
  const made = { ...copy, title: resume.workExperience[0].jobTitle, skills: resume.skills.map((s) => s.name) }
  const { insertedId } = await db.collection('jobpostings').insertOne(made)
  await addon.generateJobEmbeddings(hex(insertedId))
  const withCopy = await addon.getRecommendations('u1', resumeId, 3)
  assert.equal(withCopy[0].job_id, hex(insertedId))
  assert.equal(withCopy[0].breakdown.skills_match, 100)
})

test('the refresh interval bounds how long a change made elsewhere goes unseen', async () => {
  const { db } = board
  // Every call lists the active postings again.
  use(db, { catalogue: { refreshSeconds: 0 } })
  const resumeId = board.resumeIds[2]
  const [best] = await addon.getRecommendations('u2', resumeId, 2)
  // Closed by another process, without invalidateJob.
  await db.collection('jobpostings').updateOne({ _id: new ObjectId(best.job_id) }, { $set: { status: 'closed' } })
  const next = await addon.getRecommendations('u2', resumeId, 2)
  assert.ok(!next.some((c) => c.job_id === best.job_id))
  // Reopened: its embeddings are still cached, so it is back without any embedding.
  await db.collection('jobpostings').updateOne({ _id: new ObjectId(best.job_id) }, { $set: { status: 'active' } })
  const before = addon.engineStats().textsEmbedded
  assert.equal((await addon.getRecommendations('u2', resumeId, 2))[0].job_id, best.job_id)
  assert.equal(addon.engineStats().textsEmbedded, before)

  for (const bad of [-1, Number.NaN, Infinity]) {
    assert.throws(
      () => use(db, { catalogue: { refreshSeconds: bad } }),
      (e) => e.code === 'INVALID_ARGUMENT',
    )
  }
  use(db)
})

test('an edit and invalidateJob in another process reach this catalogue at its next listing', async () => {
  const { db } = board
  use(db)
  // This process's client lists the active postings on every call.
  const here = addon.connect({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName, catalogue: { refreshSeconds: 0 } })
  const resumeId = board.resumeIds[0]
  const ranked = await here.getRecommendations('u3', resumeId, 200)
  const target = ranked.at(-1).job_id // far down this resume's ranking
  // Another process rewrites the posting for this resume and invalidates it; nothing
  // re-embeds it there, so its embeddings are simply gone from the cache.
  const resume = await db.collection('resumes').findOne({ _id: new ObjectId(resumeId) })
  await db.collection('jobpostings').updateOne(
    { _id: new ObjectId(target) },
    { $set: { title: resume.workExperience[0].jobTitle, skills: resume.skills.map((s) => s.name) } },
  )
  const other = spawnSync(process.execPath, ['-e', `
    const addon = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: ${JSON.stringify(db.databaseName)} })
    addon.invalidateJob(${JSON.stringify(target)}).then((r) => console.log(JSON.stringify(r)))`], { encoding: 'utf8', timeout: 60_000 })
  assert.equal(other.status, 0, other.stderr)
  assert.ok(JSON.parse(other.stdout).deleted >= 1, other.stdout)
  const after = await here.getRecommendations('u3', resumeId, 5)
  assert.equal(after[0].job_id, target, 'the edited posting, embedded again, ranks first')
  assert.deepEqual(after, await exhaustive(db, 'u3', resumeId, 5))
})

test('vectors are stored as float32 binary vectors; arrays written by the Python service still read', async () => {
  const { db } = board
  use(db)
  const { _id: jobId } = await db.collection('jobpostings').findOne({ status: 'active' })
  const stored = await db.collection('jobpostingembeddings').findOne({ jobPosting: jobId })
  const skills = stored.meanEmbeddings.skills
  assert.ok(skills instanceof Binary)
  assert.equal(skills.sub_type, 9)
  assert.deepEqual([...skills.buffer.subarray(0, 2)], [0x27, 0x00], 'dtype float32, no padding')
  assert.equal(skills.buffer.length, 2 + 4 * 768)
  assert.ok(stored.matchVector instanceof Binary && stored.matchVector.buffer.length === 2 + 4 * 1536)
  const text = await db.collection('textembeddings').findOne({})
  assert.equal(text.vector.sub_type, 9)

  const viaApi = await addon.generateJobEmbeddings(hex(jobId))
  assert.equal(viaApi.meanEmbeddings.skills.length, 768)
  // The same document as the Python service wrote it: arrays of doubles.
  const legacy = Object.fromEntries(Object.entries(viaApi.meanEmbeddings).map(([k, v]) => [k, Array.from(v)]))
  await db.collection('jobpostingembeddings').updateOne({ jobPosting: jobId }, { $set: { meanEmbeddings: legacy }, $unset: { matchVector: '' } })
  const before = addon.engineStats().textsEmbedded
  const reread = await addon.generateJobEmbeddings(hex(jobId))
  assert.deepEqual(reread, viaApi)
  assert.equal(addon.engineStats().textsEmbedded, before, 'read, not recomputed')
})

test('bad ids are rejected before any catalogue work', async () => {
  const e = await rejection(addon.getRecommendations('u', 'not-an-id', 5))
  assert.equal(e.code, 'INVALID_ID')
})

test('a new client starts from the snapshot, which two processes writing at once never corrupt', async () => {
  const { db } = board
  use(db)
  // Two processes write snapshots of this board at the same time, three times each.
  const writer = `
    const addon = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    const client = addon.connect({ mongoUri: process.env.MONGODB_URI, dbName: ${JSON.stringify(db.databaseName)} })
    ;(async () => {
      const sizes = []
      for (let i = 0; i < 3; i++) sizes.push(await client.saveCatalogueSnapshot())
      console.log(JSON.stringify(sizes))
    })().catch((e) => { console.error(e); process.exit(1) })`
  const run = () => new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { err += d })
    child.on('exit', (code) => resolve({ code, out, err }))
  })
  const results = await Promise.all([run(), run()])
  for (const { code, out, err } of results) {
    assert.equal(code, 0, err)
    assert.equal(JSON.parse(out).length, 3)
  }
  const pointers = await db.collection('cataloguesnapshots').find({ generation: { $exists: true }, chunks: { $exists: true } }).toArray()
  assert.equal(pointers.length, 1, 'one current snapshot per model and limits')
  const chunks = await db.collection('cataloguesnapshots').countDocuments({ generation: pointers[0].generation, n: { $exists: true } })
  assert.equal(chunks, pointers[0].chunks)

  // A new client (as a new process would) starts from it: the same rankings as comparing
  // with every active posting, and its catalogue says where it came from.
  const fresh = addon.connect({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
  const user = new ObjectId()
  for (const [i, resumeId] of board.resumeIds.entries()) {
    const limit = [20, 5, 1][i]
    const fast = await fresh.getRecommendations(hex(user), resumeId, limit)
    assert.deepEqual(fast, await exhaustive(db, user, resumeId, limit), `resume ${i}, limit ${limit}`)
  }
  const stats = await fresh.catalogueStats()
  assert.equal(stats.fromSnapshot, true)
  assert.equal(stats.snapshotBytes, pointers[0].bytes)
  assert.equal(stats.postings, await db.collection('jobpostings').countDocuments({ status: 'active' }))

  // A damaged snapshot is never trusted: the next client lists the board instead.
  await db.collection('cataloguesnapshots').updateOne(
    { generation: pointers[0].generation, n: 0 },
    { $set: { data: new Binary(Buffer.from('not a catalogue')) } },
  )
  const next = addon.connect({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
  const [best] = await next.getRecommendations(hex(user), board.resumeIds[1], 1)
  assert.deepEqual([best], await exhaustive(db, user, board.resumeIds[1], 1))
  const damaged = await next.catalogueStats()
  assert.equal(damaged.fromSnapshot, false)
  assert.ok(damaged.damagedCacheEntries >= 1, 'counted as damaged')
})
