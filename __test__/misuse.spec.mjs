// The misuse catalogue: every exported function with arguments of every wrong type, hostile
// documents, bad `configure` calls and a query the server refuses. Each must reject (never
// throw synchronously, never crash the process) with a stable code, and hostile documents
// must stay within the per-document limits.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ObjectId } from 'mongodb'
import { addon, freshDatabase, insertFixtures, resumes, jobs, userId } from './helpers.mjs'

const id = (doc) => doc._id.toHexString()
const RESUME = id(resumes.pythonDev)
const JOB = id(jobs.pythonBackend)

let database
let db
before(async () => {
  database = await freshDatabase('resume_ai_misuse')
  db = database.db
  await insertFixtures(db)
})
after(() => database.close())

/** Calls `f`, which must return a promise that rejects; returns the error. */
async function rejected(label, f) {
  let promise
  try {
    promise = f()
  } catch (e) {
    assert.fail(`${label} threw synchronously (${e.code}: ${e.message}) instead of rejecting`)
  }
  assert.ok(promise instanceof Promise, `${label} returns a promise`)
  try {
    await promise
  } catch (e) {
    assert.ok(e instanceof Error, label)
    return e
  }
  assert.fail(`${label} resolved`)
}

const NOT_STRINGS = [null, undefined, 42, true, {}, [], ['a'], () => 'x', Symbol('s')]
const NOT_OPTIONS = ['yes', 42, true, [], { force: 'yes' }, { force: 1 }]
const NOT_LONG_OPTIONS = [...NOT_OPTIONS, { signal: {} }, { signal: 'x' }, { onProgress: 5 }]
const NOT_LIMITS = ['20', true, {}, [], 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 10_001]
const show = (v) => (typeof v === 'function' ? 'a function' : typeof v === 'symbol' ? 'a symbol' : JSON.stringify(v) ?? 'undefined')

test('ids of a wrong type reject with INVALID_ID, for every function that takes one', async () => {
  const takers = {
    scoreResume: (v) => addon.scoreResume(v),
    generateResumeEmbeddings: (v) => addon.generateResumeEmbeddings(v),
    generateJobEmbeddings: (v) => addon.generateJobEmbeddings(v),
    'compareResumeJob(resume)': (v) => addon.compareResumeJob(v, JOB),
    'compareResumeJob(job)': (v) => addon.compareResumeJob(RESUME, v),
    batchCompare: (v) => addon.batchCompare(v, [JOB]),
    'getRecommendations(user)': (v) => addon.getRecommendations(v, RESUME),
    'getRecommendations(resume)': (v) => addon.getRecommendations('u', v),
    invalidateResume: (v) => addon.invalidateResume(v),
    invalidateJob: (v) => addon.invalidateJob(v),
  }
  for (const [name, call] of Object.entries(takers)) {
    for (const value of NOT_STRINGS) {
      const e = await rejected(`${name}(${show(value)})`, () => call(value))
      assert.equal(e.code, 'INVALID_ID', `${name}(${show(value)}): ${e.message}`)
    }
  }
})

