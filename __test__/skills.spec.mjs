// Skills read from free text on the taxonomy (ESCO + the tool layer): extractSkills, documents
// without a skills list, implied skills in skill gaps and in the score's "Learn X".
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ObjectId } from 'mongodb'

import { addon, freshDatabase, rejection } from './helpers.mjs'

let env

before(async () => {
  env = await freshDatabase('skills')
})

after(async () => {
  await env?.close()
})

const named = (skills) => skills.map((s) => [s.name, s.kind, s.via])

test('extractSkills by name: preferred names and aliases on whole words, spans in UTF-16', async () => {
  const text = '🚀 Built REST APIs in Django with Postgres on k8s; go to market fast.'
  const { skills, truncated } = await addon.extractSkills(text, { embedding: false })
  assert.deepEqual(named(skills), [
    ['REST APIs', 'tool', 'label'],
    ['Django', 'tool', 'label'],
    ['PostgreSQL', 'esco', 'alias'],
    ['Kubernetes', 'tool', 'alias'],
  ])
  assert.deepEqual(
    skills.map((s) => text.slice(...s.span)),
    ['REST APIs', 'Django', 'Postgres', 'k8s'],
  )
  for (const s of skills) {
    assert.equal(s.score, 1)
    assert.equal(s.accepted, true)
    assert.match(s.id, /\S/)
  }
  assert.equal(truncated, undefined)
  // The ESCO concept keeps ESCO's id; a tool without one keeps the tool layer's.
  assert.match(skills[2].id, /^[0-9a-f-]{36}$/)
  assert.equal(skills[1].id, 'django')
})

test('extractSkills by embedding: a paraphrase finds the ESCO skill it describes', async () => {
  const text = 'You will prepare the annual budget of the department. Supervising a team of nurses.'
  const { skills } = await addon.extractSkills(text)
  const byName = Object.fromEntries(skills.map((s) => [s.name, s]))
  const budget = byName['support development of annual budget']
  assert.ok(budget, `the budget skill in ${JSON.stringify(named(skills))}`)
  assert.equal(budget.via, 'embedding')
  assert.equal(text.slice(...budget.span), 'annual budget')
  assert.ok(budget.score >= 0.65 && budget.score < 1, `score ${budget.score}`)
  assert.equal(text.slice(...byName['supervise staff'].span), 'Supervising')
  for (const s of skills) assert.equal(s.accepted, true, 'by default only accepted skills')
  // A phrase of everyday words finds nothing by default…
  const vague = await addon.extractSkills('We look for people who are passionate.')
  assert.deepEqual(vague.skills, [])
  // …and minScore 0 shows the ranked candidates behind the choice.
  const all = await addon.extractSkills(text, { minScore: 0, limit: 50 })
  assert.ok(all.skills.length > skills.length)
  assert.ok(all.skills.some((s) => !s.accepted))
  const scores = all.skills.filter((s) => s.via === 'embedding').map((s) => s.score)
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first')
})

test('extractSkills: a long text is cut at 20,000 characters and the cut reported', async () => {
  const text = 'filler '.repeat(3000) + 'Django'
  const { skills, truncated } = await addon.extractSkills(text, { embedding: false })
  assert.deepEqual({ ...truncated }, { kept: 20000, total: text.length })
  assert.deepEqual(skills, [], 'the skill after the cut is not read')
})

test('extractSkills: bad arguments are INVALID_ARGUMENT', async () => {
  for (const [args, pattern] of [
    [[42], /text must be a string/],
    [['Django', { minScore: 1.5 }], /minScore/],
    [['Django', { limit: 0 }], /limit/],
    [['Django', []], /options/],
  ]) {
    const e = await rejection(addon.extractSkills(...args))
    assert.equal(e.code, 'INVALID_ARGUMENT', String(args))
    assert.match(e.message, pattern)
  }
})

test('the CLI command extract_skills prints the same skills', async () => {
  const out = await addon.run('extract_skills', ['Django and Postgres', '5'])
  const direct = await addon.extractSkills('Django and Postgres', { limit: 5 })
  assert.deepEqual(out.skills.slice(0, 2).map((s) => s.name), ['Django', 'PostgreSQL'])
  assert.deepEqual(out.skills.map((s) => [s.name, s.span]), direct.skills.map((s) => [s.name, s.span]))
  assert.ok(out.skills.length <= 5)
})

