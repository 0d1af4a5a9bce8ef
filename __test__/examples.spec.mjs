// The examples in examples/ run for real: the Express API over HTTP, the BullMQ worker against a
// real redis-server, and the event loop kept responsive while the model works.
//
// Redis: REDIS_URL when set (scripts/test.sh may start one); otherwise this file starts
// scripts/redis.sh itself and stops it afterwards (an already running one is reused, not stopped).
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { ObjectId } from 'mongodb'
import { addon, freshDatabase, insertFixtures, resumes, jobs, userId, rejection, serveOnLocalhost } from './helpers.mjs'
import { createApp } from '../examples/express/app.mjs'
import { createScoreQueue, createScoreQueueEvents, createScoreWorker } from '../examples/bullmq/queue.mjs'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const id = (doc) => doc._id.toHexString()
const NO_SUCH_ID = new ObjectId().toHexString()
const run = new ObjectId().toHexString() // makes generated texts unique to this run

// A few more resumes for the queue, each with its own skills and history.
const extraResumes = ['Go', 'Kotlin', 'Swift'].map((lang, i) => ({
  _id: new ObjectId(),
  firstName: `Dev${i}`,
  lastName: 'Example',
  email: `dev${i}@example.com`,
  summary: `${lang} engineer.`,
  skills: [{ name: lang }, { name: 'Docker' }, ...(i > 0 ? [{ name: 'AWS' }] : [])],
  workExperience: [
    { jobTitle: `${lang} Developer`, company: 'Example Co', startDate: new Date(Date.UTC(2016 + i, 0, 1)), endDate: 'present', responsibilities: [`Wrote ${lang} services`] },
  ],
  education: [{ degree: 'BSc', institution: 'Uni', graduationDate: new Date(Date.UTC(2015, 5, 1)) }],
  certifications: i === 2 ? [{ name: 'CKA', issuer: 'CNCF' }] : [],
}))

let database
let db
let redis // { connection: { host, port }, stop: boolean }

function startRedis() {
  let url
  let stop = false
  try {
    url = execFileSync('bash', ['scripts/redis.sh', 'uri'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    // already running (someone else's): reuse it and leave it running
  } catch {
    url = execFileSync('bash', ['scripts/redis.sh', 'start'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    stop = true
  }
  return { url: url.trim().split('\n').pop(), stop }
}

before(async () => {
  database = await freshDatabase('resume_ai_examples')
  db = database.db
  await insertFixtures(db)
  await db.collection('resumes').insertMany(extraResumes)
  const { url, stop } = process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: false } : startRedis()
  const { hostname, port } = new URL(url)
  redis = { connection: { host: hostname, port: Number(port || 6379) }, stop }
})

after(async () => {
  await database?.close()
  if (redis?.stop) execFileSync('bash', ['scripts/redis.sh', 'stop'], { cwd: REPO, stdio: 'inherit' })
})

// ---------------------------------------------------------------------------------------------
// Event-loop lag: monitorEventLoopDelay (its samples include the 10 ms resolution, which we
// subtract) and the drift of a setInterval(10) against the clock, while `work` runs.

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function measureLag(label, work) {
  const RESOLUTION = 10
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION })
  const drift = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    drift.push(Math.max(0, now - last - RESOLUTION))
    last = now
  }, RESOLUTION)
  histogram.enable()
  const start = performance.now()
  let result
  try {
    result = await work()
  } finally {
    histogram.disable()
    clearInterval(timer)
  }
  const elapsed = performance.now() - start
  const beyond = (ns) => Math.max(0, ns / 1e6 - RESOLUTION)
  drift.sort((a, b) => a - b)
  const lag = {
    elapsedMs: elapsed,
    eld: { mean: beyond(histogram.mean), p99: beyond(histogram.percentile(99)), max: beyond(histogram.max), samples: histogram.count },
    interval: { mean: drift.reduce((s, x) => s + x, 0) / drift.length, p99: percentile(drift, 99), max: drift[drift.length - 1], samples: drift.length },
  }
  const f = (x) => x.toFixed(1)
  console.log(
    `event-loop lag during ${label} (${f(elapsed / 1000)} s): ` +
      `monitorEventLoopDelay mean ${f(lag.eld.mean)} / p99 ${f(lag.eld.p99)} / max ${f(lag.eld.max)} ms (${lag.eld.samples} samples); ` +
      `setInterval(10) drift mean ${f(lag.interval.mean)} / p99 ${f(lag.interval.p99)} / max ${f(lag.interval.max)} ms (${lag.interval.samples} ticks)`,
  )
  return { lag, result }
}

