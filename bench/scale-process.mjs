// One fresh process of `npm run bench:scale` (bench/scale.mjs spawns it): connects to the
// board's database as a newly started worker would, and times its calls. Prints one JSON line.
//
// argv: <dbName> <resume1> <resume2> <resume3>; env MONGODB_URI, SCALE_LIMIT (default 20).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const addon = require('../index.js')

const [dbName, resume1, resume2, resume3] = process.argv.slice(2)
const LIMIT = Number(process.env.SCALE_LIMIT || 20)
const USER = '6a0000ff0000000000000001'
const now = () => process.hrtime.bigint()
async function seconds(fn) {
  const start = now()
  const value = await fn()
  return { value, s: Number(now() - start) / 1e9 }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The model first: a new worker loads it once at start, and no figure here should include it.
await addon.modelInfo()
await addon.embed(['warm up'])
addon.configure({ mongoUri: process.env.MONGODB_URI, dbName })
const rssBefore = process.memoryUsage().rss
const first = await seconds(() => addon.getRecommendations(USER, resume1, LIMIT))
const afterFirst = await addon.catalogueStats()
const fresh = await seconds(() => addon.getRecommendations(USER, resume2, LIMIT))
const repeat = await seconds(() => addon.getRecommendations(USER, resume2, LIMIT))
await addon.invalidateResume(resume2)
const again = await seconds(() => addon.getRecommendations(USER, resume2, LIMIT))
const scores = []
for (let i = 0; i < 5; i++) scores.push((await seconds(() => addon.scoreResume(resume3, { force: true }))).s)
const stats = await addon.catalogueStats()
console.log(JSON.stringify({
  first: first.s,
  fromSnapshot: afterFirst.fromSnapshot,
  fresh: fresh.s,
  repeatMs: repeat.s * 1000,
  again: again.s,
  scoreMs: median(scores) * 1000,
  rssMb: process.memoryUsage().rss / 2 ** 20,
  rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
  stats,
}))
