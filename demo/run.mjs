// The demo: seeds ~20 resumes and ~50 postings into MONGODB_URI (database resume_ai_demo, only
// when empty), then shows what resume-ai computes for one resume, as a person would read it.
import { createRequire } from 'node:module'
import { MongoClient } from 'mongodb'
import { makeResumes, makeJobPostings, DEMO_RESUME_EMAIL } from './seed-data.mjs'

const require = createRequire(import.meta.url)
const ai = require('../index.js')
const DB_NAME = process.env.MONGODB_DB || 'resume_ai_demo'

async function seedIfEmpty(db) {
  if ((await db.collection('resumes').estimatedDocumentCount()) > 0) return false
  await db.collection('resumes').insertMany(makeResumes())
  await db.collection('jobpostings').insertMany(makeJobPostings())
  return true
}

async function timed(label, promise) {
  const start = performance.now()
  const value = await promise
  timings.push(`${label}: ${(performance.now() - start).toFixed(0)} ms`)
  return value
}
const timings = []

const bar = (value, width = 30) => '█'.repeat(Math.round((value / 100) * width)).padEnd(width, '·')
const list = (items) => (items.length ? items.map((s) => `    - ${s}`).join('\n') : '    (none)')

const client = await MongoClient.connect(process.env.MONGODB_URI)
try {
  const db = client.db(DB_NAME)
  const seeded = await seedIfEmpty(db)
  const resumes = await db.collection('resumes').countDocuments()
  const postings = await db.collection('jobpostings').countDocuments()
  console.log(`database ${DB_NAME}: ${resumes} resumes, ${postings} job postings${seeded ? ' (seeded just now)' : ''}`)
  ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: DB_NAME })

  const resume = await db.collection('resumes').findOne({ email: DEMO_RESUME_EMAIL }, { projection: { firstName: 1, lastName: 1 } })
  const resumeId = resume._id.toHexString()
  const info = await timed('load model', ai.modelInfo())
  console.log(`model ${info.name} (${info.dimension}-d, ${info.threads} threads) from ${info.modelDir}\n`)

  const score = await timed('scoreResume', ai.scoreResume(resumeId))
  console.log(`SCORE CARD — ${resume.firstName} ${resume.lastName} (${resumeId})`)
  console.log(`  overall ${score.overall_score} / 100   grade ${score.grade}   experience ${score.total_experience_years} years`)
  for (const [part, value] of Object.entries(score.breakdown)) console.log(`  ${part.padEnd(15)} ${bar(value)} ${value}`)
  console.log(`  strengths:\n${list(score.strengths)}`)
  console.log(`  improvements:\n${list(score.improvements)}`)
  console.log(`  recommendations:\n${list(score.recommendations)}\n`)

  const best = await timed('getRecommendations (all active postings)', ai.getRecommendations('demo-user', resumeId, 5))
  console.log('FIVE BEST JOBS')
  best.forEach((job, i) =>
    console.log(`  ${i + 1}. ${String(job.match_percentage).padStart(5)}%  ${job.recommendation_level.padEnd(15)}  ${job.job_title} — ${job.company}`),
  )
  await timed('getRecommendations again (cached)', ai.getRecommendations('demo-user', resumeId, 5))

  const comparison = await timed('compareResumeJob', ai.compareResumeJob(resumeId, best[0].job_id))
  console.log(`\nFULL COMPARISON with "${comparison.job_title}" (${comparison.company})`)
  console.log(JSON.stringify(comparison, null, 2))

  const families = await timed('clusterJobs', ai.clusterJobs())
  console.log(`\nJOB FAMILIES OF THE BOARD — k = ${families.k} (chosen by silhouette, ${families.silhouette}), ${families.postings} active postings`)
  for (const c of families.clusters) {
    const skills = c.topSkills.slice(0, 4).map((s) => `${s.name} ${Math.round(s.share * 100)}%`).join(', ')
    console.log(`  ${String(c.id).padStart(2)}. ${c.label.padEnd(34)} ${String(c.size).padStart(3)} posting${c.size === 1 ? " " : "s"}  ${skills}`)
  }

  const gap = await timed('skillGap (nearest family)', ai.skillGap(resumeId))
  console.log(`\nSKILL GAP — ${resume.firstName} against the family "${gap.target.label}": coverage ${gap.coverage}%`)
  console.log(`  covered: ${gap.covered.map((c) => (c.by === c.name ? c.name : `${c.name} (by ${c.by})`)).join(', ') || '(none)'}`)
  for (const m of gap.missing.slice(0, 6)) {
    const near = m.closest ? `closest: ${m.closest.name} ${m.closest.similarity}${m.adjacent ? ', adjacent' : ''}` : 'nothing close'
    console.log(`  - learn ${m.name.padEnd(24)} asked by ${Math.round(m.importance * 100)}% of the family (${near})`)
  }

  // The roadmap's factors decide the order too: seniority, location, must-haves, role type, …
  ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: DB_NAME, matching: 'extended' })
  const extended = await timed('getRecommendations (extended)', ai.getRecommendations('demo-user', resumeId, 5))
  console.log('\nFIVE BEST JOBS, EXTENDED MATCHING (the seed match blended with the factors)')
  extended.forEach((job, i) => {
    const f = job.factors
    const missing = f.missingMustHave.length ? `, missing must-have ${f.missingMustHave.join(', ')}` : ''
    const why = `seniority ${f.seniority.verdict}, location ${f.location.verdict}, role ${f.jobRole?.role ?? '?'} (${f.roleType.verdict})${missing}`
    console.log(`  ${i + 1}. ${String(job.match_percentage).padStart(5)}%  ${job.job_title} — ${job.company}  [${why}]`)
  })
  console.log(`\ntimings: ${timings.join(', ')}`)
} finally {
  await client.close()
}
