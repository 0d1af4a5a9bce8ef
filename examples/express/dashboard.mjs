// The dashboard: one page (public/) drawn from resume-ai's own calls — the board's job
// families on a map, skill demand, and for a chosen resume its score card, skill gap and
// recommendations with their factors. The page draws SVG and HTML itself: no chart library,
// nothing fetched from outside this server, so it works offline.
import express from 'express'
import { fileURLToPath } from 'node:url'

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url))
/** Recommendations shown for a resume, unless `?limit=` says otherwise. */
export const DEFAULT_RECOMMENDATIONS = 5
/** The user the recommendations are for when the page names none (it skips their applications). */
export const DEFAULT_USER = 'dashboard'

/**
 * @param {typeof import('../../index.js')} ai the resume-ai module (after `ai.configure(...)`)
 * @param {{ listResumes?: () => Promise<{ id: string, name: string }[]> }} [options]
 *   `listResumes` fills the page's resume picker (resume-ai reads resumes, it does not list
 *   them: your backend does); without it the page takes a resume id.
 * @returns an Express router, to mount with `app.use('/dashboard', createDashboard(ai))`
 */
export function createDashboard(ai, { listResumes } = {}) {
  const router = express.Router()
  // The page's links are relative (api/board), so it must be at /dashboard/, not /dashboard.
  router.get('/', (req, res, next) => {
    const url = new URL(req.originalUrl, 'http://localhost')
    if (url.pathname.endsWith('/')) return next()
    res.redirect(301, `${url.pathname}/${url.search}`)
  })
  router.use(express.static(PUBLIC))

  // Families first: marketInsights clusters the same postings with the same defaults, so it
  // then reads the cached families instead of computing them a second time.
  router.get('/api/board', async (req, res) => {
    const families = await ai.clusterJobs()
    const insights = await ai.marketInsights()
    res.json({ families, skillDemand: insights.skillDemand, postings: insights.postings })
  })

  router.get('/api/resumes', async (req, res) => {
    res.json(listResumes ? await listResumes() : [])
  })

  router.get('/api/resumes/:id', async (req, res) => {
    const { id } = req.params
    const userId = typeof req.query.userId === 'string' && req.query.userId ? req.query.userId : DEFAULT_USER
    // Passed on as a number: resume-ai rejects anything but a whole number from 1 to 10,000
    // with INVALID_ARGUMENT, which the app's error handler answers with a 400.
    const limit = req.query.limit === undefined ? DEFAULT_RECOMMENDATIONS : Number(req.query.limit)
    const score = await ai.scoreResume(id)
    const recommendations = await ai.getRecommendations(userId, id, limit)
    const skillGap = await ai.skillGap(id)
    res.json({ score, recommendations, skillGap })
  })

  return router
}
