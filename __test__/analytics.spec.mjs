// clusterJobs, similarJobs, marketInsights and skillGap on a labelled board the project
// generates (__test__/support/board.mjs): 10 professions × 6 postings, four of them near each other
// (backend, frontend, data science, DevOps), plus closed postings that must never appear.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ObjectId } from 'mongodb'

import { addon, freshDatabase, rejection } from './helpers.mjs'
import { generateLabelledPostings, generateResumes, LABELLED_PROFESSIONS } from './support/board.mjs'

const PER_PROFESSION = 6
let env
let postings
let byId
const closedIds = []
let dataScientist

/** Adjusted Rand index of two labellings (Hubert & Arabie), computed here, not by the addon. */
function adjustedRandIndex(a, b) {
  const n = a.length
  const pairs = (x) => (x * (x - 1)) / 2
  const table = new Map()
  const rows = new Map()
  const cols = new Map()
  for (let i = 0; i < n; i++) {
    const cell = `${a[i]}\u0000${b[i]}`
    table.set(cell, (table.get(cell) ?? 0) + 1)
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1)
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1)
  }
  const index = [...table.values()].reduce((s, x) => s + pairs(x), 0)
  const sumRows = [...rows.values()].reduce((s, x) => s + pairs(x), 0)
  const sumCols = [...cols.values()].reduce((s, x) => s + pairs(x), 0)
  const expected = (sumRows * sumCols) / pairs(n)
  const max = (sumRows + sumCols) / 2
  return max === expected ? 1 : (index - expected) / (max - expected)
}

/** ARI of a clustering result against the postings' professions. */
function ariOf(result) {
  const cluster = new Map()
  for (const c of result.clusters) for (const id of c.jobIds) cluster.set(id, c.id)
  const ids = [...cluster.keys()]
  return adjustedRandIndex(ids.map((id) => byId.get(id).profession), ids.map((id) => cluster.get(id)))
}

before(async () => {
  env = await freshDatabase('analytics')
  postings = generateLabelledPostings(PER_PROFESSION).map((p) => ({ _id: new ObjectId(), ...p }))
  const closed = generateLabelledPostings(1, { seed: 9 }).map((p) => ({ _id: new ObjectId(), ...p, status: 'closed' }))
  closedIds.push(...closed.map((p) => p._id.toHexString()))
  await env.db.collection('jobpostings').insertMany([...postings, ...closed])
  byId = new Map(postings.map((p) => [p._id.toHexString(), p]))
  ;[dataScientist] = generateResumes(1, { professions: ['data-science'] })
  dataScientist._id = new ObjectId()
  await env.db.collection('resumes').insertOne(dataScientist)
})

after(async () => {
  await env?.close()
})

test('clusterJobs with k = the number of professions finds the professions (ARI ≥ 0.8)', async () => {
  const result = await addon.clusterJobs({ k: LABELLED_PROFESSIONS.length })
  const ari = ariOf(result)
  console.log(`clusterJobs k=${result.k}: ARI ${ari.toFixed(3)}, silhouette ${result.silhouette}`)
  for (const c of result.clusters) console.log(`  ${c.id} ${c.label} (${c.size}): ${c.topSkills.slice(0, 4).map((s) => `${s.name} ${s.share}`).join(', ')}`)
  assert.equal(result.k, LABELLED_PROFESSIONS.length)
  assert.equal(result.postings, postings.length, 'every active posting, no closed one')
  const members = result.clusters.flatMap((c) => c.jobIds)
  assert.equal(new Set(members).size, postings.length, 'a partition of the active postings')
  assert.ok(members.every((id) => byId.has(id)))
  assert.ok(ari >= 0.8, `ARI ${ari}`)
  // The map is measured from the board's mean, and spreads most along its first axis.
  const places = result.clusters.flatMap((c) => c.positions)
  const meanOf = (axis) => places.reduce((sum, p) => sum + p[axis], 0) / places.length
  assert.ok(Math.abs(meanOf('x')) < 0.002 && Math.abs(meanOf('y')) < 0.002, `map centre ${meanOf('x')}, ${meanOf('y')}`)
  const spread = (axis) => places.reduce((sum, p) => sum + p[axis] ** 2, 0)
  assert.ok(spread('x') >= spread('y') && spread('y') > 0, `spread ${spread('x')} then ${spread('y')}`)
  for (const [i, c] of result.clusters.entries()) {
    assert.equal(c.id, i)
    assert.equal(c.size, c.jobIds.length)
    assert.equal(c.positions.length, c.jobIds.length, 'a place on the map for each posting')
    assert.ok(c.label.length > 0)
    if (i > 0) assert.ok(result.clusters[i - 1].size >= c.size, 'largest first')
    const shares = c.topSkills.map((s) => s.share)
    assert.deepEqual(shares, [...shares].sort((x, y) => y - x))
    for (const s of c.topSkills) {
      const asking = c.jobIds.filter((id) => byId.get(id).skills.includes(s.name)).length
      assert.ok(s.postings >= asking && s.postings <= c.size, `${s.name}: ${s.postings} of ${c.size}`)
      assert.equal(s.share, Math.round((s.postings / c.size) * 1000) / 1000)
    }
  }
  // A cluster whose postings are mostly nurses is named after a nursing title.
  const nursing = result.clusters.find((c) => c.jobIds.filter((id) => byId.get(id).profession === 'nursing').length > c.size / 2)
  assert.match(nursing.label, /Nurse/)
})

