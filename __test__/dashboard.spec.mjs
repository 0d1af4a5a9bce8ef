// The Express example's dashboard in a real headless browser: Debian's Chromium (which
// `npm test` installs) driven by puppeteer-core, against the demo's board. What the page draws
// is checked against what the library's calls return, and a screenshot is saved for a person.
//
// Env: RESUME_AI_CHROMIUM (default /usr/bin/chromium), RESUME_AI_SCREENSHOT (default
// .run/dashboard.png).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer from 'puppeteer-core'
import { addon, freshDatabase } from './helpers.mjs'
import { createApp } from '../examples/express/app.mjs'
import { DEFAULT_RECOMMENDATIONS, DEFAULT_USER } from '../examples/express/dashboard.mjs'
import { makeResumes, makeJobPostings, DEMO_RESUME_EMAIL } from '../demo/seed-data.mjs'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const CHROMIUM = process.env.RESUME_AI_CHROMIUM ?? '/usr/bin/chromium'
const SCREENSHOT = process.env.RESUME_AI_SCREENSHOT ?? join(REPO, '.run', 'dashboard.png')
// Headless as root on a machine with no network beyond the package registries: no sandbox
// (root), no GPU, and none of the background connections Chromium makes on its own (refused
// there, and nothing the page needs).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-size=1400,1000',
]

let database
let server
let base
let browser
let profile
let demoResumeId

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: \`npm test\` installs Debian's chromium (apt-get install -y chromium), or set RESUME_AI_CHROMIUM`)
  database = await freshDatabase('resume_ai_dashboard')
  const { db } = database
  await db.collection('resumes').insertMany(makeResumes())
  await db.collection('jobpostings').insertMany(makeJobPostings())
  demoResumeId = (await db.collection('resumes').findOne({ email: DEMO_RESUME_EMAIL }))._id.toHexString()
  const listResumes = async () =>
    (await db.collection('resumes').find({}, { projection: { firstName: 1, lastName: 1 } }).sort({ _id: 1 }).toArray()).map((r) => ({
      id: r._id.toHexString(),
      name: `${r.firstName} ${r.lastName}`,
    }))
  server = createApp(addon, { listResumes }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
  profile = mkdtempSync(join(tmpdir(), 'resume-ai-chromium-'))
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, userDataDir: profile })
})

after(async () => {
  await browser?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
  if (server) await new Promise((resolve) => server.close(resolve))
  await database?.close()
})

/** Opens the dashboard for `resumeId` and waits until both parts say they are drawn (or failed). */
async function openDashboard(resumeId) {
  const page = await browser.newPage()
  await page.setViewport({ width: 1400, height: 1000 })
  const requests = []
  const errors = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  // Without a trailing slash: the route redirects, so that the page's relative links resolve.
  await page.goto(`${base}/dashboard?resume=${resumeId}`)
  // The first load embeds the board and the resume: minutes on a busy 2-core machine.
  await page.waitForFunction(() => document.body.dataset.board && document.body.dataset.resume, { timeout: 600_000, polling: 200 })
  return { page, requests, errors }
}

