// Logs and metrics: a call's log line at `info` (a child process with RESUME_AI_LOG=info, its
// stderr parsed), what `metrics()` counts for a known sequence of calls, and the Express
// example's `/metrics` in Prometheus's text format.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { ObjectId } from 'mongodb'
import { addon, freshDatabase, insertFixtures, resumes, jobs, rejection, serveOnLocalhost } from './helpers.mjs'
import { createApp } from '../examples/express/app.mjs'

const ADDON = fileURLToPath(new URL('../index.js', import.meta.url))
const id = (doc) => doc._id.toHexString()
const NO_SUCH_ID = new ObjectId().toHexString()
const activeJobs = Object.values(jobs).filter((j) => j.status === 'active').length

let database
before(async () => {
  database = await freshDatabase('observe')
  await insertFixtures(database.db)
})
after(() => database.close())

// ---------------------------------------------------------------------------------------------
// Logs

/** Runs a fixed sequence of calls in a child process with `env` and `log` (configure's
 * option, when given); returns its stderr's JSON lines and the job embeddings it computed. */
async function logsOf(env, log) {
  const script = `
    const ai = require(process.env.ADDON)
    const [r, j, missing] = JSON.parse(process.env.IDS)
    ;(async () => {
      ai.configure(JSON.parse(process.env.CONFIG))
      await ai.scoreResume(r)
      await ai.scoreResume(r)
      await ai.scoreResume(missing).catch(() => {})
      const embeddings = await ai.generateJobEmbeddings(j)
      process.stdout.write(JSON.stringify(embeddings))
    })().catch((e) => { console.error(e); process.exit(2) })`
  // A database of its own (empty caches), and one skill a posting, so that the posting is cut.
  const own = await freshDatabase('observe_log', { configure: false })
  await insertFixtures(own.db)
  const config = { ...own.options, limits: { skills: 1 }, ...(log ? { log } : {}) }
  const baseEnv = { ...process.env }
  delete baseEnv.RESUME_AI_LOG
  delete baseEnv.RESUME_AI_LOG_IDS
  const child = spawn(process.execPath, ['-e', script], {
    env: {
      ...baseEnv,
      ...env,
      ADDON,
      CONFIG: JSON.stringify(config),
      IDS: JSON.stringify([id(resumes.pythonDev), id(jobs.pythonBackend), NO_SUCH_ID]),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const [code] = await once(child, 'exit')
  await own.close()
  assert.equal(code, 0, stderr)
  const lines = stderr.split('\n').filter(Boolean)
  return { stderr, lines: lines.map((l) => JSON.parse(l)), embeddings: JSON.parse(stdout) }
}

describe('logs', () => {
  test('RESUME_AI_LOG=info: one JSON line per call with its duration, cache hits and misses, model batches and truncations; no ids', async () => {
    const { stderr, lines, embeddings } = await logsOf({ RESUME_AI_LOG: 'info' })
    for (const line of lines) {
      assert.equal(line.level, 'INFO', 'nothing below info')
      assert.equal(line.message, 'call')
      assert.ok(!Number.isNaN(Date.parse(line.timestamp)), line.timestamp)
      assert.ok(typeof line.durationMs === 'number' && line.durationMs >= 0, JSON.stringify(line))
      for (const field of ['cacheHits', 'cacheMisses', 'modelBatches', 'textsEmbedded', 'truncations']) {
        assert.ok(Number.isInteger(line[field]), `${field} in ${JSON.stringify(line)}`)
      }
    }
    const scores = lines.filter((l) => l.function === 'scoreResume')
    assert.equal(scores.length, 3)
    const summary = (l) => [l.outcome, l.code, l.cacheHits, l.cacheMisses, l.modelBatches, l.truncations]
    assert.deepEqual(scores.map(summary), [
      ['ok', undefined, 0, 1, 0, 0], // computed (a score embeds nothing)
      ['ok', undefined, 1, 0, 0, 0], // from the cache
      ['error', 'RESUME_NOT_FOUND', 0, 1, 0, 0],
    ])
    const [job] = lines.filter((l) => l.function === 'generateJobEmbeddings')
    assert.equal(job.outcome, 'ok')
    assert.equal(job.modelBatches, 1, 'the posting\'s new texts in one model request')
    assert.ok(job.textsEmbedded > 0)
    // One miss of the posting's embeddings, then each new text missed in memory and in
    // `textembeddings` before the model embedded it.
    assert.equal(job.cacheMisses, 1 + 2 * job.textsEmbedded)
    assert.equal(job.cacheHits, 0)
    assert.equal(job.truncations, Object.keys(embeddings.truncated).length)
    assert.ok(job.truncations >= 1, 'the skills were cut to one')
    assert.equal(lines.length, 4, 'one line per call')
    for (const doc of [resumes.pythonDev, jobs.pythonBackend]) assert.ok(!stderr.includes(id(doc)), 'no ids at info')
    assert.ok(!stderr.includes(NO_SUCH_ID))
    for (const line of lines) for (const field of ['resumeId', 'jobId', 'userId']) assert.equal(line[field], undefined)
  })

  test('off by default; configure({ log: { level: "debug", ids: true } }) adds the ids and a line per model call', async () => {
    assert.deepEqual((await logsOf({})).lines, [], 'nothing without RESUME_AI_LOG or configure')

    const { lines } = await logsOf({}, { level: 'debug', ids: true })
    const calls = lines.filter((l) => l.message === 'call')
    assert.deepEqual(
      calls.map((l) => [l.function, l.resumeId, l.jobId]),
      [
        ['scoreResume', id(resumes.pythonDev), undefined],
        ['scoreResume', id(resumes.pythonDev), undefined],
        ['scoreResume', NO_SUCH_ID, undefined],
        ['generateJobEmbeddings', undefined, id(jobs.pythonBackend)],
      ],
    )
    const modelCalls = lines.filter((l) => l.message === 'model call')
    assert.ok(modelCalls.length >= 1 && modelCalls.every((l) => l.level === 'DEBUG'))
    assert.equal(
      modelCalls.reduce((sum, l) => sum + l.texts, 0),
      calls[3].textsEmbedded,
      'the model calls embedded the texts the call sent (nothing else ran)',
    )
  })

  test('a bad log option throws INVALID_ARGUMENT and names it', () => {
    const throws = (options, pattern) => {
      try {
        addon.connect(options)
      } catch (e) {
        assert.equal(e.code, 'INVALID_ARGUMENT')
        assert.match(e.message, pattern)
        return
      }
      assert.fail(`no error for ${JSON.stringify(options)}`)
    }
    throws({ log: { level: 'verbose' } }, /log\.level must be 'off', 'info' or 'debug'/)
    throws({ log: { levle: 'info' } }, /did you mean `log\.level`/)
  })
})

// ---------------------------------------------------------------------------------------------
// Metrics

/** `after - before` for every number of `metrics()`'s counters that a test reads. */
function delta(before, after) {
  const calls = (name) => {
    const [a, b] = [after.calls[name], before.calls[name]]
    const errors = { ...a?.errors }
    for (const [code, n] of Object.entries(b?.errors ?? {})) errors[code] -= n
    for (const code of Object.keys(errors)) if (errors[code] === 0) delete errors[code]
    return {
      calls: (a?.calls ?? 0) - (b?.calls ?? 0),
      errors,
      latencies: (a?.latencySeconds.count ?? 0) - (b?.latencySeconds.count ?? 0),
    }
  }
  const caches = Object.fromEntries(
    Object.entries(after.caches).map(([name, c]) => [
      name,
      { hits: c.hits - before.caches[name].hits, misses: c.misses - before.caches[name].misses },
    ]),
  )
  return { calls, caches, texts: after.model.textsEmbedded - before.model.textsEmbedded }
}

describe('metrics()', () => {
  test('counts a known sequence of calls exactly: calls, errors by code, cache hits and misses', async () => {
    const r = id(resumes.pythonDev)
    const j = id(jobs.pythonBackend)
    const before = await addon.metrics()

    await addon.scoreResume(r) // resumeScores: miss
    await addon.scoreResume(r) // hit
    assert.equal((await rejection(addon.scoreResume(NO_SUCH_ID))).code, 'RESUME_NOT_FOUND') // miss
    assert.equal((await rejection(addon.scoreResume('not-an-id'))).code, 'INVALID_ID') // no lookup
    assert.equal((await rejection(addon.generateJobEmbeddings(NO_SUCH_ID))).code, 'JOB_NOT_FOUND') // jobEmbeddings: miss
    await addon.generateJobEmbeddings(j) // miss; its new texts miss in memory and textembeddings
    const computed = await addon.metrics()
    await addon.generateJobEmbeddings(j) // hit
    await addon.generateJobEmbeddings(j, { force: true }) // no lookup; its texts hit in memory
    const after = await addon.metrics()

    const d = delta(before, after)
    assert.deepEqual(d.calls('scoreResume'), { calls: 4, errors: { RESUME_NOT_FOUND: 1, INVALID_ID: 1 }, latencies: 4 })
    assert.deepEqual(d.calls('generateJobEmbeddings'), { calls: 4, errors: { JOB_NOT_FOUND: 1 }, latencies: 4 })
    const texts = delta(before, computed).texts
    assert.ok(texts > 0)
    assert.equal(d.texts, texts, 'the forced recomputation embedded nothing: its texts were in memory')
    assert.deepEqual(d.caches, {
      resumeScores: { hits: 1, misses: 2 },
      resumeEmbeddings: { hits: 0, misses: 0 },
      jobEmbeddings: { hits: 1, misses: 2 },
      comparisons: { hits: 0, misses: 0 },
      textEmbeddings: { hits: 0, misses: texts },
      jobClusters: { hits: 0, misses: 0 },
      textMemory: { hits: texts, misses: texts },
    })
    assert.equal(after.calls.metrics, undefined, 'reading the metrics is not a call')
  })

  test('the model queue, the catalogue and the histograms', async () => {
    const m = await addon.metrics()
    assert.equal(m.model.queueDepth, 0, 'nothing waits once every call settled')
    assert.ok(m.model.modelCalls > 0)
    assert.equal(m.model.batchTexts.count, m.model.modelCalls, 'one batch size per model call')
    assert.equal(m.model.batchTexts.sum, m.model.textsEmbedded)
    assert.ok(m.model.queueWaitSeconds.count >= m.model.modelCalls, 'every request waited (a few share a call)')
    assert.ok(m.model.busySeconds > 0)
    assert.equal(m.model.textsPerSecond, m.model.textsEmbedded / m.model.busySeconds)
    for (const h of [m.model.queueWaitSeconds, m.model.batchTexts, ...Object.values(m.calls).map((c) => c.latencySeconds)]) {
      assert.equal(h.counts.length, h.bounds.length)
      assert.ok(h.bounds.every((b, i) => i === 0 || b > h.bounds[i - 1]), 'ascending bounds')
      assert.ok(h.counts.every((c, i) => (i === 0 || c >= h.counts[i - 1]) && c <= h.count), 'cumulative counts')
    }
    const c = m.catalogue
    assert.ok(c, 'the default client has connected')
    assert.equal(c.postings + c.unembedded, activeJobs)
    assert.ok(c.refreshes >= 1 && c.ageSeconds >= 0 && c.bytes > 0)

    const client = addon.connect(database.options)
    assert.equal((await client.metrics()).catalogue, null, 'a client that has not connected has no catalogue')
    await client.scoreResume(id(resumes.pythonDev), { force: true }) // connects; the score fills its catalogue
    const [own, stats] = [(await client.metrics()).catalogue, await client.catalogueStats()]
    assert.deepEqual(
      [own.postings, own.unembedded, own.bytes, own.refreshes],
      [stats.postings, stats.unembedded, stats.bytes, stats.refreshes],
    )
    assert.equal(own.postings + own.unembedded, activeJobs)
  })
})

// ---------------------------------------------------------------------------------------------
// Prometheus

/** Prometheus's text format (0.0.4), read strictly: `# HELP` and `# TYPE` per family, then
 * samples `name{label="value",…} number`. Returns the families with their samples. */
function parsePrometheus(text) {
  const families = new Map()
  let current = null
  for (const line of text.split('\n')) {
    if (line === '') continue
    let m
    if ((m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line))) {
      current = { name: m[1], help: m[2], type: null, samples: [] }
      families.set(m[1], current)
    } else if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      assert.equal(m[1], current?.name, `TYPE after its HELP: ${line}`)
      current.type = m[2]
    } else if ((m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line))) {
      assert.ok(current && m[1].startsWith(current.name), `sample of the family above: ${line}`)
      const labels = {}
      for (const pair of (m[2] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
        const eq = pair.indexOf('=')
        labels[pair.slice(0, eq)] = JSON.parse(pair.slice(eq + 1))
      }
      const value = m[3] === '+Inf' ? Infinity : Number(m[3])
      assert.ok(!Number.isNaN(value), line)
      current.samples.push({ name: m[1], labels, value })
    } else {
      assert.fail(`not Prometheus text: ${line}`)
    }
  }
  return families
}

describe('examples/express /metrics', () => {
  let served
  let base
  before(async () => {
    served = await serveOnLocalhost(createApp(addon))
    base = served.base
  })
  after(() => served.close())

  test('is scraped in Prometheus text format and says what metrics() says', async () => {
    const r = id(resumes.pythonDev)
    assert.equal((await fetch(`${base}/resumes/${r}/score`)).status, 200)
    assert.equal((await fetch(`${base}/resumes/${NO_SUCH_ID}/score`)).status, 404)
    const res = await fetch(`${base}/metrics`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/)
    const families = parsePrometheus(await res.text())
    const m = await addon.metrics() // no call settled since the scrape
    const sample = (family, labels, name = family) =>
      families.get(family).samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

    for (const family of families.values()) assert.ok(family.type, `${family.name} has a TYPE`)
    assert.equal(families.get('resume_ai_calls_total').type, 'counter')
    assert.equal(sample('resume_ai_calls_total', { function: 'scoreResume' }), m.calls.scoreResume.calls)
    assert.equal(
      sample('resume_ai_call_errors_total', { function: 'scoreResume', code: 'RESUME_NOT_FOUND' }),
      m.calls.scoreResume.errors.RESUME_NOT_FOUND,
    )
    assert.ok(m.calls.scoreResume.errors.RESUME_NOT_FOUND >= 1)
    assert.equal(sample('resume_ai_cache_lookups_total', { cache: 'resumeScores', result: 'hit' }), m.caches.resumeScores.hits)
    assert.equal(sample('resume_ai_cache_lookups_total', { cache: 'textMemory', result: 'miss' }), m.caches.textMemory.misses)

    const latency = families.get('resume_ai_call_duration_seconds')
    assert.equal(latency.type, 'histogram')
    const fn = { function: 'scoreResume' }
    const buckets = latency.samples.filter((s) => s.name.endsWith('_bucket') && s.labels.function === 'scoreResume')
    assert.equal(buckets.length, m.calls.scoreResume.latencySeconds.bounds.length + 1, 'one bucket per bound and +Inf')
    assert.equal(buckets.at(-1).labels.le, '+Inf')
    assert.ok(buckets.every((b, i) => i === 0 || b.value >= buckets[i - 1].value), 'cumulative')
    assert.equal(buckets.at(-1).value, sample('resume_ai_call_duration_seconds', fn, 'resume_ai_call_duration_seconds_count'))
    assert.equal(sample('resume_ai_call_duration_seconds', fn, 'resume_ai_call_duration_seconds_count'), m.calls.scoreResume.calls)

    assert.equal(families.get('resume_ai_model_queue_depth').type, 'gauge')
    assert.equal(sample('resume_ai_model_calls_total', {}), m.model.modelCalls)
    assert.equal(sample('resume_ai_model_batch_texts', {}, 'resume_ai_model_batch_texts_count'), m.model.modelCalls)
    assert.equal(sample('resume_ai_catalogue_postings', {}), m.catalogue.postings)
    assert.equal(sample('resume_ai_catalogue_refreshes_total', {}), m.catalogue.refreshes)
  })
})