test('clusterJobs chooses k by silhouette within ±2 of the professions', async () => {
  const result = await addon.clusterJobs()
  const ari = ariOf(result)
  console.log(`clusterJobs automatic k: k=${result.k} (professions ${LABELLED_PROFESSIONS.length}), ARI ${ari.toFixed(3)}, silhouette ${result.silhouette}`)
  assert.ok(Math.abs(result.k - LABELLED_PROFESSIONS.length) <= 2, `k ${result.k}`)
  assert.ok(result.silhouette > 0 && result.silhouette <= 1)
})

test('clusterJobs: the same seed gives the same clusters; results are cached and recomputed on change or force', async () => {
  const a = await addon.clusterJobs({ k: 7, seed: 5, force: true })
  const b = await addon.clusterJobs({ k: 7, seed: 5, force: true })
  assert.deepEqual(b.clusters, a.clusters, 'deterministic for a seed')
  assert.notEqual(b.computedAt, a.computedAt, 'force recomputes')
  const passes = addon.engineStats().forwardPasses
  const cached = await addon.clusterJobs({ k: 7, seed: 5 })
  assert.equal(cached.computedAt, b.computedAt, 'served from jobclusters')
  assert.deepEqual(cached.clusters, b.clusters)
  assert.equal(addon.engineStats().forwardPasses, passes, 'no model call')
  const stored = await env.db.collection('jobclusters').countDocuments({ 'request.k': '7', 'request.seed': 5 })
  assert.equal(stored, 1)

  // One new posting (1 of 61, under the 5 % tolerance) is served from the cache; four more
  // (5 of 65) recompute, and the new postings are clustered.
  const extra = generateLabelledPostings(5, { keys: ['nursing'], seed: 11 }).map((p) => ({ _id: new ObjectId(), ...p }))
  await env.db.collection('jobpostings').insertOne(extra[0])
  assert.equal((await addon.clusterJobs({ k: 7, seed: 5 })).computedAt, b.computedAt)
  await env.db.collection('jobpostings').insertMany(extra.slice(1))
  const changed = await addon.clusterJobs({ k: 7, seed: 5 })
  assert.notEqual(changed.computedAt, b.computedAt)
  assert.equal(changed.postings, postings.length + extra.length)
  await env.db.collection('jobpostings').deleteMany({ _id: { $in: extra.map((p) => p._id) } })
})

