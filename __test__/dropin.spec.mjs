// The drop-in surface for the Node backend: the CLI and `run()` against the seed's commands,
// progress and cancellation of long calls, backfill, and the TypeScript declarations.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync, execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ObjectId } from 'mongodb'
import { getEventListeners, setMaxListeners } from 'node:events'
import { addon, freshDatabase, insertFixtures, resumes, jobs, userId, rejection } from './helpers.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const id = (doc) => doc._id.toHexString()
const MANY = 100 // postings for the long-call tests: several steps of work

let database
let db
let dbName
before(async () => {
  database = await freshDatabase('resume_ai_dropin')
  db = database.db
  dbName = db.databaseName
  await insertFixtures(db)
  // Distinct texts per posting, so every step of a long call really runs the model.
  const many = Array.from({ length: MANY }, (_, i) => ({
    _id: new ObjectId(),
    title: `Backend Engineer ${i} (Python, team ${i % 7})`,
    company: `Company ${i}`,
    location: `City ${i % 13}`,
    experienceLevel: ['Entry', 'Mid', 'Senior'][i % 3],
    status: 'active',
    skills: [{ name: 'Python' }, { name: `Internal tool ${i}` }, { name: `Framework ${i % 11}` }],
    requirements: [`${i % 9} years building service ${i}`],
    description: 'Generated for the tests.',
  }))
  await db.collection('jobpostings').insertMany(many)
})
after(() => database.close())

