// `npm run bench:cluster`: clusterJobs, similarJobs and marketInsights on generated boards
// (__test__/support/board.mjs; CLUSTER_SIZES=1000,10000 by default) whose embeddings are cached.
//
// Per size: insert the board and backfill its embeddings (not timed here: see bench:scale),
// then, in a fresh Node process (so nothing is in memory yet), time
//   - clusterJobs() cold: reads the cached embeddings into the catalogue, chooses k, clusters;
//   - clusterJobs({ force: true }) warm: the catalogue is built, so this is the clustering;
//   - clusterJobs({ k: 20, force: true }): a given k;
//   - clusterJobs() again: served from `jobclusters`;
//   - similarJobs(id, 10) and marketInsights();
// and count setInterval(10) ticks during the clustering, which fire only if the event loop
// is free while it runs. Prints JSON lines and a table; no threshold is checked.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'
import { MongoClient } from 'mongodb'
import { generatePostings, insertBoard } from '../__test__/support/board.mjs'

const require = createRequire(import.meta.url)
const MONGODB_URI = process.env.MONGODB_URI
if (!MONGODB_URI) {
  console.error('bench/cluster.mjs: set MONGODB_URI')
  process.exit(2)
}
const log = (...args) => console.error('[cluster]', ...args)

async function timed(fn) {
  const start = performance.now()
  let ticks = 0
  const timer = setInterval(() => ticks++, 10)
  try {
    const value = await fn()
    return { value, ms: performance.now() - start, ticks }
  } finally {
    clearInterval(timer)
  }
}

async function measure(dbName) {
  const addon = require('../index.js')
  addon.configure({ mongoUri: MONGODB_URI, dbName })
  const cold = await timed(() => addon.clusterJobs())
  const warm = await timed(() => addon.clusterJobs({ force: true }))
  const given = await timed(() => addon.clusterJobs({ k: 20, force: true }))
  const cached = await timed(() => addon.clusterJobs())
  const anyJob = cold.value.clusters[0].jobIds[0]
  const similar = await timed(() => addon.similarJobs(anyJob, 10))
  const insights = await timed(() => addon.marketInsights())
  return {
    postings: cold.value.postings,
    autoK: cold.value.k,
    silhouette: cold.value.silhouette,
    coldMs: cold.ms,
    warmMs: warm.ms,
    warmTicks: warm.ticks,
    k20Ms: given.ms,
    cachedMs: cached.ms,
    similarMs: similar.ms,
    insightsMs: insights.ms,
    largest: cold.value.clusters.slice(0, 5).map((c) => `${c.label} (${c.size})`),
  }
}

if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(await measure(process.argv[3])))
  process.exit(0)
}

const SIZES = (process.env.CLUSTER_SIZES || '1000,10000').split(',').map(Number).filter((n) => n > 0)
const client = await MongoClient.connect(MONGODB_URI)
const rows = []
try {
  for (const n of SIZES) {
    const dbName = `resume_ai_cluster_${n}`
    const db = client.db(dbName)
    if ((await db.collection('jobpostingembeddings').countDocuments()) < n) {
      await db.dropDatabase()
      await insertBoard(db, { postings: generatePostings(n, { seed: 1 }) })
      log(`N=${n}: inserted; backfilling embeddings (minutes at 10,000)…`)
      const child = spawnSync(process.execPath, ['-e', `
        const a = require('./index.js'); a.configure({ mongoUri: ${JSON.stringify(MONGODB_URI)}, dbName: ${JSON.stringify(dbName)} })
        a.backfillJobEmbeddings().then((r) => console.error(JSON.stringify(r)))`], { stdio: 'inherit' })
      if (child.status !== 0) throw new Error('backfill failed')
    }
    const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--measure', dbName], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
    if (child.status !== 0) throw new Error(`measure failed: ${child.stdout}`)
    const row = JSON.parse(child.stdout.trim().split('\n').pop())
    console.log(JSON.stringify(row))
    rows.push(row)
  }
} finally {
  await client.close()
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log(`\n${cpu}, ${os.cpus().length} cores, RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS ?? '(all)'}`)
console.log('| postings | k chosen | silhouette | clusterJobs cold (reads embeddings) | clusterJobs warm | k = 20 | cached | similarJobs | marketInsights | timer ticks during warm |')
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
for (const r of rows) {
  console.log(`| ${r.postings.toLocaleString('en')} | ${r.autoK} | ${r.silhouette} | ${s(r.coldMs)} | ${s(r.warmMs)} | ${s(r.k20Ms)} | ${s(r.cachedMs)} | ${s(r.similarMs)} | ${s(r.insightsMs)} | ${r.warmTicks} |`)
}