test('clusterJobs reports progress while it embeds postings that lack vectors, up to done == total', async () => {
  const fresh = generateLabelledPostings(3, { keys: ['teaching', 'logistics'], seed: 17 }).map((p) => ({ _id: new ObjectId(), ...p, batch: 'progress' }))
  await env.db.collection('jobpostings').insertMany(fresh)
  try {
    const seen = []
    const result = await addon.clusterJobs({ k: 2, filter: { batch: 'progress' }, force: true, onProgress: (p) => seen.push(p) })
    assert.equal(result.postings, fresh.length)
    // Progress is queued to the JS thread: let the last report land.
    await new Promise((resolve) => setImmediate(resolve))
    assert.ok(seen.length > 0, 'progress reported')
    const last = seen[seen.length - 1]
    assert.equal(last.total, fresh.length)
    assert.equal(last.done, last.total)
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].done >= seen[i - 1].done, 'done never goes back')
  } finally {
    await env.db.collection('jobpostings').deleteMany({ batch: 'progress' })
  }
})

test('clusterJobs: filter narrows the postings; bad options are INVALID_ARGUMENT; an aborted signal rejects', async () => {
  const healthAndFood = await addon.clusterJobs({ k: 2, filter: { profession: { $in: ['nursing', 'culinary'] } } })
  assert.equal(healthAndFood.postings, 2 * PER_PROFESSION)
  assert.equal(ariOf(healthAndFood), 1)
  for (const bad of [{ k: 0 }, { k: 2.5 }, { k: 201 }, { seed: -1 }, { filter: 'x' }, []]) {
    const e = await rejection(addon.clusterJobs(bad))
    assert.equal(e.code, 'INVALID_ARGUMENT', JSON.stringify(bad))
  }
  const e = await rejection(addon.clusterJobs({ force: true, signal: AbortSignal.abort() }))
  assert.equal(e.code, 'ABORTED')
})

test('similarJobs returns same-profession postings first (precision@3 ≥ 0.9), never itself or a closed one', async () => {
  let hits = 0
  for (const [id, posting] of byId) {
    const similar = await addon.similarJobs(id, 3)
    assert.equal(similar.length, 3)
    assert.ok(similar.every((s) => s.jobId !== id && !closedIds.includes(s.jobId)))
    const sims = similar.map((s) => s.similarity)
    assert.deepEqual(sims, [...sims].sort((a, b) => b - a))
    hits += similar.filter((s) => byId.get(s.jobId).profession === posting.profession).length
  }
  const precision = hits / (3 * byId.size)
  console.log(`similarJobs precision@3: ${precision.toFixed(3)}`)
  assert.ok(precision >= 0.9, `precision@3 ${precision}`)
  const [first] = await addon.similarJobs(postings[0]._id.toHexString())
  assert.equal(first.jobTitle, byId.get(first.jobId).title)
  assert.equal((await addon.similarJobs(postings[0]._id.toHexString())).length, 10, 'default limit')
  assert.equal((await rejection(addon.similarJobs(new ObjectId().toHexString()))).code, 'JOB_NOT_FOUND')
  assert.equal((await rejection(addon.similarJobs('nope'))).code, 'INVALID_ID')
})