// Where the work runs, not how fast: the model runs on the addon's own compute thread, so the
// event loop keeps turning while it works; were a forward pass run on the event loop, no timer
// could fire until the call returned. So the checks count timer ticks that happened while the
// workload was in flight (the lag figures above are printed, never compared with a threshold:
// on a shared 2-core machine a threshold in milliseconds fails without a regression).
function assertLoopTurned(lag, minTicks) {
  assert.ok(lag.interval.samples >= minTicks, `setInterval fired ${lag.interval.samples} times during the workload (want >= ${minTicks})`)
  assert.ok(lag.eld.samples >= minTicks, `monitorEventLoopDelay sampled ${lag.eld.samples} times (want >= ${minTicks})`)
}

// ---------------------------------------------------------------------------------------------
describe('examples/express', () => {
  let served
  let base
  before(async () => {
    served = await serveOnLocalhost(createApp(addon))
    base = served.base
  })
  after(() => served.close())

  const call = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }
  const get = (path) => call('GET', path)
  const ok = async (promise) => {
    const { status, body } = await promise
    assert.equal(status, 200, JSON.stringify(body))
    return body
  }

  test('each route answers what the direct call returns', async () => {
    const r = id(resumes.pythonDev)
    const j = id(jobs.pythonBackend)
    // The route first (it computes and caches), then the direct call (a cache hit, so equal
    // only if the route returned exactly the stored result).
    assert.deepEqual(await ok(get(`/resumes/${r}/score`)), await addon.scoreResume(r))
    assert.deepEqual(await ok(get(`/resumes/${r}/score?force=true`)), await addon.scoreResume(r))
    assert.deepEqual(await ok(get(`/resumes/${r}/embeddings`)), await addon.generateResumeEmbeddings(r))
    assert.deepEqual(await ok(get(`/jobs/${j}/embeddings`)), await addon.generateJobEmbeddings(j))
    assert.deepEqual(await ok(get(`/resumes/${r}/compare/${j}`)), await addon.compareResumeJob(r, j))

    const jobIds = Object.values(jobs).map(id)
    const batch = await ok(call('POST', `/resumes/${r}/batch-compare`, { jobIds, limit: 2 }))
    assert.equal(batch.length, 2)
    assert.deepEqual(batch, await addon.batchCompare(r, jobIds, 2))
    assert.deepEqual(await ok(call('POST', `/resumes/${r}/batch-compare`, { jobIds })), await addon.batchCompare(r, jobIds))

    const recs = await ok(get(`/users/${userId}/recommendations?resumeId=${r}&limit=5`))
    assert.deepEqual(recs, await addon.getRecommendations(userId.toHexString(), r, 5))
    assert.ok(recs.length > 0 && !recs.some((c) => c.job_id === id(jobs.appliedPython)), 'not the posting already applied to')
  })

  test('the analytics routes answer what the direct calls return', async () => {
    const r = id(resumes.pythonDev)
    const j = id(jobs.pythonBackend)
    const clusters = await ok(get('/jobs/clusters?k=2&seed=3'))
    assert.equal(clusters.k, 2)
    assert.deepEqual(clusters, await addon.clusterJobs({ k: 2, seed: 3 }), 'the cached result')
    assert.deepEqual(await ok(get(`/jobs/${j}/similar?limit=2`)), await addon.similarJobs(j, 2))
    const insights = await ok(get('/market/insights'))
    assert.deepEqual({ ...insights, computedAt: 0 }, { ...(await addon.marketInsights()), computedAt: 0 })
    assert.deepEqual(await ok(get(`/resumes/${r}/skill-gap?jobId=${j}`)), await addon.skillGap(r, { jobId: j }))
    assert.deepEqual(await ok(get(`/resumes/${r}/skill-gap?clusterId=0`)), await addon.skillGap(r, { clusterId: 0 }))
    for (const path of ['/jobs/clusters?k=0', '/jobs/clusters?k=two', `/jobs/${j}/similar?limit=0`, `/resumes/${r}/skill-gap?jobId=${j}&clusterId=0`]) {
      const { status, body } = await get(path)
      assert.deepEqual([status, body.code], [400, 'INVALID_ARGUMENT'], path)
    }
  })

  test('errors map by code to an HTTP status with {error, code}', async () => {
    const r = id(resumes.pythonDev)
    const notFound = await get(`/resumes/${NO_SUCH_ID}/score`)
    const direct = await rejection(addon.scoreResume(NO_SUCH_ID))
    assert.deepEqual(notFound, { status: 404, body: { error: direct.message, code: 'RESUME_NOT_FOUND' } })

    for (const path of [`/resumes/${r}/compare/${NO_SUCH_ID}`, `/jobs/${NO_SUCH_ID}/embeddings`]) {
      const { status, body } = await get(path)
      assert.deepEqual([status, body.code], [404, 'JOB_NOT_FOUND'], path)
    }

    for (const path of ['/resumes/not-an-id/score', '/resumes/123/embeddings', `/resumes/${r}/compare/xyz`, '/jobs/zz/embeddings']) {
      const { status, body } = await get(path)
      assert.equal(status, 400, path)
      assert.equal(body.code, 'INVALID_ID', path)
      assert.equal(typeof body.error, 'string')
    }

    // Request validation in the example itself, before the addon sees the values.
    const bad = [
      await call('POST', `/resumes/${r}/batch-compare`, { jobIds: 'abc' }),
      await call('POST', `/resumes/${r}/batch-compare`, { jobIds: [1, 2] }),
      await call('POST', `/resumes/${r}/batch-compare`, { jobIds: [], limit: -1 }),
      await call('POST', `/resumes/${r}/batch-compare`),
      await get(`/users/${userId}/recommendations`),
      await get(`/users/${userId}/recommendations?resumeId=${r}&limit=ten`),
    ]
    for (const res of bad) assert.deepEqual([res.status, res.body.code], [400, 'INVALID_ARGUMENT'], JSON.stringify(res.body))
    const malformed = await call('POST', `/resumes/${r}/batch-compare`, '{"jobIds": [')
    assert.deepEqual([malformed.status, malformed.body.code], [400, 'INVALID_ARGUMENT'])
  })

  test('the resume-updated webhook drops the caches and recomputes the embeddings', async () => {
    const resume = extraResumes[0]
    const r = id(resume)
    const key = { resume: resume._id }
    const before = await ok(get(`/resumes/${r}/embeddings`))
    const score = await ok(get(`/resumes/${r}/score`))
    await ok(get(`/resumes/${r}/compare/${id(jobs.pythonBackend)}`))
    const cachedAt = (await db.collection('resumeembeddings').findOne(key)).updatedAt
    assert.ok(await db.collection('resumescores').findOne(key))

    // The resume changes behind the caches' back; the API still serves the cached results.
    const newSkill = `Terraform ${run}`
    await db.collection('resumes').updateOne({ _id: resume._id }, { $push: { skills: { name: newSkill } } })
    assert.deepEqual(await ok(get(`/resumes/${r}/embeddings`)), before)

    const stats = addon.engineStats()
    const hook = await ok(call('POST', `/webhooks/resume-updated/${r}`))
    assert.ok(hook.deleted >= 3, `embeddings, score and comparison removed (deleted ${hook.deleted})`)
    assert.equal(addon.engineStats().textsEmbedded - stats.textsEmbedded, 1, 'only the new skill went through the model')
    assert.notDeepEqual(hook.embeddings.meanEmbeddings.skills, before.meanEmbeddings.skills)
    assert.deepEqual(hook.embeddings.meanEmbeddings.workExperience, before.meanEmbeddings.workExperience)
    assert.deepEqual(hook.embeddings, await addon.generateResumeEmbeddings(r), 'the recomputed embeddings are the cached ones now')
    assert.ok((await db.collection('resumeembeddings').findOne(key)).updatedAt > cachedAt)
    assert.equal(await db.collection('resumescores').findOne(key), null, 'score cache dropped')
    assert.equal(await db.collection('resumejobcomparisons').countDocuments(key), 0, 'comparisons dropped')

    const rescored = await ok(get(`/resumes/${r}/score`))
    assert.ok(rescored.breakdown.skills >= score.breakdown.skills)
    assert.notDeepEqual(rescored, score, 'the next score sees the new skill')

    assert.deepEqual((await call('POST', `/webhooks/resume-updated/${NO_SUCH_ID}`)).status, 404)
  })

  test('server.mjs starts on PORT, configured from the environment, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['examples/express/server.mjs'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', MONGODB_DB: db.databaseName },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = once(child, 'exit')
    try {
      const [line] = await once(createInterface({ input: child.stdout }), 'line')
      const url = line.match(/http:\/\/\S+/)[0]
      const r = id(resumes.nurse)
      const res = await fetch(`${url}/resumes/${r}/score`)
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), await addon.scoreResume(r))
    } finally {
      child.kill('SIGTERM')
    }
    const [code, signal] = await exited
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, 'exits on its own once the server closed')
  })
})