test('other arguments of a wrong type reject with INVALID_ARGUMENT', async () => {
  const cases = []
  for (const v of NOT_OPTIONS) {
    cases.push([`scoreResume(id, ${show(v)})`, () => addon.scoreResume(RESUME, v)])
    cases.push([`generateResumeEmbeddings(id, ${show(v)})`, () => addon.generateResumeEmbeddings(RESUME, v)])
    cases.push([`generateJobEmbeddings(id, ${show(v)})`, () => addon.generateJobEmbeddings(JOB, v)])
    cases.push([`compareResumeJob(r, j, ${show(v)})`, () => addon.compareResumeJob(RESUME, JOB, v)])
  }
  for (const v of NOT_LONG_OPTIONS) {
    cases.push([`batchCompare(r, [j], 5, ${show(v)})`, () => addon.batchCompare(RESUME, [JOB], 5, v)])
    cases.push([`getRecommendations(u, r, 5, ${show(v)})`, () => addon.getRecommendations('u', RESUME, 5, v)])
    cases.push([`run('score_resume', [r], ${show(v)})`, () => addon.run('score_resume', [RESUME], v)])
    cases.push([`backfillJobEmbeddings(${show(v)})`, () => addon.backfillJobEmbeddings(v)])
  }
  for (const v of NOT_LIMITS) {
    cases.push([`batchCompare(r, [j], ${show(v)})`, () => addon.batchCompare(RESUME, [JOB], v)])
    cases.push([`getRecommendations(u, r, ${show(v)})`, () => addon.getRecommendations('u', RESUME, v)])
  }
  for (const v of [null, undefined, 'x', 42, {}, [1], [null]]) {
    cases.push([`batchCompare(r, ${show(v)})`, () => addon.batchCompare(RESUME, v)])
    cases.push([`embed(${show(v)})`, () => addon.embed(v)])
    cases.push([`tokenize(${show(v)})`, () => addon.tokenize(v)])
    cases.push([`run('score_resume', ${show(v)})`, () => addon.run('score_resume', v)])
  }
  for (const v of [null, undefined, 123, {}, ['score_resume']]) cases.push([`run(${show(v)}, [r])`, () => addon.run(v, [RESUME])])
  for (const v of [3, 'status', [], true]) cases.push([`backfillJobEmbeddings({ filter: ${show(v)} })`, () => addon.backfillJobEmbeddings({ filter: v })])
  for (const [label, call] of cases) {
    const e = await rejected(label, call)
    assert.equal(e.code, 'INVALID_ARGUMENT', `${label}: ${e.code} ${e.message}`)
    assert.match(e.message, /^Invalid argument: /, label)
  }
})

test('a bad configure throws INVALID_ARGUMENT and keeps the previous configuration', async () => {
  const before = await addon.scoreResume(RESUME)
  const bad = [
    null, undefined, 'str', 42, [],
    { mongoUri: 'not a uri' }, { mongoUri: 5 },
    { dbName: '' }, { dbName: '$x' }, { dbName: 'a/b' }, { dbName: 'a.b' }, { dbName: 'x'.repeat(64) },
    { collections: { resumeScores: 'system.users' } }, { collections: { resumes: '' } }, { collections: { comparisons: 'a$b' } },
    { collections: { applicationUserField: '$where' } }, { collections: { applicationJobField: '' } },
    { catalogue: { refreshSeconds: -1 } }, { vectorSearch: { index: ' ' } },
    { catalogue: { refreshSeconds: 1e20 } }, { catalogue: { refreshSeconds: Number.MAX_VALUE } }, { mongoUri: '' },
    { limits: { skills: 0 } }, { limits: { textChars: 1.5 } }, { limits: { workEntries: '5' } }, { limits: { nameChars: -1 } },
  ]
  try {
    for (const options of bad) {
      let error
      try {
        addon.configure(options)
      } catch (e) {
        error = e
      }
      assert.ok(error instanceof Error, `configure(${show(options)}) throws`)
      assert.equal(error.code, 'INVALID_ARGUMENT', `configure(${show(options)}): ${error.message}`)
    }
  } finally {
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
  }
  // Still the database freshDatabase configured: the cached score is found there.
  assert.deepEqual(await addon.scoreResume(RESUME), before)
  const names = (await db.client.db('admin').admin().listDatabases()).databases.map((d) => d.name)
  assert.ok(!names.some((n) => n === '$x' || n === 'a/b' || n === ''), 'no database was created')
})

