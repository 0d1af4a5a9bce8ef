// Seed against extended matching on a labelled set (bench/matching-set.mjs): 18 resumes of six
// professions and 72 postings graded 0-3 for each resume by rule (seniority, location,
// must-have and nice-to-have skills, degree, role type). The seed's two cosines (skills, work
// titles ↔ posting title) score a profession's postings alike; extended matching must rank the
// fitting ones first (nDCG@5), leave seed results untouched, use co-applications over
// `applications` (hit rate@10 of held-out applications) and explain a near miss in `factors`.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ObjectId } from 'mongodb'

import { addon, freshDatabase } from './helpers.mjs'
import { generateMatchingSet, generateApplicationLog } from '../bench/matching-set.mjs'

const FACTORS = ['education', 'seniority', 'location', 'softSkills', 'roleType', 'weightedSkills', 'language']
const hex = (oid) => oid.toHexString()

let env
let set
let cf
/** posting key → id (hex), and back; resume key → id (hex). */
const postingId = new Map()
const postingKey = new Map()
const resumeId = new Map()
const closedIds = new Set()

/** Points the addon at the test database in `matching` mode (a new configuration also starts a
 * new catalogue, so postings inserted since are listed). */
function use(matching) {
  addon.configure({ mongoUri: process.env.MONGODB_URI, dbName: env.db.databaseName, matching })
}

/** A user id with no applications, one per resume. */
const evalUser = (key) => `eval-${key}`

const gain = (grade) => 2 ** grade - 1

/** nDCG@k of ranked posting keys against `grades` (postingKey → grade); ideal from all graded postings. */
function ndcg(keys, grades, k) {
  const dcg = keys.slice(0, k).reduce((s, key, i) => s + gain(grades[key] ?? 0) / Math.log2(i + 2), 0)
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0)
  return ideal > 0 ? dcg / ideal : 0
}

/** Share of the top k with grade ≥ 2. */
const precision = (keys, grades, k) => keys.slice(0, k).filter((key) => (grades[key] ?? 0) >= 2).length / k

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

/** getRecommendations(eval user, resume, 5) for every resume of the set, in `matching` mode. */
async function recommendAll(matching) {
  use(matching)
  const out = new Map()
  for (const r of set.resumes) out.set(r.key, await addon.getRecommendations(evalUser(r.key), resumeId.get(r.key), 5))
  return out
}

/** Mean nDCG@5 and precision@3 of a recommendAll result. */
function quality(results) {
  const ndcgs = []
  const precisions = []
  for (const r of set.resumes) {
    const keys = results.get(r.key).map((c) => postingKey.get(c.job_id))
    ndcgs.push(ndcg(keys, set.relevance[r.key], 5))
    precisions.push(precision(keys, set.relevance[r.key], 3))
  }
  return { ndcg: mean(ndcgs), precision: mean(precisions) }
}

before(async () => {
  env = await freshDatabase('matching')
  set = generateMatchingSet()
  cf = generateApplicationLog({ postings: set.postings, resumes: set.resumes })
  // The labelled board and the log's closed postings (they must never be recommended); the
  // log's active postings join in the collaborative-filtering test.
  const closed = cf.postings.filter((p) => p.closed)
  const labelled = [...set.postings, ...closed].map((p) => {
    const _id = new ObjectId()
    postingId.set(p.key, hex(_id))
    postingKey.set(hex(_id), p.key)
    if (p.closed) closedIds.add(hex(_id))
    return { _id, ...p.doc }
  })
  await env.db.collection('jobpostings').insertMany(labelled)
  const resumes = set.resumes.map((r) => {
    const _id = new ObjectId()
    resumeId.set(r.key, hex(_id))
    return { _id, ...r.doc }
  })
  await env.db.collection('resumes').insertMany(resumes)
})

after(async () => {
  if (env) use('seed')
  await env?.close()
})

