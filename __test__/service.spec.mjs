// The seed's commands end to end: the real model, a real MongoDB-wire server (SecantusDB,
// started by `npm test`), the cache collections and their TTL indexes, and every error code.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObjectId } from 'mongodb'
import { addon, freshDatabase, insertFixtures, resumes, jobs, userId, rejection, DAY_SECONDS } from './helpers.mjs'

const GRADES = [[95, 'A+'], [90, 'A'], [85, 'B+'], [80, 'B'], [75, 'C+'], [70, 'C'], [60, 'D'], [0, 'F']]
const gradeFor = (score) => GRADES.find(([min]) => score >= min)[1]
const id = (doc) => doc._id.toHexString()

let database
let db
before(async () => {
  database = await freshDatabase('resume_ai_service')
  db = database.db
  await insertFixtures(db)
})
after(() => database.close())

test('scoreResume: the seed shape, a grade on the seed scale, merged experience', async () => {
  const score = await addon.scoreResume(id(resumes.pythonDev))
  assert.deepEqual(Object.keys(score).sort(), [
    'breakdown', 'grade', 'improvements', 'overall_score', 'recommendations', 'resume_id', 'strengths', 'total_experience_years',
  ])
  assert.equal(score.resume_id, id(resumes.pythonDev))
  assert.deepEqual(Object.keys(score.breakdown).sort(), ['certifications', 'completeness', 'experience', 'skills'])
  for (const v of [score.overall_score, ...Object.values(score.breakdown)]) assert.ok(v >= 0 && v <= 100, `${v} in 0..100`)
  assert.equal(score.grade, gradeFor(score.overall_score))
  assert.equal(score.total_experience_years, 5.0) // overlapping roles merged, not 6
  // In demand (asked by active postings) and missing from the resume: AWS and Docker.
  assert.ok(score.recommendations.includes('Learn AWS'), JSON.stringify(score.recommendations))
  assert.ok(!score.recommendations.some((r) => /Python/.test(r)), 'never recommends a skill the resume has')
})

test('scoreResume of an empty resume is a valid low score, not NaN', async () => {
  const score = await addon.scoreResume(id(resumes.empty))
  assert.equal(score.grade, 'F')
  assert.ok(Number.isFinite(score.overall_score) && score.overall_score < 30)
  assert.equal(score.total_experience_years, 0)
  assert.ok(score.improvements.length > 0)
})

test('a second call is served from the cache; force recomputes and rewrites it', async () => {
  const resumeId = id(resumes.nurse)
  const first = await addon.scoreResume(resumeId)
  const cached = await db.collection('resumescores').findOne({ resume: resumes.nurse._id })
  assert.ok(cached, 'written to resumescores under key `resume`')

  // Change the resume behind the cache's back: a cache hit cannot see it.
  await db.collection('resumes').updateOne({ _id: resumes.nurse._id }, { $set: { skills: [] } })
  const second = await addon.scoreResume(resumeId)
  assert.deepEqual(second, first)
  const after = await db.collection('resumescores').findOne({ resume: resumes.nurse._id })
  assert.equal(after.updatedAt.getTime(), cached.updatedAt.getTime(), 'cache entry untouched')

  const forced = await addon.scoreResume(resumeId, { force: true })
  assert.ok(forced.breakdown.skills < first.breakdown.skills, 'force sees the change')
  const rewritten = await db.collection('resumescores').findOne({ resume: resumes.nurse._id })
  assert.ok(rewritten.updatedAt > cached.updatedAt)
  assert.equal(rewritten.createdAt.getTime(), cached.createdAt.getTime())
  await db.collection('resumes').updateOne({ _id: resumes.nurse._id }, { $set: { skills: resumes.nurse.skills } })
  await addon.invalidateResume(resumeId)
})

test('generateResumeEmbeddings: 768-d section means, equal to the mean of the per-text vectors', async () => {
  const result = await addon.generateResumeEmbeddings(id(resumes.pythonDev))
  assert.equal(result.resume_id, id(resumes.pythonDev))
  assert.deepEqual(Object.keys(result.meanEmbeddings).sort(), ['certifications', 'skills', 'workExperience'])
  assert.equal(result.metrics.totalExperienceYears, 5.0)
  const skillVectors = await addon.embed(resumes.pythonDev.skills.map((s) => s.name))
  const mean = result.meanEmbeddings.skills
  assert.equal(mean.length, 768)
  for (let i = 0; i < 768; i++) {
    const expected = skillVectors.reduce((sum, v) => sum + v[i], 0) / skillVectors.length
    assert.ok(Math.abs(mean[i] - expected) < 1e-6, `dimension ${i}`)
  }

  const before = addon.engineStats()
  const again = await addon.generateResumeEmbeddings(id(resumes.pythonDev))
  assert.deepEqual(again, result)
  assert.deepEqual(addon.engineStats(), before, 'cache hit: the model ran no text')
})

