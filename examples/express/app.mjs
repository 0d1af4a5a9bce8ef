// resume-ai behind Express: the seed's controllers, with `await ai.scoreResume(id)` in place of
// `runPython('score_resume', [id])`. Every call runs off the event loop, so the handlers are
// plain async functions (Express 5 forwards their rejections to the error handler below).
import express from 'express'
import { createDashboard } from './dashboard.mjs'
import { registerResumeAiMetrics } from './metrics.mjs'

/** HTTP status for each resume-ai error `code`; anything else is a 500. */
const STATUS = {
  RESUME_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  INVALID_ID: 400,
  INVALID_ARGUMENT: 400,
  DB_UNAVAILABLE: 503, // the database is unreachable or timed out: retry later
  DB_ERROR: 500, // the database refused the operation: retrying fails the same way
  ABORTED: 503, // cancelled on our side (e.g. shutting down): retryable, like 503
}

function badRequest(message) {
  return Object.assign(new Error(message), { code: 'INVALID_ARGUMENT' })
}

/** `?limit=` as the addon takes it: absent → the default (20), else a non-negative integer. */
function limitOf(value) {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw badRequest(`limit must be a non-negative integer, got ${JSON.stringify(value)}`)
  return n
}

/** An optional whole-number query parameter, passed on for the addon to validate. */
function numberOf(name, value) {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value === '' || !Number.isFinite(n)) throw badRequest(`${name} must be a number, got ${JSON.stringify(value)}`)
  return n
}

/** `?force=true` recomputes and overwrites the cached result. */
const options = (req) => ({ force: req.query.force === 'true' })

/**
 * @param {typeof import('../../index.js')} ai the resume-ai module (after `ai.configure(...)`)
 * @param {{ listResumes?: () => Promise<{ id: string, name: string }[]> }} [dashboard] see dashboard.mjs
 */
export function createApp(ai, dashboard = {}) {
  const app = express()
  app.use(express.json())

  // Prometheus scrapes resume-ai's counters and histograms here (add your own to the registry).
  const registry = registerResumeAiMetrics(ai)
  app.get('/metrics', async (req, res) => {
    res.set('Content-Type', registry.contentType)
    res.send(await registry.metrics())
  })

  app.get('/resumes/:id/score', async (req, res) => {
    res.json(await ai.scoreResume(req.params.id, options(req)))
  })

  app.get('/resumes/:id/embeddings', async (req, res) => {
    res.json(await ai.generateResumeEmbeddings(req.params.id, options(req)))
  })

  app.get('/jobs/:id/embeddings', async (req, res) => {
    res.json(await ai.generateJobEmbeddings(req.params.id, options(req)))
  })

  app.get('/resumes/:resumeId/compare/:jobId', async (req, res) => {
    res.json(await ai.compareResumeJob(req.params.resumeId, req.params.jobId, options(req)))
  })

  app.post('/resumes/:id/batch-compare', async (req, res) => {
    const { jobIds, limit } = req.body ?? {}
    if (!Array.isArray(jobIds) || !jobIds.every((id) => typeof id === 'string')) {
      throw badRequest('jobIds must be an array of id strings')
    }
    res.json(await ai.batchCompare(req.params.id, jobIds, limitOf(limit), options(req)))
  })

  app.get('/users/:userId/recommendations', async (req, res) => {
    const { resumeId, limit } = req.query
    if (typeof resumeId !== 'string') throw badRequest('resumeId is required')
    res.json(await ai.getRecommendations(req.params.userId, resumeId, limitOf(limit), options(req)))
  })

  // Job families of the board, nearest postings, market counts and skill gaps.
  app.get('/jobs/clusters', async (req, res) => {
    const { k, seed } = req.query
    res.json(await ai.clusterJobs({ k: numberOf('k', k), seed: numberOf('seed', seed), ...options(req) }))
  })

  app.get('/jobs/:id/similar', async (req, res) => {
    res.json(await ai.similarJobs(req.params.id, numberOf('limit', req.query.limit)))
  })

  app.get('/market/insights', async (req, res) => {
    res.json(await ai.marketInsights(options(req)))
  })

  app.get('/resumes/:id/skill-gap', async (req, res) => {
    const { jobId, clusterId } = req.query
    if (jobId !== undefined && clusterId !== undefined) throw badRequest('give jobId or clusterId, not both')
    const target = jobId !== undefined ? { jobId: String(jobId) } : clusterId !== undefined ? { clusterId: numberOf('clusterId', clusterId) } : undefined
    res.json(await ai.skillGap(req.params.id, target))
  })

  // The seed's onResumeUpdate: drop everything cached for the resume, then rebuild its
  // embeddings now so the next match doesn't pay for them.
  app.post('/webhooks/resume-updated/:id', async (req, res) => {
    const { deleted } = await ai.invalidateResume(req.params.id)
    const embeddings = await ai.generateResumeEmbeddings(req.params.id, { force: true })
    res.json({ deleted, embeddings })
  })

  app.use('/dashboard', createDashboard(ai, dashboard))

  // Errors carry a stable `code`; body-parser's (malformed JSON…) carry a 4xx `status`.
  app.use((err, req, res, next) => {
    const status = STATUS[err.code] ?? (err.status >= 400 && err.status < 500 ? err.status : 500)
    const code = err.code ?? (status < 500 ? 'INVALID_ARGUMENT' : 'INTERNAL_ERROR')
    res.status(status).json({ error: err.message, code })
  })

  return app
}