test('configure is strict: an unknown or misplaced option is INVALID_ARGUMENT naming it, nothing changes', async () => {
  const before = await addon.scoreResume(RESUME)
  const uri = process.env.MONGODB_URI
  const cases = [
    [{ mongoUri: uri, refreshSeconds: 2 }, /no option `refreshSeconds` \(did you mean `catalogue\.refreshSeconds`\?\)/],
    [{ mongoUri: uri, bogus: 1 }, /no option `bogus`$/],
    [{ mongoUri: uri, catalogue: { refreshSecs: 2 } }, /no option `catalogue\.refreshSecs` \(did you mean `catalogue\.refreshSeconds`\?\)/],
    [{ mongoUri: uri, limits: { skill: 5 } }, /no option `limits\.skill` \(did you mean `limits\.skills`\?\)/],
    [{ mongoUri: uri, collections: [] }, /`collections` must be an options object, got an array/],
    [{ mongoURI: uri }, /did you mean `mongoUri`/],
  ]
  try {
    for (const [options, message] of cases) {
      assert.throws(() => addon.configure(options), (e) => e.code === 'INVALID_ARGUMENT' && message.test(e.message), show(options))
      assert.throws(() => addon.connect(options), (e) => e.code === 'INVALID_ARGUMENT' && message.test(e.message), `connect ${show(options)}`)
    }
  } finally {
    addon.configure({ mongoUri: uri, dbName: db.databaseName })
  }
  assert.deepEqual(await addon.scoreResume(RESUME), before)
  // Every option the types declare is accepted (the strict check knows them all).
  const every = {
    mongoUri: uri, dbName: db.databaseName, matching: 'seed', precision: 'fp32',
    collections: { resumes: 'resumes', jobPostings: 'jobpostings', applications: 'applications', resumeEmbeddings: 'resumeembeddings', resumeScores: 'resumescores', jobEmbeddings: 'jobpostingembeddings', comparisons: 'resumejobcomparisons', textEmbeddings: 'textembeddings', jobClusters: 'jobclusters', textClaims: 'textclaims', catalogueSnapshots: 'cataloguesnapshots', applicationUserField: 'user', applicationJobField: 'jobPosting' },
    catalogue: { refreshSeconds: 60, snapshotSeconds: 600 }, vectorSearch: { index: 'unused_here' },
    limits: { skills: 100, workEntries: 50, responsibilitiesPerEntry: 20, requirements: 100, certifications: 50, nameChars: 200, textChars: 20000 },
  }
  addon.configure(every)
  addon.configure({ mongoUri: uri, dbName: db.databaseName })
})

test('a damaged cache entry is recomputed and overwritten, never served', async () => {
  const sound = await addon.compareResumeJob(RESUME, JOB)
  const soundJob = await addon.generateJobEmbeddings(JOB)
  const soundResume = await addon.generateResumeEmbeddings(RESUME)
  const damagedBefore = (await addon.catalogueStats()).damagedCacheEntries
  const job = { jobPosting: jobs.pythonBackend._id }
  const resume = { resume: resumes.pythonDev._id }
  const vectorChecks = {
    jobpostingembeddings: async () => (await addon.generateJobEmbeddings(JOB)).meanEmbeddings,
    resumeembeddings: async () => (await addon.generateResumeEmbeddings(RESUME)).meanEmbeddings,
  }
  const damages = [
    ['a NaN match_percentage', 'resumejobcomparisons', { ...resume, ...job }, { match_percentage: NaN }],
    ['an infinite sub-score', 'resumejobcomparisons', { ...resume, ...job }, { 'breakdown.skills_match': Infinity }],
    ['a section of the wrong length', 'jobpostingembeddings', job, { 'meanEmbeddings.skills': [0.1, 0.2, 0.3] }],
    ['a section of NaN', 'jobpostingembeddings', job, { 'meanEmbeddings.skills': Array(768).fill(NaN) }],
    ['a section of another type', 'jobpostingembeddings', job, { 'meanEmbeddings.jobTitle': 'oops' }],
    ['a zero vector', 'jobpostingembeddings', job, { 'meanEmbeddings.skills': Array(768).fill(0) }],
    ['meanEmbeddings of another type', 'jobpostingembeddings', job, { meanEmbeddings: 7 }],
    ['a resume section of the wrong length', 'resumeembeddings', resume, { 'meanEmbeddings.skills': Array(100).fill(0.1) }],
  ]
  for (const [kind, collection, key, set] of damages) {
    const { matchedCount } = await db.collection(collection).updateOne(key, { $set: set })
    assert.equal(matchedCount, 1, kind)
    if (collection === 'resumejobcomparisons') {
      const again = await addon.compareResumeJob(RESUME, JOB)
      assert.deepEqual(again, sound, kind)
    } else {
      const means = await vectorChecks[collection]()
      const expected = collection === 'jobpostingembeddings' ? soundJob.meanEmbeddings : soundResume.meanEmbeddings
      assert.deepEqual(Object.keys(means).sort(), Object.keys(expected).sort(), kind)
      for (const [section, vector] of Object.entries(means)) {
        assert.equal(vector.length, 768, `${kind}: ${section}`)
        assert.ok(vector.every(Number.isFinite), `${kind}: ${section}`)
      }
    }
    // Overwritten with sound numbers.
    const stored = await db.collection(collection).findOne(key)
    if (collection === 'resumejobcomparisons') {
      assert.ok(Number.isFinite(stored.match_percentage) && Object.values(stored.breakdown).every(Number.isFinite), `${kind}: rewritten`)
    } else {
      for (const [section, vector] of Object.entries(stored.meanEmbeddings)) {
        assert.equal(vector.sub_type, 9, `${kind}: ${section} rewritten as a binary vector`)
        assert.equal(vector.length(), 2 + 4 * 768, `${kind}: ${section}`)
      }
    }
  }
  const damaged = (await addon.catalogueStats()).damagedCacheEntries - damagedBefore
  assert.equal(damaged, damages.length, 'each damaged entry refused and counted once')
})