test('seed vs extended: extended ranks the fitting postings first (nDCG@5 + 0.05) and leaves seed results as they were', async () => {
  const seed = await recommendAll('seed')
  const extended = await recommendAll('extended')
  const seedAgain = await recommendAll('seed')

  for (const [mode, results] of [['seed', seed], ['extended', extended]]) {
    for (const [key, recs] of results) {
      assert.equal(recs.length, 5, `${mode} ${key}: five recommendations`)
      for (const c of recs) {
        assert.equal(c.matchModel, mode, `${mode} ${key}: matchModel`)
        assert.ok(postingKey.has(c.job_id), `${mode} ${key}: a posting of the set`)
        assert.ok(!closedIds.has(c.job_id), `${mode} ${key}: never a closed posting`)
      }
      const scores = recs.map((c) => c.match_percentage)
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `${mode} ${key}: best first`)
    }
  }
  // Seed numbers are the seed's formula, and extended mode did not disturb them.
  for (const [key, recs] of seed) {
    for (const c of recs) {
      const b = c.breakdown
      const expected = Math.round((0.65 * b.skills_match + 0.35 * b.experience_match) * 10) / 10
      assert.ok(Math.abs(c.match_percentage - expected) <= 0.05 + 1e-9, `${key}: ${c.match_percentage} vs ${expected}`)
    }
    const pairs = (list) => list.map((c) => [c.job_id, c.match_percentage])
    assert.deepEqual(pairs(seedAgain.get(key)), pairs(recs), `${key}: seed results after extended mode`)
  }
  for (const recs of extended.values()) {
    for (const c of recs) {
      assert.equal(typeof c.factors, 'object', 'extended results carry factors')
      for (const f of FACTORS) assert.equal(typeof c.factors[f]?.verdict, 'string', `factor ${f}`)
    }
  }

  const s = quality(seed)
  const e = quality(extended)
  console.log('matching   nDCG@5  P@3')
  console.log(`seed       ${s.ndcg.toFixed(3)}   ${s.precision.toFixed(3)}`)
  console.log(`extended   ${e.ndcg.toFixed(3)}   ${e.precision.toFixed(3)}`)
  assert.ok(e.ndcg >= s.ndcg + 0.05, `extended nDCG@5 ${e.ndcg.toFixed(3)} vs seed ${s.ndcg.toFixed(3)}`)
})

test('collaborative filtering: co-applications find held-out applications (hit rate@10 + 0.2), never an applied or closed posting', async () => {
  const active = cf.postings.filter((p) => !p.closed).map((p) => {
    const _id = new ObjectId()
    postingId.set(p.key, hex(_id))
    postingKey.set(hex(_id), p.key)
    return { _id, ...p.doc }
  })
  await env.db.collection('jobpostings').insertMany(active)
  await env.db
    .collection('applications')
    .insertMany(cf.log.map((a) => ({ user: a.user, jobPosting: ObjectId.createFromHexString(postingId.get(a.postingKey)) })))
  const applied = new Map()
  for (const a of cf.log) {
    if (!applied.has(a.user)) applied.set(a.user, new Set())
    applied.get(a.user).add(postingId.get(a.postingKey))
  }

  const hitRate = {}
  let collaborative = 0
  for (const mode of ['seed', 'extended']) {
    use(mode)
    let hits = 0
    for (const u of cf.users) {
      const recs = await addon.getRecommendations(u.userId, resumeId.get(u.resumeKey), 10)
      assert.ok(recs.length > 0 && recs.length <= 10, `${mode} ${u.userId}: ${recs.length} recommendations`)
      for (const c of recs) {
        assert.equal(c.matchModel, mode)
        assert.ok(!applied.get(u.userId).has(c.job_id), `${mode} ${u.userId}: ${postingKey.get(c.job_id)} was applied to`)
        assert.ok(!closedIds.has(c.job_id), `${mode} ${u.userId}: ${postingKey.get(c.job_id)} is closed`)
        if (c.collaborative != null) {
          collaborative += 1
          assert.ok(Number.isFinite(c.collaborative.score), 'collaborative.score is a number')
          assert.ok(Number.isInteger(c.collaborative.coApplicants) && c.collaborative.coApplicants >= 1, 'collaborative.coApplicants')
        }
      }
      if (recs.some((c) => c.job_id === postingId.get(cf.heldOut[u.userId]))) hits += 1
    }
    hitRate[mode] = hits / cf.users.length
  }
  console.log(`hit rate@10 over ${cf.users.length} users: content only (seed) ${hitRate.seed.toFixed(3)}, blended (extended) ${hitRate.extended.toFixed(3)}; ${collaborative} results with co-applicants`)
  assert.ok(hitRate.extended >= hitRate.seed + 0.2, `blended ${hitRate.extended} vs content only ${hitRate.seed}`)
})

