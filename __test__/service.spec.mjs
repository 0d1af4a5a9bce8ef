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
})

// Worked out by hand from docs/rules.md for helpers.mjs' pythonDev, not read back from the code:
// - completeness: every item present (both roles list responsibilities) = 100;
// - experience: 2015-01-01..2018-01-01 and 2017-01-01..2020-01-01 merge to 1826 days = 5.0
//   years (not 6) -> the curve's point (5, 80) = 80;
// - skills: Python, Django, PostgreSQL, REST APIs, JS = 5 distinct -> between (3, 45) and
//   (6, 70): 45 + 2/3 x 25 = 61.67 -> 61.7;
// - certifications: 1 -> 50;
// - overall: 0.3 x 100 + 0.3 x 80 + 0.3 x 61.7 + 0.1 x 50 = 77.51 -> 77.5, grade C+ (75-79.9);
// - strengths: complete, experience 80 >= 80 (skills 61.7 and certifications 50 are not);
// - improvements: skills < 80, certifications < 80;
// - recommendations: the active postings that share a skill with the resume are the Python
//   ones (nursing is unrelated); they ask Python x2, Django, JavaScript (= the resume's "JS"),
//   AWS, Docker, FastAPI; not on the resume and tied at 1 posting each, alphabetically.
test('scoreResume: pinned values worked out by hand from docs/rules.md', async () => {
  const score = await addon.scoreResume(id(resumes.pythonDev), { force: true })
  assert.deepEqual(score, {
    resume_id: id(resumes.pythonDev),
    overall_score: 77.5,
    grade: 'C+',
    breakdown: { completeness: 100, experience: 80, skills: 61.7, certifications: 50 },
    total_experience_years: 5,
    strengths: ['Complete resume with every section filled in', 'Solid work experience (5 years)'],
    improvements: ['Add more skills (5 listed)', 'Add more certifications (1 listed)'],
    recommendations: ['Learn AWS', 'Learn Docker', 'Learn FastAPI'],
  })
})

