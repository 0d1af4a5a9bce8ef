// Shared by the integration tests: the addon, a fresh database on the real server that
// `npm test` started (MONGODB_URI), and a small, hand-checked data set.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { MongoClient, ObjectId } from 'mongodb'

const require = createRequire(import.meta.url)
export const addon = require('../index.js')

export const DAY_SECONDS = 86400

/** Opens a fresh database (dropped by `close`) and points the addon's default client at it
 * (`configure: false`: leaves the default client alone, for tests of `connect`). */
export async function freshDatabase(prefix, { configure = true } = {}) {
  const uri = process.env.MONGODB_URI
  if (!uri) throw new Error('MONGODB_URI is not set: run the tests with `npm test`, which starts the database')
  const client = await MongoClient.connect(uri)
  const dbName = `${prefix}_${new ObjectId().toHexString()}`
  const db = client.db(dbName)
  if (configure) addon.configure({ mongoUri: uri, dbName })
  return {
    db,
    options: { mongoUri: uri, dbName },
    async close() {
      await db.dropDatabase()
      await client.close()
    },
  }
}

const date = (s) => new Date(`${s}T00:00:00.000Z`)

export const resumes = {
  pythonDev: {
    _id: new ObjectId(),
    firstName: 'Ada',
    lastName: 'Byron',
    email: 'ada@example.com',
    phone: '+1 555 0100',
    summary: 'Backend engineer building Python web services and APIs.',
    skills: [{ name: 'Python' }, { name: 'Django' }, { name: 'PostgreSQL' }, { name: 'REST APIs' }, { name: 'JS' }],
    workExperience: [
      // Overlapping on purpose: 2015-01-01..2018-01-01 and 2017-01-01..2020-01-01 merge into
      // 2015-01-01..2020-01-01, 1826 days = 5.0 years, not 6.
      {
        jobTitle: 'Python Developer',
        company: 'Initech',
        startDate: date('2015-01-01'),
        endDate: date('2018-01-01'),
        responsibilities: ['Built Django REST APIs backed by PostgreSQL'],
      },
      {
        jobTitle: 'Backend Engineer',
        company: 'Hooli',
        startDate: '2017-01-01T00:00:00.000Z',
        endDate: date('2020-01-01'),
        responsibilities: ['Designed Python microservices and message queues'],
      },
    ],
    education: [{ degree: 'BSc Computer Science', institution: 'State University', graduationDate: date('2014-06-01') }],
    certifications: [{ name: 'AWS Certified Developer', issuer: 'Amazon' }],
  },
  nurse: {
    _id: new ObjectId(),
    firstName: 'Florence',
    lastName: 'Night',
    email: 'florence@example.com',
    skills: [{ name: 'Patient Care' }, { name: 'ICU' }, { name: 'BLS' }],
    workExperience: [
      { jobTitle: 'Registered Nurse', company: 'City Hospital', startDate: date('2019-03-01'), endDate: 'present', responsibilities: ['Cared for ICU patients'] },
    ],
    education: [],
    certifications: [],
  },
  empty: { _id: new ObjectId(), firstName: 'Empty' },
}

export const jobs = {
  pythonBackend: {
    _id: new ObjectId(),
    title: 'Senior Python Backend Engineer',
    company: 'Tech Corp',
    location: 'Remote',
    experienceLevel: 'Senior',
    status: 'active',
    skills: [{ name: 'Python' }, { name: 'Django' }, { name: 'JavaScript' }, { name: 'AWS' }, { name: 'Docker' }],
    requirements: ['5+ years of Python', 'Experience with cloud platforms'],
    description: 'Build APIs.',
  },
  nursing: {
    _id: new ObjectId(),
    title: 'ICU Registered Nurse',
    company: 'General Hospital',
    location: 'Boston, MA',
    experienceLevel: 'Mid',
    status: 'active',
    skills: [{ name: 'Patient Care' }, { name: 'Critical Care' }, { name: 'BLS' }],
    requirements: ['Active RN license', 'BLS certification'],
    description: 'Care for critically ill patients.',
  },
  closedPython: {
    _id: new ObjectId(),
    title: 'Python Engineer',
    company: 'Gone Inc',
    location: 'Remote',
    experienceLevel: 'Mid',
    status: 'closed',
    skills: [{ name: 'Python' }],
    requirements: [],
    description: 'Closed.',
  },
  appliedPython: {
    _id: new ObjectId(),
    title: 'Python API Developer',
    company: 'Applied Ltd',
    location: 'Remote',
    experienceLevel: 'Mid',
    status: 'active',
    skills: [{ name: 'Python' }, { name: 'FastAPI' }],
    requirements: ['3+ years of Python'],
    description: 'APIs.',
  },
}

export const userId = new ObjectId()

export async function insertFixtures(db) {
  await db.collection('resumes').insertMany(Object.values(resumes))
  await db.collection('jobpostings').insertMany(Object.values(jobs))
  await db.collection('applications').insertOne({ user: userId, jobPosting: jobs.appliedPython._id })
}

/** Asserts `promise` rejects with a JS Error carrying `code`, and returns that error. */
export async function rejection(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

/**
 * The exhaustive reference: every active posting the user has not applied to, compared in full
 * (`batchCompare` with a limit above the board size computes a full comparison for each, the
 * path recommendations took before the catalogue), best first, cut to `limit`.
 */
export async function exhaustive(db, userId, resumeId, limit) {
  const applied = await db.collection('applications').find({ user: userId }).toArray()
  const skip = new Set(applied.map((a) => toHex(a.jobPosting)))
  const active = await db
    .collection('jobpostings')
    .find({ status: { $in: ['active', 'Active', 'ACTIVE'] } }, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray()
  const ids = active.map((j) => toHex(j._id)).filter((id) => !skip.has(id))
  const all = await addon.batchCompare(resumeId, ids, 10000)
  assert.equal(all.length, ids.length, 'every active posting compared')
  return all.slice(0, limit)
}

const toHex = (oid) => oid.toHexString()

/** Serves an Express app on a free localhost port: its base URL, and `close()`. */
export async function serveOnLocalhost(app) {
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject))
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