test('the dashboard draws the families, skill demand and a resume as the API returns them', async () => {
  const { page, requests, errors } = await openDashboard(demoResumeId)
  try {
    // Taken first, so that a failure below still leaves a picture to look at.
    mkdirSync(dirname(SCREENSHOT), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    console.log(`dashboard screenshot: ${SCREENSHOT}`)
    assert.deepEqual(await page.evaluate(() => [document.body.dataset.board, document.body.dataset.resume]), ['ready', 'ready'], await page.evaluate(() => document.body.innerText))
    assert.deepEqual(errors, [], 'no script errors')
    assert.ok(new URL(page.url()).pathname === '/dashboard/', `redirected to the slash form: ${page.url()}`)
    const foreign = requests.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'))
    assert.deepEqual(foreign, [], 'everything the page loads comes from the example server')

    // The calls the page's routes make, now cached, so equal to what the page was given.
    const families = await addon.clusterJobs()
    const insights = await addon.marketInsights()
    const score = await addon.scoreResume(demoResumeId)
    const recommendations = await addon.getRecommendations(DEFAULT_USER, demoResumeId, DEFAULT_RECOMMENDATIONS)
    const gap = await addon.skillGap(demoResumeId)
    assert.ok(families.k >= 2, `the demo board has several families (${families.k})`)

    // Families: one label and one legend entry each, one dot per posting in its family's colour.
    const drawn = await page.evaluate(() => ({
      labels: [...document.querySelectorAll('#family-map .family-label')].map((t) => ({ family: Number(t.dataset.family), text: t.textContent, fill: t.getAttribute('fill') })),
      legend: [...document.querySelectorAll('#family-legend li')].map((li) => ({ family: Number(li.dataset.family), swatch: getComputedStyle(li.querySelector('.swatch')).backgroundColor })),
      dots: [...document.querySelectorAll('#family-map circle')].map((c) => ({ family: Number(c.dataset.family), job: c.dataset.jobId, fill: c.getAttribute('fill'), cx: Number(c.getAttribute('cx')), cy: Number(c.getAttribute('cy')) })),
      box: (({ width, height }) => ({ width, height }))(document.querySelector('#family-map').viewBox.baseVal),
    }))
    assert.equal(drawn.labels.length, families.k)
    assert.deepEqual(drawn.labels.map((l) => l.text), families.clusters.map((c) => c.label))
    assert.equal(drawn.legend.length, families.k)
    assert.equal(drawn.dots.length, families.postings)
    for (const cluster of families.clusters) {
      const dots = drawn.dots.filter((d) => d.family === cluster.id)
      assert.deepEqual(dots.map((d) => d.job).sort(), [...cluster.jobIds].sort(), `family ${cluster.id}'s postings`)
      const label = drawn.labels.find((l) => l.family === cluster.id)
      assert.ok(dots.every((d) => d.fill === label.fill), `family ${cluster.id}: its dots share its label's colour`)
    }
    assert.equal(new Set(drawn.labels.map((l) => l.fill)).size, families.k, 'one colour per family')
    assert.ok(drawn.dots.every((d) => d.cx >= 0 && d.cx <= drawn.box.width && d.cy >= 0 && d.cy <= drawn.box.height), 'every dot inside the map')
    // Placed by `positions`: the posting drawn furthest right has the largest x, the one drawn
    // highest the largest y (the map's y axis points up).
    const place = new Map(families.clusters.flatMap((c) => c.positions.map((p, i) => [c.jobIds[i], p])))
    const largest = (axis) => Math.max(...[...place.values()].map((p) => p[axis]))
    assert.equal(place.get(drawn.dots.reduce((a, b) => (b.cx > a.cx ? b : a)).job).x, largest('x'))
    assert.equal(place.get(drawn.dots.reduce((a, b) => (b.cy < a.cy ? b : a)).job).y, largest('y'))

    // Skill demand: the most asked skills in the API's order, each bar as wide as its share.
    const demand = await page.$$eval('#skill-demand .bar-row', (rows) =>
      rows.map((r) => ({ skill: r.dataset.skill, ratio: r.querySelector('.fill').getBoundingClientRect().width / r.querySelector('.bar').getBoundingClientRect().width })),
    )
    assert.ok(demand.length > 0)
    assert.deepEqual(demand.map((d) => d.skill), insights.skillDemand.slice(0, demand.length).map((s) => s.name))
    assert.ok(Math.abs(demand[0].ratio - insights.skillDemand[0].share) < 0.01, `${demand[0].ratio} vs ${insights.skillDemand[0].share}`)

    // Recommendations: as many as the API gives, in its order, and every factor bar as wide as its score.
    const recs = await page.$$eval('#recommendations .recommendation', (items) =>
      items.map((li) => ({
        job: li.dataset.jobId,
        match: Number(li.querySelector('.match').dataset.match),
        factors: Object.fromEntries(
          [...li.querySelectorAll('[data-factor]')].map((row) => {
            const bar = row.querySelector('.bar')
            const ratio = row.querySelector('.fill').getBoundingClientRect().width / bar.getBoundingClientRect().width
            return [row.dataset.factor, { value: bar.dataset.value, ratio }]
          }),
        ),
      })),
    )
    assert.equal(recs.length, recommendations.length)
    assert.ok(recs.length > 0)
    assert.deepEqual(recs.map((r) => [r.job, r.match]), recommendations.map((r) => [r.job_id, r.match_percentage]))
    let scored = 0
    for (const [i, rec] of recommendations.entries()) {
      for (const [name, factor] of Object.entries(rec.factors).filter(([, f]) => f && typeof f === 'object' && 'verdict' in f)) {
        const bar = recs[i].factors[name]
        assert.ok(bar, `recommendation ${i} draws factor ${name}`)
        assert.equal(bar.value, String(factor.score), `recommendation ${i}, factor ${name}`)
        if (factor.score !== null) {
          assert.ok(Math.abs(bar.ratio - factor.score / 100) < 0.01, `recommendation ${i}, ${name}: bar ${bar.ratio} for score ${factor.score}`)
          scored++
        } else {
          assert.equal(bar.ratio, 0, `recommendation ${i}, ${name}: unknown draws no fill`)
        }
      }
    }
    assert.ok(scored > 0, 'some factor bars have a value')

    // Score card and skill gap.
    const card = await page.evaluate(() => ({
      overall: Number(document.querySelector('#score-card .overall').dataset.overall),
      grade: document.querySelector('#score-card .grade').textContent,
      parts: [...document.querySelectorAll('#score-card [data-part]')].map((r) => [r.dataset.part, Number(r.querySelector('.bar').dataset.value)]),
      coverage: Number(document.querySelector('#skill-gap .coverage').dataset.coverage),
      missing: [...document.querySelectorAll('#skill-gap [data-missing]')].map((r) => r.dataset.missing),
    }))
    assert.equal(card.overall, score.overall_score)
    assert.equal(card.grade, score.grade)
    assert.deepEqual(card.parts, Object.entries(score.breakdown))
    assert.equal(card.coverage, gap.coverage)
    assert.deepEqual(card.missing, gap.missing.map((m) => m.name))

  } finally {
    await page.close()
  }
})

test('the dashboard shows an unknown resume as an error and still draws the board', async () => {
  const missing = '0123456789abcdef01234567'
  const { page, errors } = await openDashboard(missing)
  try {
    assert.deepEqual(await page.evaluate(() => [document.body.dataset.board, document.body.dataset.resume]), ['ready', 'error'])
    const status = await page.$eval('#resume-status', (p) => p.textContent)
    const expected = await addon.scoreResume(missing).then(
      () => assert.fail('the resume should not exist'),
      (e) => e.message,
    )
    assert.ok(status.includes(expected), `${status} shows the library's message: ${expected}`)
    assert.equal(await page.$eval('#resume-details', (d) => d.hidden), true)
    assert.ok(errors.every((e) => /404/.test(e)), `only the failed request is logged: ${errors}`)
  } finally {
    await page.close()
  }
})