function cli(args, env = {}) {
  const child = spawnSync(process.execPath, [`${root}bin/resume-ai.js`, ...args], {
    env: { ...process.env, MONGODB_DB: dbName, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: child.status, output: JSON.parse(child.stdout), stderr: child.stderr }
}

test('CLI: each seed command prints what the function returns', async () => {
  const resume = id(resumes.pythonDev)
  const job = id(jobs.pythonBackend)
  const cases = [
    [['score_resume', resume], () => addon.scoreResume(resume)],
    [['generate_resume_embeddings', resume], () => addon.generateResumeEmbeddings(resume)],
    [['generate_job_embeddings', job], () => addon.generateJobEmbeddings(job)],
    [['compare_resume_job', resume, job], () => addon.compareResumeJob(resume, job)],
    [['batch_compare', resume, JSON.stringify([job, id(jobs.nursing)]), '20'], () => addon.batchCompare(resume, [job, id(jobs.nursing)], 20)],
    [['get_recommendations', userId.toHexString(), resume, '3'], () => addon.getRecommendations(userId.toHexString(), resume, 3)],
  ]
  for (const [args, direct] of cases) {
    const { status, output } = cli(args)
    assert.equal(status, 0, args[0])
    assert.deepEqual(output, await direct(), args[0])
    assert.deepEqual(await addon.run(args[0], args.slice(1)), output, `run('${args[0]}')`)
  }
})

test('CLI: failures print {error, code}, a traceback only in development, and exit 1', () => {
  const missing = new ObjectId().toHexString()
  const plain = cli(['score_resume', missing])
  assert.equal(plain.status, 1)
  assert.deepEqual(plain.output, { error: `Resume not found: ${missing}`, code: 'RESUME_NOT_FOUND' })
  const dev = cli(['score_resume', missing], { NODE_ENV: 'development' })
  assert.equal(dev.status, 1)
  assert.equal(typeof dev.output.traceback, 'string')
  const unknown = cli(['launch_rockets'])
  assert.equal(unknown.output.code, 'INVALID_ARGUMENT')
  assert.match(unknown.output.error, /Unknown command/)
  const usage = cli(['compare_resume_job', id(resumes.pythonDev)])
  assert.equal(usage.output.code, 'INVALID_ARGUMENT')
  assert.match(usage.output.error, /usage: compare_resume_job <resume_id> <job_id>/)
  const badJson = cli(['batch_compare', id(resumes.pythonDev), 'not json', '5'])
  assert.equal(badJson.output.code, 'INVALID_ARGUMENT')
})

test('CLI: every failure exits 1 with its code', () => {
  const missing = new ObjectId().toHexString()
  const cases = [
    [['compare_resume_job', id(resumes.pythonDev), missing], {}, 'JOB_NOT_FOUND'],
    [['generate_job_embeddings', missing], {}, 'JOB_NOT_FOUND'],
    [['score_resume', 'not-an-id'], {}, 'INVALID_ID'],
    [['batch_compare', id(resumes.pythonDev), '["nope"]'], {}, 'INVALID_ID'],
    [['get_recommendations', '', id(resumes.pythonDev)], {}, 'INVALID_ID'],
    [['get_recommendations', 'u', id(resumes.pythonDev), 'ten'], {}, 'INVALID_ARGUMENT'],
    [['score_resume', id(resumes.pythonDev)], { MONGODB_URI: 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=1000' }, 'DB_UNAVAILABLE'],
  ]
  for (const [args, env, code] of cases) {
    const { status, output } = cli(args, env)
    assert.equal(status, 1, args.join(' '))
    assert.equal(output.code, code, `${args.join(' ')}: ${JSON.stringify(output)}`)
    assert.equal(typeof output.error, 'string')
  }
})

test('limit: 20 by default, at most 10,000, parsed from the CLI\'s text', async () => {
  const user = new ObjectId().toHexString()
  const resume = id(resumes.pythonDev)
  const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
  assert.ok(active > 20)
  assert.equal((await addon.getRecommendations(user, resume)).length, 20)
  assert.equal((await addon.getRecommendations(user, resume, 10_000)).length, active)
  assert.equal((await rejection(addon.getRecommendations(user, resume, 10_001))).code, 'INVALID_ARGUMENT')
  const all = (await db.collection('jobpostings').find({}, { projection: { _id: 1 } }).toArray()).map((j) => j._id.toHexString())
  assert.equal((await addon.batchCompare(resume, all)).length, 20)
  const ids = JSON.stringify(all)
  for (const [text, expected] of [[undefined, 20], ['7', 7], [' 7 ', 7], ['10000', all.length]]) {
    const args = ['batch_compare', resume, ids, ...(text === undefined ? [] : [text])]
    const { status, output } = cli(args)
    assert.equal(status, 0, `limit ${JSON.stringify(text)}`)
    assert.equal(output.length, expected, `limit ${JSON.stringify(text)}`)
  }
  for (const text of ['0', '2.5', '10001', 'seven', '']) {
    const { status, output } = cli(['get_recommendations', user, resume, text])
    assert.equal(status, 1, `limit ${JSON.stringify(text)}`)
    assert.equal(output.code, 'INVALID_ARGUMENT', `limit ${JSON.stringify(text)}`)
  }
})

test('limits are validated, not silently coerced', async () => {
  for (const limit of [0, -1, 1.5, Number.NaN, 2 ** 32 + 1]) {
    const e = await rejection(addon.batchCompare(id(resumes.pythonDev), [id(jobs.nursing)], limit))
    assert.equal(e.code, 'INVALID_ARGUMENT', `limit ${limit}`)
  }
})

test('getRecommendations reports progress up to done == total', async () => {
  const events = []
  let finished
  const final = new Promise((resolve) => { finished = resolve })
  const onProgress = (p) => {
    events.push(p)
    if (p.done === p.total) finished()
  }
  // Earlier tests embedded every posting: drop their embeddings so that this call has work.
  const active = await db.collection('jobpostings').find({ status: 'active' }, { projection: { _id: 1 } }).toArray()
  for (const { _id } of active) await addon.invalidateJob(_id.toHexString())
  assert.equal((await addon.catalogueStats()).unembedded, active.length)
  const recs = await addon.getRecommendations(userId.toHexString(), id(resumes.nurse), 5, { onProgress })
  assert.equal(recs.length, 5)
  await final // progress calls are queued to this thread: wait for the last one, not a tick
  // The catalogue embeds them in steps of 32, each reported.
  assert.ok(events.length >= 3, `several reports: ${JSON.stringify(events)}`)
  const last = events[events.length - 1]
  assert.equal(last.done, last.total)
  assert.ok(last.total >= MANY)
  for (let i = 1; i < events.length; i++) assert.ok(events[i].done >= events[i - 1].done)
})

/** Drops every posting's cached embeddings, so that the next long call has steps of work. */
async function dropPostingEmbeddings() {
  const all = await db.collection('jobpostings').find({}, { projection: { _id: 1 } }).toArray()
  for (const { _id } of all) await addon.invalidateJob(_id.toHexString())
  return all.map(({ _id }) => _id.toHexString())
}

/**
 * Starts a long call whose signal is aborted at its first progress report after some work.
 * An abort reaches the core through the JS thread, so without help the call could finish
 * its remaining steps first; the test build's hook (src/testing.rs) holds each intermediate
 * step until the abort has landed, which makes "aborted mid-call" what always happens.
 */
async function abortedMidCall(start) {
  assert.equal(typeof addon.__holdStepsUntilAbort, 'function', 'the addon is built with --features test-hooks (npm test does)')
  const controller = new AbortController()
  const events = []
  const onProgress = (p) => {
    events.push(p)
    if (p.done > 0) controller.abort()
  }
  addon.__holdStepsUntilAbort(true)
  try {
    const error = await rejection(start({ signal: controller.signal, onProgress }))
    assert.equal(error.code, 'ABORTED')
    assert.equal(error.message, 'Operation aborted')
    const last = events[events.length - 1]
    assert.ok(last.done > 0 && last.done < last.total, `stopped mid-call: ${JSON.stringify(events)}`)
    return last
  } finally {
    addon.__holdStepsUntilAbort(false)
  }
}

const embeddedPostings = () => db.collection('jobpostingembeddings').countDocuments({})

test('an aborted batchCompare rejects with ABORTED, keeps the steps it finished, and leaves complete cache entries', async () => {
  const resume = resumes.empty._id
  const jobIds = await dropPostingEmbeddings()
  const stopped = await abortedMidCall((opts) => addon.batchCompare(resume.toHexString(), jobIds, 10, opts))
  // The finished step's embeddings were written whole; the rest were never started.
  const kept = await embeddedPostings()
  assert.ok(kept >= stopped.done && kept < jobIds.length, `${kept} postings embedded of ${jobIds.length}`)
  // Each posting embedded before the abort was written whole: every section with text, and
  // the match vector.
  for (const doc of await db.collection('jobpostingembeddings').find({}).toArray()) {
    assert.ok(Object.keys(doc.meanEmbeddings).length >= 4, JSON.stringify(Object.keys(doc.meanEmbeddings)))
    assert.ok(doc.matchVector, 'matchVector written with the sections')
  }
  // Comparisons are written for the best `limit` at the end of a call: none yet.
  assert.equal(await db.collection('resumejobcomparisons').countDocuments({ resume }), 0)
  // The next call completes from where the cache stands.
  const done = await addon.batchCompare(resume.toHexString(), jobIds, 200)
  assert.equal(done.length, jobIds.length)
  assert.equal(await embeddedPostings(), jobIds.length)
})

test('an aborted getRecommendations rejects with ABORTED and keeps the postings it embedded', async () => {
  const jobIds = await dropPostingEmbeddings()
  const stopped = await abortedMidCall((opts) => addon.getRecommendations(userId.toHexString(), id(resumes.nurse), 5, opts))
  const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
  const stats = await addon.catalogueStats()
  assert.ok(stats.unembedded > 0 && stats.unembedded <= active - 32, JSON.stringify({ stats, stopped, active }))
  assert.equal((await addon.getRecommendations(userId.toHexString(), id(resumes.nurse), 5)).length, 5)
  assert.equal((await addon.catalogueStats()).unembedded, 0)
})

test('an aborted backfillJobEmbeddings rejects with ABORTED; the next one finishes the rest', async () => {
  const jobIds = await dropPostingEmbeddings()
  await abortedMidCall((opts) => addon.backfillJobEmbeddings(opts))
  const kept = await embeddedPostings()
  assert.ok(kept > 0 && kept < jobIds.length, `${kept} of ${jobIds.length}`)
  const rest = await addon.backfillJobEmbeddings()
  assert.deepEqual(rest, { total: jobIds.length, embedded: jobIds.length - kept, fresh: kept })
})

test('run() passes signal and onProgress to the long commands', async () => {
  const jobIds = await dropPostingEmbeddings()
  await abortedMidCall((opts) => addon.run('batch_compare', [id(resumes.nurse), JSON.stringify(jobIds), '3'], opts))
  await abortedMidCall((opts) => addon.run('get_recommendations', [userId.toHexString(), id(resumes.nurse), '3'], opts))
})

test('an already-aborted signal rejects before any work', async () => {
  const early = new AbortController()
  early.abort()
  const before = addon.engineStats()
  for (const call of [
    () => addon.getRecommendations('u', id(resumes.nurse), 5, { signal: early.signal, force: true }),
    () => addon.batchCompare(id(resumes.nurse), [id(jobs.nursing)], 5, { signal: early.signal, force: true }),
    () => addon.backfillJobEmbeddings({ signal: early.signal, force: true }),
  ]) {
    assert.equal((await rejection(call())).code, 'ABORTED')
  }
  assert.deepEqual(addon.engineStats(), before, 'the model ran nothing')
})

test('a signal reused across calls keeps no listener once they end', async () => {
  const controller = new AbortController()
  const { signal } = controller
  setMaxListeners(25, signal) // 20 calls in flight at once are expected here
  const calls = []
  for (let i = 0; i < 20; i++) {
    calls.push(addon.batchCompare(id(resumes.nurse), [id(jobs.nursing)], 1, { signal }))
  }
  assert.equal(getEventListeners(signal, 'abort').length, 20, 'one listener per call in flight')
  await Promise.all(calls)
  await addon.batchCompare(id(resumes.nurse), [id(jobs.nursing)], 1, { signal })
  // Removal is queued to the JS thread as each call ends: give the queue a few turns.
  for (let turn = 0; turn < 100 && getEventListeners(signal, 'abort').length > 0; turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  assert.equal(getEventListeners(signal, 'abort').length, 0)
  // Still abortable after all that.
  controller.abort()
  assert.equal((await rejection(addon.batchCompare(id(resumes.nurse), [id(jobs.nursing)], 1, { signal }))).code, 'ABORTED')
})

test('run() honours force like the functions do', async () => {
  const resumeId = id(resumes.nurse)
  const cached = await addon.run('score_resume', [resumeId])
  await db.collection('resumes').updateOne({ _id: resumes.nurse._id }, { $set: { skills: [] } })
  try {
    assert.deepEqual(await addon.run('score_resume', [resumeId]), cached, 'a cache hit without force')
    const forced = await addon.run('score_resume', [resumeId], { force: true })
    assert.ok(forced.breakdown.skills < cached.breakdown.skills, 'force sees the change')
  } finally {
    await db.collection('resumes').updateOne({ _id: resumes.nurse._id }, { $set: { skills: resumes.nurse.skills } })
    await addon.invalidateResume(resumeId)
  }
})

test('backfillJobEmbeddings embeds what lacks fresh embeddings, once', async () => {
  await addon.backfillJobEmbeddings() // whatever the earlier tests left
  await dropPostingEmbeddings()
  const events = []
  let finished
  const final = new Promise((resolve) => { finished = resolve })
  const onProgress = (p) => {
    events.push(p)
    if (p.done === p.total) finished()
  }
  const first = await addon.backfillJobEmbeddings({ filter: { status: 'active' }, onProgress })
  const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
  assert.deepEqual(first, { total: active, embedded: active, fresh: 0 })
  assert.equal(await embeddedPostings(), active)
  const again = await addon.backfillJobEmbeddings({ filter: { status: 'active' } })
  assert.deepEqual(again, { total: active, embedded: 0, fresh: active })
  await final // progress calls are queued to this thread: wait for the last one, not a tick
  assert.deepEqual(events[events.length - 1], { done: active, total: active })
  assert.ok(events.length >= Math.ceil(active / 32), 'one report per step of 32')
})

test('index.d.ts types a real usage file (tsc --noEmit)', () => {
  execFileSync(`${root}node_modules/.bin/tsc`, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', `${root}__test__/usage.ts`], {
    cwd: root,
    encoding: 'utf8',
  })
})