// By hand: only a first name (the name item needs both), so every component is 0 and the grade
// F. With no skills to relate to, demand counts every active posting: Python (2 postings),
// then the 1-posting skills alphabetically.
test('scoreResume of an empty resume: zeros, not NaN, and the most-demanded skills', async () => {
  const score = await addon.scoreResume(id(resumes.empty))
  assert.equal(score.overall_score, 0)
  assert.equal(score.grade, 'F')
  assert.deepEqual(score.breakdown, { completeness: 0, experience: 0, skills: 0, certifications: 0 })
  assert.equal(score.total_experience_years, 0)
  assert.deepEqual(score.strengths, [])
  assert.ok(score.improvements.includes('List your skills'), JSON.stringify(score.improvements))
  assert.deepEqual(score.recommendations, ['Learn Python', 'Learn AWS', 'Learn BLS', 'Learn Critical Care', 'Learn Django'])
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

// Section means and cosines computed here, in JS, from the per-text vectors of `embed` (itself
// checked against sentence-transformers in embed.spec.mjs), following docs/rules.md: so a
// sub-score wired to the wrong fields, a wrong weight or a wrong rounding fails.
const mean = (vectors) => vectors[0].map((_, i) => vectors.reduce((s, v) => s + v[i], 0) / vectors.length)
function cosine(a, b) {
  let dot = 0, na = 0, nb = 0
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
  return dot / Math.sqrt(na * nb)
}
const round1 = (x) => Math.round(x * 10) / 10
async function sectionScore(resumeTexts, jobTexts) {
  const [a, b] = await Promise.all([addon.embed(resumeTexts), addon.embed(jobTexts)])
  return round1(100 * Math.max(0, cosine(mean(a), mean(b))))
}
const LEVELS = [[80, 'Excellent Match'], [65, 'Good Match'], [50, 'Fair Match'], [0, 'Poor Match']]

test('compareResumeJob: the seed shape, and values worked out from docs/rules.md', async () => {
  const c = await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.pythonBackend))
  // The seed's keys, plus the factors and the model that gave match_percentage.
  assert.deepEqual(Object.keys(c).sort(), [
    'breakdown', 'company', 'factors', 'improvements', 'job_id', 'job_title', 'matchModel', 'match_percentage', 'matched_skills',
    'missing_skills', 'recommendation_level', 'resume_id', 'skillsSource', 'strengths',
  ])
  assert.equal(c.matchModel, 'seed')
  // Both list their skills, so the seed's skill lists and numbers hold exactly (below).
  assert.deepEqual({ ...c.skillsSource }, { resume: 'listed', job: 'listed' })
  // Factors by docs/rules.md: 5.0 merged years fit a Senior role asking "5+ years"; a remote
  // posting fits anywhere; no degree is asked; Python is in the title and a requirement.
  assert.equal(c.factors.seniority.verdict, 'fits')
  assert.deepEqual([c.factors.location.score, c.factors.location.verdict], [100, 'fits'])
  assert.deepEqual([c.factors.education.score, c.factors.education.verdict], [null, 'not required'])
  assert.deepEqual(c.factors.mustHave, ['Python'])
  assert.equal(c.factors.jobRole.role, 'Backend')
  assert.equal(c.factors.resumeRole.role, 'Backend')
  assert.equal(c.factors.roleType.score, 100)
  // Only extended matching embeds descriptions for the experience factor.
  assert.deepEqual([c.factors.experience.score, c.factors.experience.verdict], [null, 'not computed'])
  const resume = resumes.pythonDev
  const job = jobs.pythonBackend
  // A work entry is one text: "<title>: <responsibilities joined by '. '>".
  const work = resume.workExperience.map((w) => `${w.jobTitle}: ${w.responsibilities.join('. ')}`)
  const expected = {
    skills_match: await sectionScore(resume.skills.map((s) => s.name), job.skills.map((s) => s.name)),
    experience_match: await sectionScore(work, [job.title]),
    requirements_match: await sectionScore(resume.certifications.map((s) => s.name), job.requirements),
  }
  // Float32 sums may round the last digit the other way: 0.1 of slack, no more.
  for (const [key, value] of Object.entries(expected)) assert.ok(Math.abs(c.breakdown[key] - value) <= 0.1, `${key}: ${c.breakdown[key]} vs ${value}`)
  const percentage = round1(0.65 * expected.skills_match + 0.35 * expected.experience_match)
  assert.ok(Math.abs(c.match_percentage - percentage) <= 0.1, `${c.match_percentage} vs ${percentage}`)
  assert.equal(c.recommendation_level, LEVELS.find(([min]) => c.match_percentage >= min)[1])
  assert.equal(c.job_title, 'Senior Python Backend Engineer')
  assert.equal(c.company, 'Tech Corp')
  // Python and Django by name, JavaScript through the alias of the resume's "JS"; AWS and
  // Docker have no equivalent among the resume's skills (each cosine below 0.71).
  assert.deepEqual(c.matched_skills, ['Python', 'Django', 'JavaScript'])
  assert.deepEqual(c.missing_skills, ['AWS', 'Docker'])
  const cached = await db.collection('resumejobcomparisons').findOne({ resume: resume._id, jobPosting: job._id })
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

const updatedAt = async (name, filter) => (await db.collection(name).findOne(filter)).updatedAt.getTime()

test('force recomputes and rewrites the cache entry of every cached call; without it the entry stays', async () => {
  const resume = resumes.pythonDev
  const job = jobs.pythonBackend
  const cases = [
    ['resumeembeddings', { resume: resume._id }, (opts) => addon.generateResumeEmbeddings(id(resume), opts)],
    ['jobpostingembeddings', { jobPosting: job._id }, (opts) => addon.generateJobEmbeddings(id(job), opts)],
    ['resumejobcomparisons', { resume: resume._id, jobPosting: job._id }, (opts) => addon.compareResumeJob(id(resume), id(job), opts)],
    ['resumejobcomparisons', { resume: resume._id, jobPosting: job._id }, (opts) => addon.batchCompare(id(resume), [id(job)], 5, opts)],
    ['resumejobcomparisons', { resume: resume._id, jobPosting: job._id }, (opts) => addon.getRecommendations(userId.toHexString(), id(resume), 5, opts)],
  ]
  for (const [name, filter, call] of cases) {
    const first = await call()
    const written = await updatedAt(name, filter)
    assert.deepEqual(await call(), first, `${name}: served from the cache`)
    assert.equal(await updatedAt(name, filter), written, `${name}: untouched without force`)
    await new Promise((resolve) => setTimeout(resolve, 5)) // so that a rewrite gets a later updatedAt
    assert.deepEqual(await call({ force: true }), first, `${name}: the same result recomputed`)
    assert.ok((await updatedAt(name, filter)) > written, `${name}: rewritten with force`)
  }
})

test('an entry older than its TTL is recomputed, even before the server\'s TTL monitor removes it', async () => {
  const resume = resumes.nurse
  await addon.scoreResume(id(resume))
  const filter = { resume: resume._id }
  await db.collection('resumescores').updateOne(filter, { $set: { updatedAt: new Date(Date.now() - 8 * DAY_SECONDS * 1000) } })
  await db.collection('resumes').updateOne({ _id: resume._id }, { $set: { skills: [] } })
  try {
    const recomputed = await addon.scoreResume(id(resume))
    assert.equal(recomputed.breakdown.skills, 0, 'the 8-day-old score (TTL 7 days) was not served')
    assert.ok((await updatedAt('resumescores', filter)) > Date.now() - DAY_SECONDS * 1000)
    // A 6-day-old one still is.
    await db.collection('resumes').updateOne({ _id: resume._id }, { $set: { skills: resume.skills } })
    await db.collection('resumescores').updateOne(filter, { $set: { updatedAt: new Date(Date.now() - 6 * DAY_SECONDS * 1000) } })
    assert.deepEqual(await addon.scoreResume(id(resume)), recomputed)
  } finally {
    await db.collection('resumes').updateOne({ _id: resume._id }, { $set: { skills: resume.skills } })
    await addon.invalidateResume(id(resume))
  }
})

test('invalidateJob and invalidateResume report exactly what they deleted', async () => {
  const job = jobs.appliedPython
  await addon.invalidateJob(id(job))
  await addon.generateJobEmbeddings(id(job))
  for (const r of [resumes.pythonDev, resumes.nurse]) await addon.compareResumeJob(id(r), id(job))
  // 1 embeddings document + 2 comparisons.
  assert.deepEqual(await addon.invalidateJob(id(job)), { id: id(job), deleted: 3 })
  assert.deepEqual(await addon.invalidateJob(id(job)), { id: id(job), deleted: 0 })

  const resume = resumes.nurse
  await addon.invalidateResume(id(resume))
  await addon.scoreResume(id(resume))
  await addon.batchCompare(id(resume), [jobs.nursing, jobs.pythonBackend].map(id), 5)
  // embeddings + score + 2 comparisons.
  assert.deepEqual(await addon.invalidateResume(id(resume)), { id: id(resume), deleted: 4 })
})

test('per-text embeddings are shared across processes through the textembeddings collection', async () => {
  const job = jobs.nursing
  await addon.generateJobEmbeddings(id(job))
  assert.ok((await db.collection('textembeddings').countDocuments({})) > 0)
  await db.collection('jobpostingembeddings').deleteOne({ jobPosting: job._id })
  const child = runIsolated(`
    import { createRequire } from 'node:module'
    const addon = createRequire(${JSON.stringify(import.meta.url)})('../index.js')
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: ${JSON.stringify(db.databaseName)} })
    const result = await addon.generateJobEmbeddings(${JSON.stringify(id(job))})
    console.log(JSON.stringify({ sections: Object.keys(result.meanEmbeddings).length, stats: addon.engineStats() }))`)
  assert.equal(child.sections, 5)
  assert.equal(child.stats.textsEmbedded, 0, 'a new process reused every text vector from the database')
  assert.ok(await db.collection('jobpostingembeddings').findOne({ jobPosting: job._id }), 'and wrote the posting\'s embeddings')
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

test('configure({ collections }): other collection and field names, for reads and every cache', async () => {
  const names = {
    resumes: 'cvs', jobPostings: 'vacancies', applications: 'apps',
    resumeEmbeddings: 'c_resume_vectors', resumeScores: 'c_scores', jobEmbeddings: 'c_job_vectors',
    comparisons: 'c_matches', textEmbeddings: 'c_text_vectors', jobClusters: 'c_families', textClaims: 'c_claims', catalogueSnapshots: 'c_snapshots',
    applicationUserField: 'applicant', applicationJobField: 'vacancy',
  }
  const other = database.db.client.db(`${db.databaseName}_renamed`)
  await other.collection('cvs').insertOne(resumes.pythonDev)
  await other.collection('vacancies').insertMany([jobs.pythonBackend, jobs.appliedPython])
  await other.collection('apps').insertOne({ applicant: userId, vacancy: jobs.appliedPython._id })
  addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: other.databaseName, collections: names })
  try {
    await addon.scoreResume(id(resumes.pythonDev))
    await addon.compareResumeJob(id(resumes.pythonDev), id(jobs.pythonBackend))
    const recs = await addon.getRecommendations(userId.toHexString(), id(resumes.pythonDev), 5)
    assert.deepEqual(recs.map((r) => r.job_id), [id(jobs.pythonBackend)], 'the application under the renamed fields excludes its posting')
    await addon.clusterJobs()
    await addon.saveCatalogueSnapshot()
    const collections = (await other.listCollections().toArray()).map((c) => c.name).sort()
    // (c_claims holds claims only while texts are being embedded: it exists, with its index.)
    assert.deepEqual(collections, ['apps', 'c_claims', 'c_families', 'c_job_vectors', 'c_matches', 'c_resume_vectors', 'c_scores', 'c_snapshots', 'c_text_vectors', 'cvs', 'vacancies'])
    for (const name of ['c_families', 'c_job_vectors', 'c_matches', 'c_resume_vectors', 'c_scores', 'c_snapshots', 'c_text_vectors']) {
      assert.ok((await other.collection(name).countDocuments({})) > 0, name)
    }
  } finally {
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
    await other.dropDatabase()
  }
})