test('a query the server refuses is DB_ERROR (not retryable), with the server\'s code name', async () => {
  const e = await rejected('backfill {$bogus}', () => addon.backfillJobEmbeddings({ filter: { $bogus: 1 } }))
  assert.equal(e.code, 'DB_ERROR')
  assert.match(e.message, /^MongoDB error: .*BadValue/)
})

test('a cache write the server refuses is DB_ERROR, and the retry does not run the model again', async () => {
  // A unique index on `model` makes every per-text write after the first a duplicate: the
  // server refuses them, as it would refuse writes to a full disk.
  addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName, collections: { textEmbeddings: 'refusing_text_vectors' } })
  try {
    const broken = db.collection('refusing_text_vectors')
    await broken.createIndex({ model: 1 }, { unique: true, name: 'refuse_writes' })
    const tag = new ObjectId().toHexString()
    const posting = {
      _id: new ObjectId(), title: `Refused title ${tag}`, company: 'C', location: `Nowhere ${tag}`, experienceLevel: 'Mid', status: 'closed',
      skills: [{ name: `Refused skill ${tag} a` }, { name: `Refused skill ${tag} b` }], requirements: [],
    }
    await db.collection('jobpostings').insertOne(posting)
    const before = addon.engineStats()
    const e = await rejected('refused write', () => addon.generateJobEmbeddings(id(posting)))
    assert.equal(e.code, 'DB_ERROR', e.message)
    assert.match(e.message, /writes to refusing_text_vectors failed/)
    const spent = addon.engineStats().textsEmbedded - before.textsEmbedded
    assert.ok(spent >= 4, `the model ran before the write (${spent} texts)`)

    await broken.dropIndex('refuse_writes')
    const retried = addon.engineStats()
    const result = await addon.generateJobEmbeddings(id(posting))
    assert.equal(Object.keys(result.meanEmbeddings).length, 4)
    assert.deepEqual(addon.engineStats(), retried, 'the retry reused the vectors computed before the failed write')
  } finally {
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
  }
})

test('messages repeat at most 64 characters of a caller\'s value', async () => {
  const huge = 'a'.repeat(1_000_000)
  for (const [label, call, code] of [
    ['huge id', () => addon.scoreResume(huge), 'INVALID_ID'],
    ['huge command', () => addon.run(huge, []), 'INVALID_ARGUMENT'],
    ['huge limit', () => addon.run('get_recommendations', ['u', RESUME, huge]), 'INVALID_ARGUMENT'],
  ]) {
    const e = await rejected(label, call)
    assert.equal(e.code, code, label)
    // The fixed text (the list of commands, for one) plus at most 64 echoed characters.
    assert.ok(!e.message.includes('a'.repeat(65)), `${label}: echoes more than 64 characters`)
    assert.ok(e.message.length < 400, `${label}: ${e.message.length} characters`)
  }
})