test('factors explain a near miss: the one factor that differs is not a fit, with a low score and evidence', async () => {
  // A grade-1 posting that misses on seniority alone (a junior resume, a Senior or Lead
  // posting), else on location alone.
  const pick = (reason, ok = () => true) => {
    for (const r of set.resumes) {
      for (const p of set.postings) {
        const why = set.reasons[r.key][p.key]
        if (set.relevance[r.key][p.key] === 1 && why.length === 1 && why[0] === reason && ok(r, p)) return { r, p }
      }
    }
    return null
  }
  const seniority = pick('seniority', (r, p) => r.level === 0 && p.level >= 2)
  const chosen = seniority ? { ...seniority, factor: 'seniority' } : { ...pick('location-country'), factor: 'location' }
  assert.ok(chosen.r && chosen.p, 'the set has a near miss on one factor')

  use('extended')
  const c = await addon.compareResumeJob(resumeId.get(chosen.r.key), postingId.get(chosen.p.key))
  const f = c.factors[chosen.factor]
  console.log(`${chosen.r.key} × ${chosen.p.key} (${chosen.p.doc.title}, ${chosen.p.doc.experienceLevel}, ${chosen.p.doc.location}): ${chosen.factor} ${f.score} ${f.verdict}: ${f.evidence}`)
  assert.equal(c.matchModel, 'extended')
  assert.notEqual(f.verdict, 'fits')
  assert.ok(typeof f.score === 'number' && f.score < 60, `${chosen.factor} score ${f.score}`)
  assert.equal(typeof f.evidence, 'string')
  assert.ok(f.evidence.length > 0, 'evidence')
  for (const name of FACTORS) {
    assert.ok(c.factors[name], `factor ${name}`)
    assert.equal(typeof c.factors[name].verdict, 'string', `factor ${name} verdict`)
  }
})

test('roleType filters recommendations; a caller location or remote wish is applied fresh and never cached; marketInsights counts role types', async () => {
  use('extended')
  const backend = set.resumes.find((r) => r.key === 'backend-senior')
  const filtered = await addon.getRecommendations(evalUser(backend.key), resumeId.get(backend.key), 5, { roleType: 'backend' })
  assert.ok(filtered.length > 0, 'some backend postings')
  for (const c of filtered) assert.equal(c.factors.jobRole?.role, 'Backend', c.job_title)
  await assert.rejects(
    addon.getRecommendations(evalUser(backend.key), resumeId.get(backend.key), 5, { roleType: 'Plumbing' }),
    (e) => e.code === 'INVALID_ARGUMENT' && /roleType must be one of .*Full Stack/.test(e.message),
  )

  // An on-site posting in Berlin for a resume in Austin: relocation; moved to Berlin it fits;
  // wanting remote work it does not.
  const onsite = set.postings.find((p) => p.doc.location === 'On-site - Berlin, Germany' || p.doc.location === 'Berlin, Germany')
  assert.ok(onsite, 'the set has an on-site Berlin posting')
  const [rid, jid] = [resumeId.get(backend.key), postingId.get(onsite.key)]
  const own = await addon.compareResumeJob(rid, jid)
  assert.equal(own.factors.location.verdict, 'relocation', own.factors.location.evidence)
  const moved = await addon.compareResumeJob(rid, jid, { location: 'Berlin, Germany' })
  assert.deepEqual([moved.factors.location.verdict, moved.factors.location.score], ['fits', 100])
  assert.ok(moved.match_percentage > own.match_percentage, `${moved.match_percentage} > ${own.match_percentage}`)
  const remote = await addon.compareResumeJob(rid, jid, { remote: true })
  assert.equal(remote.factors.location.verdict, 'not remote')
  // The cache still holds the resume's own comparison.
  const cached = await env.db.collection('resumejobcomparisons').findOne({ resume: new ObjectId(rid), jobPosting: new ObjectId(jid) })
  assert.equal(cached.factors.location.verdict, 'relocation')
  assert.equal(cached.matchModel, 'extended')

  const insights = await addon.marketInsights()
  const roles = new Map(insights.roleTypes.map((s) => [s.name, s.postings]))
  console.log(`role types of the board: ${insights.roleTypes.map((s) => `${s.name} ${s.postings}`).join(', ')}`)
  for (const role of ['Backend', 'Frontend', 'Healthcare', 'Finance', 'Sales']) assert.ok(roles.get(role) > 0, `${role} postings`)
})

test('the CLI chooses the model from RESUME_AI_MATCHING, as configure does', async () => {
  const { spawnSync } = await import('node:child_process')
  const r = set.resumes[0]
  const p = set.postings.find((x) => set.relevance[r.key][x.key] === 3)
  const cli = (matching) => {
    const child = spawnSync(process.execPath, [new URL('../bin/resume-ai.js', import.meta.url).pathname, 'compare_resume_job', resumeId.get(r.key), postingId.get(p.key)], {
      env: { ...process.env, MONGODB_DB: env.db.databaseName, RESUME_AI_MATCHING: matching },
      encoding: 'utf8',
      timeout: 120_000,
    })
    return { status: child.status, output: JSON.parse(child.stdout) }
  }
  const extended = cli('extended')
  assert.equal(extended.status, 0)
  assert.equal(extended.output.matchModel, 'extended')
  use('extended')
  assert.equal(extended.output.match_percentage, (await addon.compareResumeJob(resumeId.get(r.key), postingId.get(p.key))).match_percentage)
  const bad = cli('fancy')
  assert.equal(bad.status, 1)
  assert.equal(bad.output.code, 'INVALID_ARGUMENT')
})