test('an empty section has no embedding rather than a NaN one', async () => {
  const result = await addon.generateResumeEmbeddings(id(resumes.empty))
  assert.deepEqual(result.meanEmbeddings, {})
  assert.equal(result.metrics.totalExperienceYears, 0)
})

test('generateJobEmbeddings: the five sections of a posting', async () => {
  const result = await addon.generateJobEmbeddings(id(jobs.pythonBackend))
  assert.equal(result.job_id, id(jobs.pythonBackend))
  assert.deepEqual(Object.keys(result.meanEmbeddings).sort(), ['experienceLevel', 'jobTitle', 'location', 'requirements', 'skills'])
  const [title] = await addon.embed([jobs.pythonBackend.title])
  result.meanEmbeddings.jobTitle.forEach((x, i) => assert.ok(Math.abs(x - title[i]) < 1e-6))
})

test('each text is embedded once, whichever document it appears in', async () => {
  const before = addon.engineStats()
  // "Python Engineer", "Mid", "Remote", "Python": only the first two are new here.
  await addon.generateJobEmbeddings(id(jobs.closedPython))
  const spent = addon.engineStats().textsEmbedded - before.textsEmbedded
  assert.equal(spent, 2, 'Python and Remote were embedded for earlier documents')
})

test('compareResumeJob: the seed shape and its weights', async () => {
  const c = await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.pythonBackend))
  assert.deepEqual(Object.keys(c).sort(), [
    'breakdown', 'company', 'improvements', 'job_id', 'job_title', 'match_percentage', 'matched_skills', 'missing_skills',
    'recommendation_level', 'resume_id', 'strengths',
  ])
  assert.equal(c.job_title, 'Senior Python Backend Engineer')
  assert.equal(c.company, 'Tech Corp')
  const { skills_match, experience_match, requirements_match } = c.breakdown
  assert.ok(Math.abs(c.match_percentage - (0.65 * skills_match + 0.35 * experience_match)) <= 0.051)
  assert.ok(requirements_match >= 0 && requirements_match <= 100)
  assert.ok(c.matched_skills.includes('Python') && c.matched_skills.includes('Django'))
  assert.ok(c.matched_skills.includes('JavaScript'), `"JS" on the resume matches "JavaScript": ${JSON.stringify(c)}`)
  assert.ok(c.missing_skills.includes('Docker'))
  const cached = await db.collection('resumejobcomparisons').findOne({ resume: resumes.pythonDev._id, jobPosting: jobs.pythonBackend._id })
  assert.equal(cached.match_percentage, c.match_percentage)
})

test('ranking sanity: a Python backend resume prefers the Python posting to the nursing one', async () => {
  const python = await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.pythonBackend))
  const nursing = await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.nursing))
  assert.ok(python.match_percentage > nursing.match_percentage + 10, `${python.match_percentage} vs ${nursing.match_percentage}`)
  const nurse = await addon.compareResumeJob(id(resumes.nurse), id(jobs.nursing))
  const nurseToPython = await addon.compareResumeJob(id(resumes.nurse), id(jobs.pythonBackend))
  assert.ok(nurse.match_percentage > nurseToPython.match_percentage + 10)
})

test('batchCompare: best first, limited, unknown postings skipped', async () => {
  const ids = [jobs.nursing, jobs.pythonBackend, jobs.closedPython].map(id)
  const all = await addon.batchCompare(id(resumes.pythonDev), [...ids, new ObjectId().toHexString()], 10)
  assert.equal(all.length, 3)
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].match_percentage >= all[i].match_percentage)
  assert.notEqual(all[all.length - 1].job_id, id(jobs.pythonBackend))
  const top = await addon.batchCompare(id(resumes.pythonDev), ids, 1)
  assert.deepEqual(top, [all[0]])
})

test('getRecommendations: active postings only, without the ones the user applied to', async () => {
  const recs = await addon.getRecommendations(userId.toHexString(), id(resumes.pythonDev), 20)
  const ids = recs.map((r) => r.job_id)
  assert.ok(ids.includes(id(jobs.pythonBackend)) && ids.includes(id(jobs.nursing)))
  assert.ok(!ids.includes(id(jobs.closedPython)), 'closed posting excluded')
  assert.ok(!ids.includes(id(jobs.appliedPython)), 'applied posting excluded')
  assert.equal(recs[0].job_id, id(jobs.pythonBackend))
  const someoneElse = await addon.getRecommendations(new ObjectId().toHexString(), id(resumes.pythonDev), 1)
  assert.equal(someoneElse.length, 1)
})