test('a posting without a skills list is matched on the skills its text names', async () => {
  const job = {
    _id: new ObjectId(),
    title: 'Backend Engineer',
    company: 'Acme',
    status: 'active',
    description: 'You will build services in Python and Django on PostgreSQL, deployed with Docker.',
  }
  const listed = { ...job, _id: new ObjectId(), skills: ['Go'] }
  const resume = {
    _id: new ObjectId(),
    skills: [{ name: 'Django' }, { name: 'PostgreSQL' }],
    workExperience: [{ jobTitle: 'Backend Developer', responsibilities: ['Built Django REST APIs'] }],
  }
  await env.db.collection('jobpostings').insertMany([job, listed])
  await env.db.collection('resumes').insertOne(resume)
  const rid = resume._id.toHexString()

  const c = await addon.compareResumeJob(rid, job._id.toHexString())
  assert.deepEqual(c.skillsSource, { resume: 'listed', job: 'text' })
  const asked = [...c.matched_skills, ...c.missing_skills].sort()
  assert.deepEqual(asked, ['Django', 'Docker', 'PostgreSQL', 'Python'])
  assert.ok(c.matched_skills.includes('Django') && c.matched_skills.includes('PostgreSQL'))
  const embeddings = await addon.generateJobEmbeddings(job._id.toHexString())
  assert.ok(embeddings.meanEmbeddings.skills, 'the text skills are embedded')

  // A listed skills list is kept as it is.
  const other = await addon.compareResumeJob(rid, listed._id.toHexString())
  assert.deepEqual(other.skillsSource, { resume: 'listed', job: 'listed' })
  assert.deepEqual([...other.matched_skills, ...other.missing_skills], ['Go'])

  // The skill gap knows what the resume's skills imply: Django ⇒ Python.
  const gap = await addon.skillGap(rid, { jobId: job._id.toHexString() })
  const covered = Object.fromEntries(gap.covered.map((s) => [s.name, s.by]))
  assert.equal(covered.Python, 'Django')
  assert.equal(covered.Django, 'Django')
  assert.deepEqual(gap.missing.map((m) => m.name), ['Docker'])
})

test('a resume without a skills list is matched on the skills its work entries name', async () => {
  const resume = {
    _id: new ObjectId(),
    summary: 'Data engineer.',
    workExperience: [{ jobTitle: 'Data Engineer', responsibilities: ['Built pipelines with Apache Kafka and Python'] }],
  }
  const job = { _id: new ObjectId(), title: 'Data Engineer', status: 'active', skills: ['Kafka', 'Python', 'Rust'] }
  await env.db.collection('resumes').insertOne(resume)
  await env.db.collection('jobpostings').insertOne(job)
  const c = await addon.compareResumeJob(resume._id.toHexString(), job._id.toHexString())
  assert.deepEqual(c.skillsSource, { resume: 'text', job: 'listed' })
  assert.deepEqual(c.matched_skills, ['Kafka', 'Python'])
  assert.deepEqual(c.missing_skills, ['Rust'])
  // The score still counts listed skills only.
  const score = await addon.scoreResume(resume._id.toHexString())
  assert.equal(score.breakdown.skills, 0)
})

test('"Learn X" never names a skill the resume lists, implies or covers', async () => {
  const maya = {
    _id: new ObjectId(),
    firstName: 'Maya',
    skills: [{ name: 'PostgreSQL' }, { name: 'REST API Design' }, { name: 'Django' }],
  }
  await env.db.collection('resumes').insertOne(maya)
  const opened = ['SQL', 'REST APIs', 'Python', 'Docker'].map((skill) => ({
    _id: new ObjectId(),
    title: 'Engineer',
    status: 'active',
    skills: [skill, 'Terraform', 'PostgreSQL'],
  }))
  await env.db.collection('jobpostings').insertMany(opened)
  // Announced as the backend announces new postings (otherwise seen at the next listing).
  for (const posting of opened) await addon.invalidateJob(posting._id.toHexString())
  const { recommendations } = await addon.scoreResume(maya._id.toHexString(), { force: true })
  for (const covered of ['SQL', 'REST APIs', 'Python', 'PostgreSQL', 'Django']) {
    assert.ok(!recommendations.includes(`Learn ${covered}`), `${covered} in ${recommendations}`)
  }
  assert.ok(recommendations.includes("Learn Terraform"), String(recommendations))
  assert.ok(recommendations.includes('Learn Docker'))
})