test('postings without skills lists or telling titles cluster and find similar postings by their whole text', async () => {
  // The labelled board again in a database of its own, every skills list removed and every
  // title the same: only descriptions and requirements say what a posting is.
  const unlisted = await freshDatabase('analytics_unlisted', { configure: false })
  try {
    const docs = generateLabelledPostings(PER_PROFESSION).map(({ skills, title, ...rest }) => ({ _id: new ObjectId(), ...rest, title: 'Job opening' }))
    await unlisted.db.collection('jobpostings').insertMany(docs)
    const profession = new Map(docs.map((d) => [d._id.toHexString(), d.profession]))
    const ai = addon.connect(unlisted.options)
    const result = await ai.clusterJobs({ k: LABELLED_PROFESSIONS.length })
    const ids = result.clusters.flatMap((c) => c.jobIds)
    const clusterOf = new Map(result.clusters.flatMap((c) => c.jobIds.map((id) => [id, c.id])))
    const ari = adjustedRandIndex(ids.map((id) => profession.get(id)), ids.map((id) => clusterOf.get(id)))
    let hits = 0
    for (const [id, key] of profession) hits += (await ai.similarJobs(id, 3)).filter((s) => profession.get(s.jobId) === key).length
    const precision = hits / (3 * profession.size)
    console.log(`unlisted, one title: clusterJobs ARI ${ari.toFixed(3)}, similarJobs precision@3 ${precision.toFixed(3)}`)
    assert.equal(ids.length, docs.length)
    assert.ok(ari >= 0.7, `ARI ${ari}`)
    assert.ok(precision >= 0.65, `precision@3 ${precision}`)
    // The skills vector is the whole text's: the mean of its 200-word windows (each text ends
    // a sentence), not the mean of the names found in it.
    const posting = docs[0]
    const words = [posting.title, posting.description, ...posting.requirements].flatMap((text) => {
      const w = text.split(/\s+/).filter(Boolean)
      if (w.length && !/[.!?:;]$/.test(w.at(-1))) w[w.length - 1] += '.'
      return w
    })
    const windows = []
    for (let i = 0; i < words.length && windows.length < 8; i += 200) windows.push(words.slice(i, i + 200).join(' '))
    const mean = new Array(768).fill(0)
    for (const v of await addon.embed(windows)) v.forEach((x, d) => { mean[d] += x })
    const stored = await unlisted.db.collection('jobpostingembeddings').findOne({ jobPosting: posting._id })
    const skills = stored.meanEmbeddings.skills.toFloat32Array()
    const cosine = skills.reduce((acc, x, d) => acc + x * mean[d], 0) / Math.hypot(...skills) / Math.hypot(...mean)
    assert.ok(cosine > 0.9999, `the skills vector is the document's (cosine ${cosine})`)
  } finally {
    await unlisted.close()
  }
})

test('marketInsights counts "JS" and "JavaScript" once, and levels, locations and statuses add up', async () => {
  const frontend = postings.find((p) => p.profession === 'software-frontend')
  const spelled = [['JS', 'React'], ['javascript', 'Vue.js']].map((skills) => ({ ...frontend, _id: new ObjectId(), skills }))
  await env.db.collection('jobpostings').insertMany(spelled)
  const all = await addon.marketInsights()
  assert.equal(all.postings, postings.length + spelled.length)
  // Frontend postings only: every skill of the profession is in the top list.
  const filter = { profession: 'software-frontend' }
  const insights = await addon.marketInsights({ filter })
  const active = [...postings, ...spelled].filter((p) => p.profession === 'software-frontend')
  assert.equal(insights.postings, active.length)
  const wantsJs = active.filter((p) => p.skills.some((s) => ['js', 'javascript'].includes(s.toLowerCase()))).length
  const entries = insights.skillDemand.filter((s) => /^(js|javascript)$/i.test(s.name))
  assert.equal(entries.length, 1, 'one entry for every spelling')
  const [entry] = entries
  assert.equal(entry.postings, wantsJs)
  assert.equal(entry.share, Math.round((wantsJs / active.length) * 1000) / 1000)
  const counts = insights.skillDemand.map((s) => s.postings)
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a))
  assert.equal(insights.experienceLevels.reduce((s, l) => s + l.postings, 0), active.length)
  const remote = active.filter((p) => p.location === 'Remote').length
  if (remote) assert.equal(insights.locations.find((l) => l.name === 'Remote').postings, remote)
  assert.deepEqual(
    Object.fromEntries(insights.postingsByStatus.map((s) => [s.name, s.postings])),
    { active: active.length, closed: 1 },
  )
  assert.deepEqual(
    Object.fromEntries(all.postingsByStatus.map((s) => [s.name, s.postings])),
    { active: all.postings, closed: closedIds.length },
  )
  assert.ok(all.clusters.length >= 2 && all.clusters.every((c) => c.topSkills.length > 0))
  // The clusters come from clusterJobs' cache, served while the postings changed by ≤ 5 %
  // (2 new of 62 here).
  const clustered = all.clusters.reduce((s, c) => s + c.size, 0)
  assert.ok(Math.abs(clustered - all.postings) <= 0.05 * all.postings, `${clustered} of ${all.postings}`)
  await env.db.collection('jobpostings').deleteMany({ _id: { $in: spelled.map((p) => p._id) } })
})

