// The drop-in surface for the Node backend: the CLI and `run()` against the seed's commands,
// progress and cancellation of long calls, backfill, and the TypeScript declarations.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync, execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ObjectId } from 'mongodb'
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

test('an aborted batchCompare rejects with ABORTED and leaves only complete cache entries', async () => {
  const resume = resumes.empty._id
  const all = await db.collection('jobpostings').find({}, { projection: { _id: 1 } }).toArray()
  const jobIds = all.map((j) => j._id.toHexString())
  // The call has steps to abort between only while postings lack embeddings (with all of them
  // cached it ranks in one go): drop them, so it embeds the ~100 postings in steps of 32.
  for (const job of jobIds) await addon.invalidateJob(job)
  const controller = new AbortController()
  const call = addon.batchCompare(resume.toHexString(), jobIds, 10, {
    signal: controller.signal,
    onProgress: ({ done }) => done > 0 && controller.abort(),
  })
  const e = await rejection(call)
  assert.equal(e.code, 'ABORTED')
  const written = await db.collection('resumejobcomparisons').find({ resume }).toArray()
  assert.ok(written.length < jobIds.length, 'stopped before the end')
  for (const doc of written) assert.equal(typeof doc.match_percentage, 'number')
  // The next call completes from where the cache stands.
  const done = await addon.batchCompare(resume.toHexString(), jobIds, 200)
  assert.equal(done.length, jobIds.length)

  const early = new AbortController()
  early.abort()
  const e2 = await rejection(addon.getRecommendations('u', id(resumes.nurse), 5, { signal: early.signal, force: true }))
  assert.equal(e2.code, 'ABORTED')
})

test('backfillJobEmbeddings embeds what lacks fresh embeddings, once', async () => {
  const events = []
  const first = await addon.backfillJobEmbeddings({ filter: { status: 'active' }, onProgress: (p) => events.push(p) })
  const active = await db.collection('jobpostings').countDocuments({ status: 'active' })
  assert.equal(first.total, active)
  assert.equal(first.embedded + first.fresh, active)
  const stored = await db.collection('jobpostingembeddings').countDocuments({})
  assert.ok(stored >= active)
  const again = await addon.backfillJobEmbeddings({ filter: { status: 'active' } })
  assert.deepEqual(again, { total: active, embedded: 0, fresh: active })
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(events[events.length - 1], { done: active, total: active })
})

test('index.d.ts types a real usage file (tsc --noEmit)', () => {
  execFileSync(`${root}node_modules/.bin/tsc`, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', `${root}__test__/usage.ts`], {
    cwd: root,
    encoding: 'utf8',
  })
})