test('invalidateResume and invalidateJob drop exactly that document\'s cache entries', async () => {
  await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.nursing))
  await addon.scoreResume(id(resumes.pythonDev))
  const count = (name, filter) => db.collection(name).countDocuments(filter)
  const mine = { resume: resumes.pythonDev._id }
  assert.ok((await count('resumejobcomparisons', mine)) > 0)
  const { deleted } = await addon.invalidateResume(id(resumes.pythonDev))
  assert.ok(deleted >= 3)
  for (const name of ['resumeembeddings', 'resumescores', 'resumejobcomparisons']) assert.equal(await count(name, mine), 0, name)

  await addon.compareResumeJob(id(resumes.nurse), id(jobs.nursing))
  const job = { jobPosting: jobs.nursing._id }
  await addon.invalidateJob(id(jobs.nursing))
  for (const name of ['jobpostingembeddings', 'resumejobcomparisons']) assert.equal(await count(name, job), 0, name)
  assert.ok((await count('resumeembeddings', { resume: resumes.nurse._id })) > 0, 'the resume side stays')
})

test('cache collections have a unique key index and a TTL index of the seed\'s duration', async () => {
  await addon.scoreResume(id(resumes.pythonDev)) // indexes exist once the service has started
  const expected = {
    resumeembeddings: [{ resume: 1 }, 90],
    resumescores: [{ resume: 1 }, 7],
    jobpostingembeddings: [{ jobPosting: 1 }, 90],
    resumejobcomparisons: [{ resume: 1, jobPosting: 1 }, 30],
  }
  for (const [name, [key, days]] of Object.entries(expected)) {
    const indexes = await db.collection(name).indexes()
    const unique = indexes.find((i) => JSON.stringify(i.key) === JSON.stringify(key))
    assert.ok(unique?.unique, `${name}: unique ${JSON.stringify(key)}`)
    const ttl = indexes.find((i) => i.expireAfterSeconds !== undefined)
    assert.deepEqual(ttl.key, { updatedAt: 1 }, name)
    assert.equal(ttl.expireAfterSeconds, days * DAY_SECONDS, name)
  }
})

test('errors: stable codes and the seed\'s messages', async () => {
  const missing = new ObjectId().toHexString()
  let e = await rejection(addon.scoreResume(missing))
  assert.equal(e.code, 'RESUME_NOT_FOUND')
  assert.equal(e.message, `Resume not found: ${missing}`)
  e = await rejection(addon.compareResumeJob(id(resumes.pythonDev), missing))
  assert.equal(e.code, 'JOB_NOT_FOUND')
  assert.equal(e.message, `Job not found: ${missing}`)
  e = await rejection(addon.generateJobEmbeddings(missing))
  assert.equal(e.code, 'JOB_NOT_FOUND')
  e = await rejection(addon.scoreResume('invalid_id'))
  assert.equal(e.code, 'INVALID_ID')
  assert.ok(e.message.startsWith('Resume not found: invalid_id'))
  e = await rejection(addon.batchCompare(id(resumes.pythonDev), ['nope']))
  assert.equal(e.code, 'INVALID_ID')
  assert.ok(e instanceof Error)
})

// Failures that need a process of their own (another database, another model folder).
function runIsolated(script, env) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout)
}

const ERROR_PROBE = (call) => `
  import { createRequire } from 'node:module'
  const addon = createRequire(${JSON.stringify(import.meta.url)})('../index.js')
  const start = Date.now()
  try { await ${call}; console.log(JSON.stringify({ ok: true })) }
  catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, ms: Date.now() - start })) }`

test('DB_UNAVAILABLE (not a hang) when the server is unreachable', () => {
  const result = runIsolated(ERROR_PROBE(`addon.scoreResume('${id(resumes.pythonDev)}')`), {
    MONGODB_URI: 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=2000', // port 9: nothing listens
  })
  assert.equal(result.code, 'DB_UNAVAILABLE')
  assert.ok(result.message.startsWith('MongoDB connection error: '), result.message)
  // Bounded: runIsolated fails the test if the call has not settled within its 60 s guard.
})

test('EMBEDDING_FAILED when the model is missing, and the process lives on', () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-model-'))
  const result = runIsolated(ERROR_PROBE(`addon.embed(['hello'])`), { RESUME_AI_MODEL_DIR: empty })
  assert.equal(result.code, 'EMBEDDING_FAILED')
  assert.ok(result.message.startsWith('Failed to generate embedding: '), result.message)
  assert.ok(result.message.includes('npm run model'))
})
