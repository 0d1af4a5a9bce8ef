import { createRequire } from 'node:module'
import { MongoClient, ObjectId } from 'mongodb'
const ai = createRequire(import.meta.url)('../index.js')
const client = await MongoClient.connect(process.env.MONGODB_URI)
const db = client.db('probe_' + new ObjectId().toHexString())
ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: db.databaseName })
const tag = new ObjectId().toHexString()
const resume = { _id: new ObjectId(), skills: Array.from({ length: 10_000 }, (_, i) => ({ name: `Skill ${i} ${tag}` })),
  workExperience: Array.from({ length: 5_000 }, (_, i) => ({ jobTitle: `Role ${i}`, startDate: '2015-01-01', endDate: '2016-01-01', responsibilities: Array.from({ length: 40 }, (_, k) => `Duty ${i}.${k}`) })) }
await db.collection('resumes').insertOne(resume)
await ai.embed(['warm'])
console.log('pid', process.pid, 'start')
let t = performance.now()
await ai.scoreResume(resume._id.toHexString())
console.log('score', ((performance.now() - t) / 1000).toFixed(2), 's')
t = performance.now()
await ai.generateResumeEmbeddings(resume._id.toHexString())
console.log('embeddings', ((performance.now() - t) / 1000).toFixed(2), 's')
await db.dropDatabase(); await client.close()
