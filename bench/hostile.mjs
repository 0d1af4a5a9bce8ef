// `npm run bench:hostile`: how long hostile documents take, and whether other callers wait
// behind them. A resume with 10,000 skills and 5,000 work entries (40 responsibilities each)
// and a posting with 10,000 skills, embedded and compared with the default per-document
// limits; meanwhile a small caller embeds one sentence, and its latency is printed beside the
// same call on an idle engine. Prints figures only; the tests assert the limits themselves.
import { createRequire } from 'node:module'
import { MongoClient, ObjectId } from 'mongodb'

const ai = createRequire(import.meta.url)('../index.js')
const uri = process.env.MONGODB_URI
if (!uri) throw new Error('MONGODB_URI is not set (npm run bench:hostile starts a local server)')
const client = await MongoClient.connect(uri)
const db = client.db(`resume_ai_bench_hostile_${new ObjectId().toHexString()}`)
ai.configure({ mongoUri: uri, dbName: db.databaseName })

const seconds = (start) => (performance.now() - start) / 1000
// Texts no cache has seen, with a short tag (a long one would triple each text's tokens).
const tag = `r${Date.now() % 1_000_000}`
const resume = {
  _id: new ObjectId(), firstName: 'Many', lastName: 'Skills',
  skills: Array.from({ length: 10_000 }, (_, i) => ({ name: `Skill ${i} ${tag}` })),
  workExperience: Array.from({ length: 5_000 }, (_, i) => ({
    jobTitle: `Role ${i} ${tag}`, startDate: '2015-01-01', endDate: '2016-01-01',
    responsibilities: Array.from({ length: 40 }, (_, k) => `Duty ${i}.${k} ${tag}`),
  })),
}
const posting = {
  _id: new ObjectId(), title: `Everything ${tag}`, status: 'active', location: 'Remote', experienceLevel: 'Senior',
  skills: Array.from({ length: 10_000 }, (_, i) => ({ name: `Posting skill ${i} ${tag}` })),
  requirements: Array.from({ length: 1_000 }, (_, i) => `Requirement ${i} ${tag}`),
}
try {
  await db.collection('resumes').insertOne(resume)
  await db.collection('jobpostings').insertOne(posting)
  await ai.embed(['warm-up'])
  let start = performance.now()
  await ai.embed([`An idle engine ${tag}`])
  const idle = seconds(start)

  const before = ai.engineStats()
  start = performance.now()
  const resumeCall = ai.generateResumeEmbeddings(resume._id.toHexString()).then(() => seconds(start))
  await new Promise((resolve) => setTimeout(resolve, 1000)) // the resume is in the model by then
  const small = performance.now()
  await ai.embed([`A small caller meanwhile ${tag}`])
  const smallWait = seconds(small)
  const resumeSeconds = await resumeCall
  start = performance.now()
  const compared = await ai.compareResumeJob(resume._id.toHexString(), posting._id.toHexString())
  const compareSeconds = seconds(start)
  const texts = ai.engineStats().textsEmbedded - before.textsEmbedded
  const info = await ai.modelInfo()
  console.log(`resume-ai hostile-document bench: ${info.threads} threads`)
  console.log(`generateResumeEmbeddings, 10,000 skills + 5,000 work entries: ${resumeSeconds.toFixed(2)} s`)
  console.log(`compareResumeJob with a 10,000-skill posting: ${compareSeconds.toFixed(2)} s (${compared.missing_skills.length + compared.matched_skills.length} skills listed)`)
  console.log(`texts embedded in all: ${texts}`)
  console.log(`one sentence while the resume ran: ${(smallWait * 1000).toFixed(0)} ms; on an idle engine: ${(idle * 1000).toFixed(0)} ms`)
} finally {
  await db.dropDatabase()
  await client.close()
}