// ---------------------------------------------------------------------------------------------
describe('examples/bullmq against a real redis-server', () => {
  const prefix = `resume-ai-test-${run}` // our own keys, removed at the end
  let queue
  let events
  let worker
  const outcome = new Map() // jobId → 'completed' | failedReason, from QueueEvents
  const stalled = []
  const failed = []
  const workerErrors = []
  const progress = new Map() // jobId → progress values seen, in order

  before(async () => {
    queue = createScoreQueue(redis.connection, { prefix })
    events = createScoreQueueEvents(redis.connection, { prefix })
    worker = createScoreWorker(redis.connection, { prefix, concurrency: 4 })
    events.on('completed', ({ jobId }) => outcome.set(jobId, 'completed'))
    events.on('failed', ({ jobId, failedReason }) => outcome.set(jobId, failedReason))
    events.on('progress', ({ jobId, data }) => progress.set(jobId, [...(progress.get(jobId) ?? []), data]))
    events.on('stalled', ({ jobId }) => stalled.push(jobId))
    worker.on('stalled', (jobId) => stalled.push(jobId))
    worker.on('failed', (job, err) => failed.push([job?.id, err.message]))
    worker.on('error', (err) => workerErrors.push(err))
    // QueueEvents only sees what happens after it is ready.
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()])
  })

  after(async () => {
    await worker?.close()
    await events?.close()
    await queue?.obliterate({ force: true })
    await queue?.close()
  })

  /** Resolves with each job's outcome once QueueEvents has reported all of them. (One listener
   *  for N jobs: `job.waitUntilFinished` adds listeners per job, fine for one, noisy for many.) */
  function allFinished(jobIds, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!jobIds.every((j) => outcome.has(j))) return
        stop()
        resolve(jobIds.map((j) => outcome.get(j)))
      }
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`jobs not finished after ${timeoutMs} ms: ${jobIds.filter((j) => !outcome.has(j))}`))
      }, timeoutMs)
      const stop = () => {
        clearTimeout(timer)
        events.off('completed', check)
        events.off('failed', check)
      }
      events.on('completed', check)
      events.on('failed', check)
      check()
    })
  }

  async function scoreJobs(resumeIds) {
    const added = await queue.addBulk(resumeIds.map((resumeId) => ({ name: 'score', data: { resumeId } })))
    const ids = added.map((job) => job.id)
    assert.deepEqual(await allFinished(ids), ids.map(() => 'completed'))
    return Promise.all(ids.map((j) => queue.getJob(j)))
  }

  const resumeIds = [resumes.pythonDev, resumes.nurse, resumes.empty, ...extraResumes].map(id)

  test('12 score jobs over 6 resumes all complete with the direct results, progress 100, none stalled or failed', async () => {
    const wanted = Array.from({ length: 12 }, (_, i) => resumeIds[i % resumeIds.length])
    const { lag, result: done } = await measureLag('12 BullMQ score jobs (concurrency 4)', () => scoreJobs(wanted))

    for (const job of done) {
      assert.deepEqual(job.returnvalue, await addon.scoreResume(job.data.resumeId), `job ${job.id}`)
      assert.equal(job.progress, 100)
      assert.equal(job.attemptsMade, 1)
      assert.deepEqual(progress.get(job.id), [10, 100], `progress events of job ${job.id}`)
    }
    const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized', 'paused')
    assert.deepEqual(counts, { completed: 12, failed: 0, active: 0, waiting: 0, delayed: 0, prioritized: 0, paused: 0 })
    assert.deepEqual(stalled, [])
    assert.deepEqual(failed, [])
    assert.deepEqual(workerErrors, [])
    assertLoopTurned(lag, 1) // scoring is DB reads only: this run is short
  })

  test('a job for an unknown resume fails at once with its code (no retries)', async () => {
    const job = await queue.add('score', { resumeId: NO_SUCH_ID })
    const [reason] = await allFinished([job.id], 30_000)
    assert.match(reason, /^RESUME_NOT_FOUND: Resume not found/)
    const stored = await queue.getJob(job.id)
    assert.equal(stored.attemptsMade, 1, 'UnrecoverableError: the 3 attempts are not spent')
    assert.equal(stored.failedReason, reason)
    assert.equal(await queue.getJobCountByTypes('failed'), 1)
    assert.deepEqual(stalled, [])
    failed.length = 0
  })

  test('the event loop stays responsive while the model embeds a large workload and the worker scores', async () => {
    // 160 distinct texts in 8 concurrent batches, plus a batchCompare over 12 new postings (their
    // ~50 distinct texts embedded on the way): ~20 s of model work on 2 cores. Meanwhile the
    // worker rescores every resume (caches dropped first): 24 jobs that need no model at all.
    const texts = Array.from({ length: 160 }, (_, i) =>
      `Candidate ${i} (${run}): ${['backend', 'frontend', 'data', 'platform'][i % 4]} engineer, ${i % 12} years with ${['Rust', 'Go', 'TypeScript', 'Python', 'Java'][i % 5]}`)
    const postings = Array.from({ length: 12 }, (_, i) => ({
      _id: new ObjectId(),
      title: `Engineer ${i} (${run})`,
      company: `Company ${i}`,
      location: i % 2 ? 'Remote' : 'Berlin',
      experienceLevel: 'Senior',
      status: 'active',
      skills: [{ name: `Skill A${i} ${run}` }, { name: `Skill B${i} ${run}` }, { name: 'Python' }],
      requirements: [`${i + 1}+ years building distributed systems (${run})`],
      description: 'Generated.',
    }))
    await db.collection('jobpostings').insertMany(postings)
    for (const r of resumeIds) await addon.invalidateResume(r)

    const stats = addon.engineStats()
    let jobsDoneMs
    const { lag, result } = await measureLag('embed(160 texts) + batchCompare(12 new postings) + 24 BullMQ score jobs', async () => {
      const start = performance.now()
      const batches = Array.from({ length: 8 }, (_, b) => addon.embed(texts.slice(b * 20, b * 20 + 20)))
      const [vectors, comparisons, done] = await Promise.all([
        Promise.all(batches).then((b) => b.flat()),
        addon.batchCompare(id(resumes.pythonDev), postings.map(id), 50),
        scoreJobs([...resumeIds, ...resumeIds, ...resumeIds, ...resumeIds]).finally(() => (jobsDoneMs = performance.now() - start)),
      ])
      return { vectors, comparisons, done, modelMs: performance.now() - start }
    })
    console.log(`24 score jobs finished after ${(jobsDoneMs / 1000).toFixed(2)} s of the ${(result.modelMs / 1000).toFixed(1)} s model workload`)

    assert.equal(result.vectors.length, 160)
    assert.ok(result.vectors.every((v) => v.length === 768))
    assert.equal(result.comparisons.length, 12)
    const spent = addon.engineStats().textsEmbedded - stats.textsEmbedded
    assert.ok(spent >= 160 + 12 * 3, `the model really ran (${spent} texts)`)
    for (const job of result.done) assert.deepEqual(job.returnvalue, await addon.scoreResume(job.data.resumeId))
    // Scoring never waits for the compute queue: it needs no model at all (shown alone, with
    // its caches dropped again, so nothing else can touch the engine meanwhile).
    for (const r of resumeIds) await addon.invalidateResume(r)
    const beforeScoring = addon.engineStats()
    await scoreJobs(resumeIds)
    assert.deepEqual(addon.engineStats(), beforeScoring, 'score jobs ran no model call')
    assert.deepEqual(stalled, [])
    assert.deepEqual(failed, [])
    assertLoopTurned(lag, 10)
  })
})