test('hostile documents stay within the per-document limits, and say what was cut', async () => {
  const longText = 'We build reliable services. '.repeat(75_000).trim() // ~2 MB
  const manySkills = {
    _id: new ObjectId(),
    firstName: 'Many', lastName: 'Skills',
    skills: Array.from({ length: 10_000 }, (_, i) => ({ name: `Skill number ${i}` })),
    workExperience: Array.from({ length: 5_000 }, (_, i) => ({
      jobTitle: `Role ${i}`, company: 'C', startDate: '2015-01-01', endDate: '2016-01-01',
      responsibilities: Array.from({ length: 40 }, (_, k) => `Duty ${i}.${k}`),
    })),
    certifications: [{ name: 'x'.repeat(100_000) }],
    summary: longText,
  }
  const hugePosting = {
    _id: new ObjectId(), title: 'Everything Engineer', company: 'C', location: 'Remote', experienceLevel: 'Senior', status: 'active',
    skills: Array.from({ length: 10_000 }, (_, i) => ({ name: `Posting skill ${i}` })),
    requirements: Array.from({ length: 1_000 }, (_, i) => `Requirement ${i}`),
    description: longText,
  }
  await db.collection('resumes').insertOne(manySkills)
  await db.collection('jobpostings').insertOne(hugePosting)

  const before = addon.engineStats()
  const embeddings = await addon.generateResumeEmbeddings(id(manySkills))
  // Every result names a cut `<side>.<field>`, the same on embeddings as on comparisons.
  assert.deepEqual(embeddings.metrics.truncated, {
    'resume.skills': { kept: 100, total: 10_000 },
    'resume.workExperience': { kept: 15, total: 5_000 },
    'resume.responsibilities': { kept: 15 * 8, total: 15 * 40 },
    'resume.characters': { kept: 150, total: 100_000 }, // the certification's name
    'resume.summary': { kept: 20_000, total: longText.length },
  })
  const spent = addon.engineStats().textsEmbedded - before.textsEmbedded
  assert.ok(spent <= 100 + 15 + 1, `at most the limits were embedded: ${spent} texts`)
  assert.equal(embeddings.metrics.totalExperienceYears, 1, 'the years still count every entry')

  const job = await addon.generateJobEmbeddings(id(hugePosting))
  assert.deepEqual(job.truncated, {
    'job.skills': { kept: 100, total: 10_000 },
    'job.requirements': { kept: 50, total: 1_000 },
    'job.description': { kept: 20_000, total: longText.length },
  })

  const comparison = await addon.compareResumeJob(id(manySkills), id(hugePosting))
  assert.ok(comparison.missing_skills.length + comparison.matched_skills.length <= 100)
  assert.deepEqual(comparison.truncated['job.skills'], { kept: 100, total: 10_000 })
  assert.deepEqual(comparison.truncated['resume.skills'], { kept: 100, total: 10_000 })
  assert.deepEqual(comparison.truncated['job.description'], { kept: 20_000, total: longText.length })

  // A document within the limits reports nothing: the seed's shapes are unchanged.
  const plain = await addon.generateResumeEmbeddings(RESUME)
  assert.equal(plain.metrics.truncated, undefined)
  assert.equal((await addon.compareResumeJob(RESUME, JOB)).truncated, undefined)

  // Other limits through configure: what was cached under the old ones is recomputed, not
  // served (no force), and the same when the defaults come back.
  addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName, limits: { skills: 3 } })
  try {
    const few = await addon.generateResumeEmbeddings(RESUME)
    assert.deepEqual(few.metrics.truncated, { 'resume.skills': { kept: 3, total: 5 } })
    assert.deepEqual((await addon.compareResumeJob(RESUME, JOB)).truncated, { 'resume.skills': { kept: 3, total: 5 }, 'job.skills': { kept: 3, total: 5 } })
  } finally {
    addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
  }
  assert.equal((await addon.generateResumeEmbeddings(RESUME)).metrics.truncated, undefined)
  assert.equal((await addon.compareResumeJob(RESUME, JOB)).truncated, undefined)
})

test('the process lives on and serves calls after all of the above', async () => {
  const score = await addon.scoreResume(RESUME, { force: true })
  assert.equal(score.resume_id, RESUME)
  const recs = await addon.getRecommendations(userId.toHexString(), RESUME, 5)
  assert.ok(recs.length > 0)
})