test('skillGap against a posting: aliases cover, adjacent skills earn partial credit, coverage adds up', async () => {
  const resume = { _id: new ObjectId(), firstName: 'Gap', skills: [{ name: 'Python' }, { name: 'JS' }, { name: 'PyTorch' }] }
  const job = { _id: new ObjectId(), title: 'ML Engineer', company: 'X', status: 'closed', skills: ['Python', 'JavaScript', 'TensorFlow', 'Kubernetes'] }
  await env.db.collection('resumes').insertOne(resume)
  await env.db.collection('jobpostings').insertOne(job)
  const gap = await addon.skillGap(resume._id.toHexString(), { jobId: job._id.toHexString() })
  assert.deepEqual(gap.target, { kind: 'job', id: job._id.toHexString(), label: 'ML Engineer' })
  assert.deepEqual(gap.covered.map((c) => [c.name, c.by, c.similarity]), [['Python', 'Python', 1], ['JavaScript', 'JS', 1]])
  assert.deepEqual(gap.missing.map((m) => m.name), ['TensorFlow', 'Kubernetes'], 'the posting\'s order')
  const tf = gap.missing[0]
  assert.equal(tf.closest.name, 'PyTorch')
  assert.ok(tf.adjacent && tf.closest.similarity >= 0.5 && tf.closest.similarity < 0.71, `${tf.closest.similarity}`)
  const credit = gap.missing.filter((m) => m.adjacent).reduce((s, m) => s + m.closest.similarity, 0)
  assert.ok(Math.abs(gap.coverage - (100 * (2 + credit)) / 4) <= 0.1, `coverage ${gap.coverage}`)
  // The same gap through the CLI path.
  const viaRun = await addon.run('skill_gap', [resume._id.toHexString(), job._id.toHexString()])
  assert.deepEqual(viaRun.missing.map((m) => m.name), ['TensorFlow', 'Kubernetes'])
  assert.equal(viaRun.coverage, gap.coverage)
})

test('skillGap against a cluster: by default the nearest one, ranked by the share of its postings', async () => {
  const id = dataScientist._id.toHexString()
  const nearest = await addon.skillGap(id)
  assert.equal(nearest.target.kind, 'cluster')
  const clusters = await addon.clusterJobs()
  const cluster = clusters.clusters[Number(nearest.target.id)]
  const scientists = cluster.jobIds.filter((jobId) => byId.get(jobId).profession === 'data-science').length
  assert.ok(scientists > cluster.size / 2, `nearest cluster ${cluster.label} is mostly data science`)
  assert.equal(nearest.target.label, cluster.label)
  const importances = nearest.missing.map((m) => m.importance)
  assert.deepEqual(importances, [...importances].sort((a, b) => b - a))
  assert.ok(importances.every((x) => x >= 0.2 && x <= 1))
  const explicit = await addon.skillGap(id, { clusterId: cluster.id })
  assert.deepEqual(explicit, nearest)
  for (const bad of [{ clusterId: 99 }, { clusterId: -1 }, { jobId: 'x', clusterId: 0 }, 'x']) {
    const e = await rejection(addon.skillGap(id, bad))
    assert.equal(e.code, 'INVALID_ARGUMENT', JSON.stringify(bad))
  }
  assert.equal((await rejection(addon.skillGap(new ObjectId().toHexString()))).code, 'RESUME_NOT_FOUND')
})

test('the CLI commands: cluster_jobs, similar_jobs, market_insights, skill_gap', async () => {
  const viaRun = await addon.run('cluster_jobs', ['10'])
  assert.deepEqual(viaRun, JSON.parse(JSON.stringify(await addon.clusterJobs({ k: 10 }))))
  const similar = await addon.run('similar_jobs', [postings[0]._id.toHexString(), '3'])
  assert.equal(similar.length, 3)
  const insights = await addon.run('market_insights', [])
  assert.equal(insights.postings, postings.length)
  for (const [command, args] of [['cluster_jobs', ['0']], ['cluster_jobs', ['x']], ['similar_jobs', []], ['market_insights', ['1']]]) {
    const e = await rejection(addon.run(command, args))
    assert.equal(e.code, 'INVALID_ARGUMENT', `${command} ${args}`)
  }
})
