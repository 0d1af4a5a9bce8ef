// Starts the example API:  MONGODB_URI=mongodb://127.0.0.1:27017 MONGODB_DB=hiring PORT=3000 node examples/express/server.mjs
// The dashboard is then at http://127.0.0.1:3000/dashboard/
import { MongoClient } from 'mongodb'
import ai from '../../index.js' // in your app: import ai from 'resume-ai'
import { createApp } from './app.mjs'

ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: process.env.MONGODB_DB })

// The dashboard's resume picker: resume-ai reads resumes but does not list them, the backend does.
const mongo = new MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017')
const listResumes = async () => {
  const found = await mongo.db(process.env.MONGODB_DB).collection('resumes')
    .find({}, { projection: { firstName: 1, lastName: 1 } }).sort({ _id: 1 }).limit(500).toArray()
  return found.map((r) => ({ id: r._id.toHexString(), name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r._id.toHexString() }))
}

const server = createApp(ai, { listResumes }).listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`resume-ai example listening on http://127.0.0.1:${server.address().port} (dashboard: /dashboard/)`)
})

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => mongo.close()))
