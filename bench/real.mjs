// `npm run bench:real`: skill extraction and job families measured on public, human-labelled
// data, read from local copies (this script downloads nothing; it says how to get a set whose
// path is missing).
//
//   npm run bench:real -- --skills-dir DIR --titles-dir DIR --postings-dir DIR [--split validation|test]
//
// A. Skill extraction — Skill-Extraction-benchmark (Decorte et al., RecSys-in-HR 2022), the
//    TECH and HOUSE sets: job-ad sentences whose skill spans carry an ESCO 1.1.0 preferred
//    label (or LABEL NOT PRESENT / UNDERSPECIFIED). Rows are grouped by sentence; a sentence's
//    gold set is its distinct real labels, possibly empty (a prediction there is a false
//    positive). Per file:
//      - ours: addon.extractSkills(sentence, { limit: 40, minScore: 0 }).skills (ranked, best
//        first); predicted set = the names of its `kind: 'esco'` entries with `accepted`;
//        RP@5 on its ranked ESCO entries, accepted or not;
//      - exact preferred label: every ESCO label found in the sentence as a whole word or
//        phrase, case-insensitive;
//      - nearest label: the 13,896 labels embedded (cached under os.tmpdir()), ranked by cosine
//        to the whole sentence; RP@5, and F1 predicting the top label when its cosine ≥ t.
//    Micro P/R/F1 over sentences; RP@5 = mean over sentences with ≥ 1 gold skill of
//    |top 5 ∩ gold| / min(5, |gold|). Labels compare by `labelKey` (case, commas, spaces).
// B. Job families — JobBERT evaluation set (Decorte et al., FEAST 2021): real vacancy titles
//    with their ESCO occupation. The N most frequent occupations (default 16), the first M
//    titles of each in file order (default 75), inserted as active postings with a title only
//    into a fresh database; clusterJobs({ k: N, force: true }) against the occupations by the
//    adjusted Rand index, beside k-means (k-means++, 20 restarts, least inertia) on the titles'
//    embeddings; each with seeds 42, 1, 2, 3, 4 (--seeds), since one seed's ARI moves by a few
//    hundredths. The database is dropped at the end.
// C. Real postings — Google Job Skills: careers.google.com postings (title, responsibilities,
//    qualifications) with the job category Google gave each. Deduplicated by text, categories
//    with ≥ 20 postings, even positions = validation, odd = test. Inserted with no skills list;
//    clusterJobs({ k: categories, force: true }) against the categories by ARI, beside k-means
//    on each posting's whole-text vector (the mean of its 200-word windows' vectors).
//
// Prints a table on stdout and one JSON line per result on stderr (`--json`: JSON lines on
// stdout, no table). Tune on validation; report test once, at the end.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import {
  adjustedRandIndex,
  containsWholeWord,
  kmeans,
  labelKey,
  meanRPrecisionAtK,
  microPRF,
  parseCsvObjects,
} from './real-metrics.mjs'

const require = createRequire(import.meta.url)

// The nearest-label baseline's threshold, chosen on the validation split (tech and house
// pooled) as the best micro F1 of the top label (0.30-0.50 all within 0.01 of it there);
// `--nearest-t` overrides it.
const NEAREST_T = 0.4
const NOT_SKILLS = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED'])
const EMBED_BATCH = 256
const EXTRACT_CONCURRENCY = 4
// Limit 40: the accepted skills of a sentence are all among its best 40 candidates.
const OURS_OPTIONS = { limit: 40, minScore: 0 }

const SOURCES = {
  skills: {
    what: 'Skill-Extraction-benchmark (TECH and HOUSE, Decorte et al. 2022)',
    url: 'https://github.com/jensjorisdecorte/Skill-Extraction-benchmark',
    dir: 'Skill-Extraction-benchmark',
    flag: '--skills-dir',
    env: 'SKILL_EXTRACTION_DIR',
  },
  titles: {
    what: 'JobBERT evaluation dataset (vacancy titles → ESCO occupations, Decorte et al. 2021)',
    url: 'https://github.com/jensjorisdecorte/JobBERT-evaluation-dataset',
    dir: 'JobBERT-evaluation-dataset',
    flag: '--titles-dir',
    env: 'JOBBERT_EVAL_DIR',
  },
  postings: {
    what: 'Google Job Skills (careers.google.com postings with Google\'s own job category, scraped by Niyamat Ullah; a copy in R-Studio-JobSkills)',
    url: 'https://github.com/James-S-Wood/R-Studio-JobSkills',
    dir: 'R-Studio-JobSkills',
    flag: '--postings-dir',
    env: 'JOB_SKILLS_DIR',
  },
}

const USAGE = `usage: npm run bench:real -- [options]
  --skills-dir DIR     a checkout of ${SOURCES.skills.url} (env ${SOURCES.skills.env})
  --titles-dir DIR     a checkout of ${SOURCES.titles.url} (env ${SOURCES.titles.env})
  --postings-dir DIR   a checkout of ${SOURCES.postings.url} (env ${SOURCES.postings.env})
  --split S            validation (default) or test
  --only PART          skills, families or postings (default: all whose data is given)
  --families N         occupations clustered (default 16)
  --per-family M       titles per occupation (default 75)
  --seeds S            clusterings per method: seeds 42, 1, …, S−1 (default 5; an ARI moves by
                       ±0.03 from seed to seed here)
  --nearest-t T        cosine threshold of the nearest-label F1 (default ${NEAREST_T}, chosen on validation)
  --timeout S          give up after S seconds (default 600, env REAL_TIMEOUT_S)
  --json               JSON lines on stdout instead of the table
Needs MONGODB_URI for the job families (scripts/bench-real.sh starts a local database).`

const { values: opt } = parseArgs({
  options: {
    'skills-dir': { type: 'string', default: process.env[SOURCES.skills.env] },
    'titles-dir': { type: 'string', default: process.env[SOURCES.titles.env] },
    'postings-dir': { type: 'string', default: process.env[SOURCES.postings.env] },
    split: { type: 'string', default: 'validation' },
    only: { type: 'string' },
    families: { type: 'string', default: '16' },
    'per-family': { type: 'string', default: '75' },
    seeds: { type: 'string', default: '5' },
    'nearest-t': { type: 'string', default: String(NEAREST_T) },
    timeout: { type: 'string', default: process.env.REAL_TIMEOUT_S ?? '600' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (opt.help) {
  console.log(USAGE)
  process.exit(0)
}
const fail = (message) => {
  console.error(`bench/real.mjs: ${message}\n\n${USAGE}`)
  process.exit(2)
}
const split = opt.split
if (split !== 'validation' && split !== 'test') fail(`--split must be validation or test, not ${split}`)
if (opt.only && !['skills', 'families', 'postings'].includes(opt.only)) fail(`--only must be skills, families or postings, not ${opt.only}`)
const positive = (name) => {
  const n = Number(opt[name])
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, not ${opt[name]}`)
  return n
}
const FAMILIES = positive('families')
const PER_FAMILY = positive('per-family')
const TIMEOUT_S = positive('timeout')
const SEEDS = [42, ...Array.from({ length: positive('seeds') - 1 }, (_, i) => i + 1)]
const nearestT = Number(opt['nearest-t'])
if (!Number.isFinite(nearestT)) fail(`--nearest-t must be a number, not ${opt['nearest-t']}`)

const log = (...args) => console.error('[real]', ...args)
const results = []
const emit = (row) => {
  const line = JSON.stringify({ split, ...row })
  results.push(row)
  if (opt.json) console.log(line)
  else console.error(line)
}
const round = (x, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)))
const seconds = (ms) => round(ms / 1000, 2)

// ---------------------------------------------------------------------------
// Data: where it is, or how to get it
// ---------------------------------------------------------------------------

function howToGet(source, why) {
  const s = SOURCES[source]
  return [
    `${s.what}: ${why}. Get it with`,
    `  git clone ${s.url}.git ~/data/${s.dir}`,
    `then pass ${s.flag} ~/data/${s.dir} (or set ${s.env}); e.g.`,
    `  npm run bench:real -- ${s.flag} ~/data/${s.dir}`,
  ].join('\n')
}

/** The first of `candidates` (relative to `dir`) that exists, or null. */
function findIn(dir, candidates) {
  for (const c of candidates) {
    const p = path.join(dir, c)
    if (fs.existsSync(p)) return p
  }
  return null
}

function fileId(file) {
  const bytes = fs.readFileSync(file)
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12)
}

function gitCommit(dir) {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : null
}

/** Paths of the skill-extraction files for the split, or a reason they are missing. */
function skillFiles(dir) {
  const data = findIn(dir, ['data', '.'])
  const files = {}
  for (const name of ['tech', 'house']) {
    files[name] = findIn(data, [`${name}_${split}_annotations.csv`])
    if (!files[name]) throw new Error(`${dir}: no ${name}_${split}_annotations.csv (in data/ or the folder itself)`)
  }
  files.labels = findIn(data, ['skills_en_label.txt'])
  if (!files.labels) throw new Error(`${dir}: no skills_en_label.txt`)
  return files
}

function titlesFile(dir) {
  const name = split === 'test' ? 'titles.test.csv' : 'titles.csv'
  if (fs.statSync(dir).isFile()) return dir
  const file = findIn(dir, [name])
  if (!file) throw new Error(`${dir}: no ${name}`)
  return file
}

// ---------------------------------------------------------------------------
// Machine
// ---------------------------------------------------------------------------

function cpuModel() {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))
    if (line) return line.split(':').slice(1).join(':').trim()
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown CPU'
}

// ---------------------------------------------------------------------------
// Addon
// ---------------------------------------------------------------------------

let addon
try {
  addon = require('../index.js')
} catch (e) {
  console.error(`bench/real.mjs: the addon does not load (${e.message}); build it with \`bash scripts/setup.sh\``)
  process.exit(1)
}

async function embedAll(texts, what) {
  const out = new Array(texts.length)
  const started = performance.now()
  let reported = started
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    const part = texts.slice(start, start + EMBED_BATCH)
    const vectors = await addon.embed(part)
    for (let i = 0; i < vectors.length; i++) out[start + i] = vectors[i]
    const now = performance.now()
    if (what && now - reported > 10_000) {
      reported = now
      const done = start + part.length
      log(`${what}: ${done}/${texts.length} embedded (${(done / ((now - started) / 1000)).toFixed(0)}/s)`)
    }
  }
  return out
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
async function pool(items, limit, fn) {
  const out = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

// ---------------------------------------------------------------------------
// Databases: fresh ones per part, dropped at the end (or when --timeout fires)
// ---------------------------------------------------------------------------

const MONGODB_URI = process.env.MONGODB_URI
const stop = new AbortController() // aborted by --timeout
let mongo = null
const opened = []

/** A fresh database `bench_real_<pid><suffix>` that the addon is pointed at, or null without MONGODB_URI. */
async function freshDb(suffix) {
  if (!MONGODB_URI) return null
  if (!mongo) {
    const { MongoClient } = await import('mongodb')
    mongo = await MongoClient.connect(MONGODB_URI)
  }
  const db = mongo.db(`bench_real_${process.pid}${suffix}`)
  opened.push(db)
  await db.dropDatabase()
  addon.configure({ mongoUri: MONGODB_URI, dbName: db.databaseName })
  return db
}

/**
 * A signal for one addon call that --timeout aborts. One per call: the addon adds an `abort`
 * listener to the signal it is given and never removes it, so a shared signal collects one
 * listener per call (MaxListenersExceededWarning past 10).
 */
async function withStop(fn) {
  const call = new AbortController()
  const onStop = () => call.abort()
  stop.signal.addEventListener('abort', onStop, { once: true })
  try {
    return await fn(call.signal)
  } finally {
    stop.signal.removeEventListener('abort', onStop)
  }
}

async function dropAll() {
  for (const db of opened.splice(0)) {
    await db.dropDatabase().catch((e) => log(`could not drop ${db.databaseName}: ${e.message}`))
  }
  await mongo?.close().catch(() => {})
  mongo = null
}

// ---------------------------------------------------------------------------
// A. Skill extraction
// ---------------------------------------------------------------------------

/** Sentences of one annotations file in first-seen order, with their gold label keys. */
function loadSentences(file) {
  const rows = parseCsvObjects(fs.readFileSync(file, 'utf8'))
  for (const col of ['sentence', 'label']) {
    if (rows.length && !(col in rows[0])) throw new Error(`${file}: no '${col}' column`)
  }
  const bySentence = new Map()
  for (const row of rows) {
    let entry = bySentence.get(row.sentence)
    if (!entry) bySentence.set(row.sentence, (entry = { text: row.sentence, gold: new Set(), goldLabels: new Set() }))
    const label = row.label.trim()
    if (label === '' || NOT_SKILLS.has(label)) continue
    entry.gold.add(labelKey(label))
    entry.goldLabels.add(label)
  }
  return { rows: rows.length, sentences: [...bySentence.values()] }
}

/** The ESCO labels (trimmed, NFKC) and a key → label map. */
function loadLabels(file) {
  const labels = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.normalize('NFKC').trim())
    .filter(Boolean)
  return { labels, keys: labels.map(labelKey) }
}

/** Unit vectors of every label, from the cache file when it matches, else embedded and saved. */
async function labelVectors(labelFile, labels, info) {
  const dim = info.dimension
  const key = crypto
    .createHash('sha256')
    .update(fs.readFileSync(labelFile))
    .update(`\0${info.sha256 ?? info.name}\0${info.precision ?? 'fp32'}\0${dim}\0nfkc-trim`)
    .digest('hex')
    .slice(0, 16)
  const cache = path.join(os.tmpdir(), `resume-ai-bench-real-labels-${key}.f32`)
  const bytes = labels.length * dim * 4
  try {
    const buf = fs.readFileSync(cache)
    if (buf.length === bytes) {
      log(`label vectors: ${cache} (cached)`)
      const all = new Float32Array(buf.buffer, buf.byteOffset, labels.length * dim)
      return { matrix: Float32Array.from(all), cache, cached: true, ms: 0 }
    }
    log(`label vectors: ${cache} has ${buf.length} bytes, not ${bytes}; embedding again`)
  } catch {}
  log(`label vectors: embedding ${labels.length} labels (about 3 minutes on 2 cores; cached for the next run)`)
  const started = performance.now()
  const vectors = await embedAll(labels, 'labels')
  const matrix = new Float32Array(labels.length * dim)
  vectors.forEach((v, i) => matrix.set(v, i * dim))
  const tmp = `${cache}.${process.pid}.tmp`
  fs.writeFileSync(tmp, Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength))
  fs.renameSync(tmp, cache)
  return { matrix, cache, cached: false, ms: performance.now() - started }
}

/** Indices and cosines of the `k` labels nearest to unit vector `v`, best first. */
function nearestLabels(matrix, dim, v, k) {
  const n = matrix.length / dim
  const topI = []
  const topS = []
  for (let i = 0; i < n; i++) {
    let s = 0
    const o = i * dim
    for (let j = 0; j < dim; j++) s += matrix[o + j] * v[j]
    if (topS.length === k && s <= topS[k - 1]) continue
    let at = topS.length < k ? topS.length : k - 1
    while (at > 0 && topS[at - 1] < s) at--
    topS.splice(at, 0, s)
    topI.splice(at, 0, i)
    if (topS.length > k) {
      topS.pop()
      topI.pop()
    }
  }
  return { index: topI, score: topS }
}

/** Top-1 prediction at threshold t: micro F1 over the sentences. */
function thresholdF1(sentences, nearest, keys, t) {
  return microPRF(
    sentences.map((s, i) => ({
      gold: s.gold,
      pred: nearest[i].score[0] >= t ? [keys[nearest[i].index[0]]] : [],
    })),
  )
}

/**
 * Why "ours" cannot run, or null. extractSkills needs a database (its taxonomy vectors go
 * through the text-embedding cache), so it gets a fresh one, and a first call that builds
 * what it needs is timed apart from the sentences.
 */
async function prepareOurs() {
  if (typeof addon.extractSkills !== 'function') {
    return { missing: 'addon.extractSkills is missing from this build (not implemented yet?): "ours" not measured' }
  }
  if (!(await freshDb('_skills'))) return { missing: 'MONGODB_URI is not set (extractSkills needs a database): "ours" not measured' }
  const started = performance.now()
  let reported = started
  await withStop((signal) =>
    addon.extractSkills('Experience with Python and project management.', {
      ...OURS_OPTIONS,
      signal,
      onProgress: ({ done, total }) => {
        const now = performance.now()
        if (now - reported > 10_000) {
          reported = now
          log(`extractSkills first call: ${done}/${total}`)
        }
      },
    }),
  )
  const warmupMs = performance.now() - started
  log(`extractSkills: first call (builds what it needs, e.g. the taxonomy's vectors) took ${seconds(warmupMs)} s`)
  return { missing: null, warmupMs }
}

async function runOurs(sentences, prepared) {
  if (prepared.missing) return { missing: prepared.missing }
  let errors = 0
  let firstError = null
  const via = {}
  let tools = 0
  const started = performance.now()
  const outputs = await pool(sentences, EXTRACT_CONCURRENCY, async (s) => {
    try {
      // index.d.ts: `{ skills: ExtractedSkill[], truncated? }`; a bare array is taken too.
      const result = await withStop((signal) => addon.extractSkills(s.text, { ...OURS_OPTIONS, signal }))
      const ranked = Array.isArray(result) ? result : result?.skills
      if (!Array.isArray(ranked)) throw new Error(`extractSkills returned ${JSON.stringify(result)?.slice(0, 80)}, neither an array nor { skills: [...] }`)
      return ranked
    } catch (e) {
      errors++
      firstError ??= e
      return []
    }
  })
  const ms = performance.now() - started
  const items = sentences.map((s, i) => {
    const esco = outputs[i].filter((e) => e && e.kind === 'esco')
    const accepted = esco.filter((e) => e.accepted)
    for (const e of accepted) via[e.via] = (via[e.via] ?? 0) + 1
    tools += outputs[i].filter((e) => e && e.kind === 'tool' && e.accepted).length
    return { gold: s.gold, pred: accepted.map((e) => labelKey(e.name)), ranked: esco.map((e) => labelKey(e.name)) }
  })
  if (firstError) log(`extractSkills failed on ${errors} sentence(s), counted as no prediction; first: ${firstError.code ?? ''} ${firstError.message}`)
  return {
    prf: microPRF(items),
    rp5: meanRPrecisionAtK(items, 5),
    extra: { errors, acceptedVia: via, toolsAccepted: tools, sentencesPerSecond: round(sentences.length / (ms / 1000), 1), firstCallSeconds: seconds(prepared.warmupMs) },
    ms,
  }
}

function runExact(sentences, labels, keys) {
  const lower = labels.map((l) => l.toLowerCase())
  const started = performance.now()
  const items = sentences.map((s) => {
    const text = s.text.normalize('NFKC').toLowerCase()
    const pred = []
    for (let i = 0; i < lower.length; i++) if (containsWholeWord(text, lower[i])) pred.push(keys[i])
    return { gold: s.gold, pred }
  })
  return { prf: microPRF(items), ms: performance.now() - started }
}

async function partSkills(dir) {
  const files = skillFiles(dir)
  const source = { dir, commit: gitCommit(dir) }
  const { labels, keys } = loadLabels(files.labels)
  const keyToLabel = new Map(keys.map((k, i) => [k, labels[i]]))
  log(`skills: ${labels.length} ESCO labels from ${files.labels} (sha256 ${fileId(files.labels)}), commit ${source.commit ?? '?'}`)
  const info = await addon.modelInfo()
  const sets = {}
  for (const name of ['tech', 'house']) {
    const loaded = loadSentences(files[name])
    const unknown = new Set()
    for (const s of loaded.sentences) for (const g of s.gold) if (!keyToLabel.has(g)) unknown.add(g)
    sets[name] = { ...loaded, file: files[name], sha: fileId(files[name]), unknown: [...unknown] }
    const withGold = loaded.sentences.filter((s) => s.gold.size > 0).length
    const goldTotal = loaded.sentences.reduce((n, s) => n + s.gold.size, 0)
    log(`skills/${name}: ${loaded.rows} rows, ${loaded.sentences.length} sentences, ${withGold} with ≥ 1 gold skill, ${goldTotal} gold labels (${files[name]}, sha256 ${sets[name].sha})`)
    if (unknown.size) log(`skills/${name}: gold labels missing from the label file (they count as unreachable for the label baselines): ${[...unknown].join('; ')}`)
  }

  const vectors = await labelVectors(files.labels, labels, info)
  if (!vectors.cached) log(`label vectors: ${labels.length} in ${seconds(vectors.ms)} s → ${vectors.cache}`)

  // Nearest label per sentence, for both files (the threshold sweep pools them).
  const nearest = {}
  for (const name of ['tech', 'house']) {
    const started = performance.now()
    const sv = await embedAll(sets[name].sentences.map((s) => s.text))
    nearest[name] = sv.map((v) => nearestLabels(vectors.matrix, info.dimension, v, 5))
    sets[name].nearestMs = performance.now() - started
  }
  const pooled = ['tech', 'house'].flatMap((n) => sets[n].sentences)
  const pooledNearest = ['tech', 'house'].flatMap((n) => nearest[n])
  let sweep = null
  for (let t = 0.2; t <= 0.9 + 1e-9; t += 0.01) {
    const tt = round(t, 2)
    const m = thresholdF1(pooled, pooledNearest, keys, tt)
    if (!sweep || m.f1 > sweep.f1) sweep = { t: tt, ...m }
  }
  log(`nearest label: on this split (tech + house pooled) the best top-1 threshold would be t = ${sweep.t} (F1 ${round(sweep.f1)}); reported with t = ${nearestT}${split === 'test' ? '' : ' (the constant chosen on validation)'}`)

  const prepared = await prepareOurs()
  if (prepared.missing) log(`skills: ${prepared.missing}`)
  for (const name of ['tech', 'house']) {
    const set = sets[name]
    const common = { part: 'skills', file: name, sentences: set.sentences.length, sentencesWithGold: set.sentences.filter((s) => s.gold.size).length }

    const ours = await runOurs(set.sentences, prepared)
    if (ours.missing) {
      emit({ ...common, method: 'ours', missing: ours.missing })
    } else {
      emit({ ...common, method: 'ours', options: OURS_OPTIONS, ...prfRow(ours.prf), rp5: round(ours.rp5.value), seconds: seconds(ours.ms), ...ours.extra })
    }

    const exact = runExact(set.sentences, labels, keys)
    emit({ ...common, method: 'exact-label', ...prfRow(exact.prf), rp5: null, seconds: seconds(exact.ms) })

    const items = set.sentences.map((s, i) => ({ gold: s.gold, ranked: nearest[name][i].index.map((j) => keys[j]) }))
    const rp5 = meanRPrecisionAtK(items, 5)
    const atT = thresholdF1(set.sentences, nearest[name], keys, nearestT)
    emit({ ...common, method: 'nearest-label', t: nearestT, ...prfRow(atT), rp5: round(rp5.value), seconds: seconds(set.nearestMs), bestTOnThisSplit: sweep.t })
  }
  if (!prepared.missing) emit({ part: 'skills', method: 'speed', ...(await timeLongText(sets.tech.sentences)) })
  return { source, labels: labels.length, sets, sweep }
}

/**
 * extractSkills on one 1,000-word text made of the split's real job-ad sentences, joined in
 * file order: the median of 5 calls (after the process's first call, which builds or reads
 * the taxonomy's vectors), and the same text by name only (`embedding: false`).
 */
async function timeLongText(sentences) {
  const words = sentences.map((s) => s.text).join(' . ').split(/\s+/).slice(0, 1000)
  const text = words.join(' ')
  const median = async (options) => {
    const times = []
    let found = 0
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      found = (await addon.extractSkills(text, options)).skills.length
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    return { ms: round(times[2], 1), found }
  }
  const full = await median({ limit: 1000 })
  const names = await median({ limit: 1000, embedding: false })
  return { words: words.length, chars: text.length, ms: full.ms, skills: full.found, namesOnlyMs: names.ms, namesOnlySkills: names.found }
}

const prfRow = (m) => ({ precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), tp: m.tp, fp: m.fp, fn: m.fn })

// ---------------------------------------------------------------------------
// B. Job families
// ---------------------------------------------------------------------------

function loadTitles(file) {
  const rows = parseCsvObjects(fs.readFileSync(file, 'utf8'))
  if (rows.length && !('vacancyTitle' in rows[0] && 'conceptUri' in rows[0])) throw new Error(`${file}: expected columns vacancyTitle and conceptUri`)
  const counts = new Map()
  for (const r of rows) counts.set(r.conceptUri, (counts.get(r.conceptUri) ?? 0) + 1)
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, FAMILIES)
    .map(([uri]) => uri)
  const family = new Map(top.map((uri, i) => [uri, i]))
  const taken = new Array(top.length).fill(0)
  const postings = []
  for (const r of rows) {
    const f = family.get(r.conceptUri)
    if (f === undefined || taken[f] >= PER_FAMILY || !r.vacancyTitle.trim()) continue
    taken[f]++
    postings.push({ title: r.vacancyTitle, family: f })
  }
  return { rows: rows.length, occupations: counts.size, top, taken, postings, counts }
}

/** ARI of the first seed (42), and mean, min and max over the seeds. */
function spread(runs) {
  const aris = runs.map((r) => r.ari)
  return {
    ari: round(aris[0]),
    seeds: runs.map((r) => r.seed),
    ariMean: round(aris.reduce((a, b) => a + b, 0) / aris.length),
    ariMin: round(Math.min(...aris)),
    ariMax: round(Math.max(...aris)),
    aris: aris.map((a) => round(a)),
  }
}

/**
 * clusterJobs({ k, force: true, seed }) once per seed on the database the addon is pointed at,
 * each scored by the ARI against `familyOf` (posting id → family) over the postings clustered.
 */
async function clusterJobsRuns(ids, familyOf, k) {
  const runs = []
  let firstMs = 0
  let restMs = 0
  let first = null
  for (const seed of SEEDS) {
    const started = performance.now()
    const clusters = await withStop((signal) => addon.clusterJobs({ k, force: true, seed, signal }))
    const ms = performance.now() - started
    if (first === null) {
      first = clusters
      firstMs = ms
    } else restMs += ms
    const assigned = new Map()
    for (const c of clusters.clusters) for (const id of c.jobIds) assigned.set(id, c.id)
    const clustered = ids.filter((id) => assigned.has(id))
    runs.push({
      seed,
      clustered: clustered.length,
      ari: adjustedRandIndex(clustered.map((id) => familyOf.get(id)), clustered.map((id) => assigned.get(id))),
    })
  }
  return {
    k: first.k,
    clustered: Math.min(...runs.map((o) => o.clustered)),
    ...spread(runs),
    silhouette: first.silhouette,
    seconds: seconds(firstMs),
    secondsPerLaterSeed: seconds(restMs / Math.max(1, SEEDS.length - 1)),
    largest: first.clusters.slice(0, 5).map((c) => `${c.label} (${c.size})`),
  }
}

/** The baseline: k-means (k-means++, 20 restarts) on `vectors` once per seed, ARI against `truth`. */
async function kmeansRuns(vectors, truth, k) {
  const started = performance.now()
  const runs = []
  for (const seed of SEEDS) {
    await new Promise(setImmediate) // lets the --timeout timer fire between seeds
    const km = kmeans(vectors, k, { seed, restarts: 20 })
    runs.push({ seed, ari: adjustedRandIndex(truth, km.assignments), inertia: km.inertia })
  }
  const kmeansMs = performance.now() - started
  return { k, clustered: vectors.length, ...spread(runs), inertia: round(runs[0].inertia), kmeansMs, kmeansSecondsPerSeed: seconds(kmeansMs / SEEDS.length) }
}

async function partFamilies(dir) {
  const file = titlesFile(dir)
  if (!MONGODB_URI) throw new Error('MONGODB_URI is not set (scripts/bench-real.sh starts a local database)')
  const t = loadTitles(file)
  log(`families: ${t.rows} titles, ${t.occupations} occupations in ${file} (sha256 ${fileId(file)}, commit ${gitCommit(fs.statSync(dir).isFile() ? path.dirname(dir) : dir) ?? '?'}); the ${t.top.length} most frequent, up to ${PER_FAMILY} titles each: ${t.postings.length} postings`)
  for (const [i, u] of t.top.entries()) {
    const sample = t.postings.filter((p) => p.family === i).slice(0, 3).map((p) => p.title.trim())
    log(`  ${String(i).padStart(2)} ${u.replace('http://data.europa.eu/esco/occupation/', 'occupation/')} (${t.counts.get(u)} in file, ${t.taken[i]} taken) e.g. ${sample.join(' | ')}`)
  }
  const truth = t.postings.map((p) => p.family)
  const distinctTitles = new Set(t.postings.map((p) => p.title.trim().toLowerCase())).size

  const { insertBoard } = await import('../__test__/support/board.mjs')
  const db = await freshDb('')
  const out = { postings: t.postings.length, families: t.top.length, distinctTitles }
  try {
    const { postingIds } = await insertBoard(db, { postings: t.postings.map((p) => ({ title: p.title, status: 'active' })) })
    const familyOf = new Map(postingIds.map((id, i) => [id.toHexString(), truth[i]]))
    const ids = postingIds.map((id) => id.toHexString())
    const ours = await clusterJobsRuns(ids, familyOf, t.top.length)
    emit({ part: 'families', method: 'clusterJobs', postings: t.postings.length, ...ours })
    const embedStarted = performance.now()
    const vectors = await embedAll(t.postings.map((p) => p.title), 'titles')
    const embedMs = performance.now() - embedStarted
    const baseline = await kmeansRuns(vectors, truth, t.top.length)
    emit({ part: 'families', method: 'kmeans-titles', postings: t.postings.length, ...baseline, seconds: seconds(embedMs + baseline.kmeansMs / SEEDS.length), embedSeconds: seconds(embedMs) })
  } finally {
    await dropAll()
  }
  return out
}

// ---------------------------------------------------------------------------
// C. Real postings with descriptions, no skills lists
// ---------------------------------------------------------------------------

const POSTING_MIN_PER_CATEGORY = 20
const WINDOW_WORDS = 200
const MAX_WINDOWS = 8

/**
 * The Google Job Skills file: one row per posting (Title, Category, Responsibilities, Minimum
 * and Preferred Qualifications). Rows without text or repeating another's text (the same job in
 * another city) are dropped, then categories with fewer than POSTING_MIN_PER_CATEGORY postings;
 * of the rest, validation takes the even positions and test the odd ones.
 */
function loadPostings(file) {
  const rows = parseCsvObjects(fs.readFileSync(file, 'utf8'))
  const need = ['Title', 'Category', 'Responsibilities', 'Minimum Qualifications', 'Preferred Qualifications']
  if (rows.length && !need.every((c) => c in rows[0])) throw new Error(`${file}: expected columns ${need.join(', ')}`)
  const seen = new Set()
  const unique = []
  for (const r of rows) {
    const text = [r.Responsibilities, r['Minimum Qualifications'], r['Preferred Qualifications']].join('\n')
    if (!text.trim() || seen.has(text)) continue
    seen.add(text)
    unique.push(r)
  }
  const counts = new Map()
  for (const r of unique) counts.set(r.Category, (counts.get(r.Category) ?? 0) + 1)
  const categories = [...counts].filter(([, n]) => n >= POSTING_MIN_PER_CATEGORY).map(([c]) => c).sort()
  const lines = (text) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean)
  const postings = unique
    .filter((r) => categories.includes(r.Category))
    .filter((_, i) => (i % 2 === 0) === (split === 'validation'))
    .map((r) => ({
      title: r.Title,
      description: r.Responsibilities,
      requirements: [...lines(r['Minimum Qualifications']), ...lines(r['Preferred Qualifications'])],
      family: categories.indexOf(r.Category),
    }))
  return { rows: rows.length, unique: unique.length, categories, postings }
}

/** The baseline's text: title, description and requirements in windows of 200 words (at most 8). */
function postingWindows(p) {
  const words = [p.title, p.description, ...p.requirements].join(' ').split(/\s+/).filter(Boolean)
  const out = []
  for (let i = 0; i < words.length && out.length < MAX_WINDOWS; i += WINDOW_WORDS) out.push(words.slice(i, i + WINDOW_WORDS).join(' '))
  return out
}

async function partPostings(file) {
  if (!MONGODB_URI) throw new Error('MONGODB_URI is not set (scripts/bench-real.sh starts a local database)')
  const t = loadPostings(file)
  log(`postings: ${t.rows} rows, ${t.unique} with distinct text, in ${file} (sha256 ${fileId(file)}, commit ${gitCommit(path.dirname(file)) ?? '?'}); ${t.categories.length} categories with ≥ ${POSTING_MIN_PER_CATEGORY}: ${t.postings.length} postings in the ${split} half`)
  const truth = t.postings.map((p) => p.family)
  const { insertBoard } = await import('../__test__/support/board.mjs')
  const db = await freshDb('_postings')
  const out = { postings: t.postings.length, categories: t.categories.length }
  try {
    const docs = t.postings.map(({ family, ...p }) => ({ ...p, company: 'Google', status: 'active' }))
    const { postingIds } = await insertBoard(db, { postings: docs })
    const familyOf = new Map(postingIds.map((id, i) => [id.toHexString(), truth[i]]))
    const ours = await clusterJobsRuns(postingIds.map((id) => id.toHexString()), familyOf, t.categories.length)
    emit({ part: 'postings', method: 'clusterJobs', postings: t.postings.length, ...ours })
    const embedStarted = performance.now()
    const windows = t.postings.map(postingWindows)
    const flat = await embedAll(windows.flat(), 'posting windows')
    let at = 0
    const vectors = windows.map((w) => {
      const mean = new Float64Array(flat[0].length)
      for (let i = 0; i < w.length; i++, at++) for (let d = 0; d < mean.length; d++) mean[d] += flat[at][d]
      const norm = Math.hypot(...mean) || 1
      return Array.from(mean, (x) => x / norm)
    })
    const embedMs = performance.now() - embedStarted
    const baseline = await kmeansRuns(vectors, truth, t.categories.length)
    emit({ part: 'postings', method: 'kmeans-document', postings: t.postings.length, ...baseline, seconds: seconds(embedMs + baseline.kmeansMs / SEEDS.length), embedSeconds: seconds(embedMs) })
  } finally {
    await dropAll()
  }
  return out
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const timer = setTimeout(async () => {
  console.error(`bench/real.mjs: gave up after ${TIMEOUT_S} s (--timeout / REAL_TIMEOUT_S); results so far are above`)
  stop.abort()
  await dropAll()
  process.exit(124)
}, TIMEOUT_S * 1000)
timer.unref()

// Which sets are here: resolve the paths before loading the model, so a missing one is said
// at once (with how to get it) instead of after a minute of work.
const want = (part) => !opt.only || opt.only === part
const missing = []
let failed = false
function locate(source, dir) {
  if (!dir) {
    missing.push({ source, why: 'no local copy given' })
    return null
  }
  const resolved = path.resolve(dir.replace(/^~(?=$|\/)/, os.homedir()))
  if (!fs.existsSync(resolved)) {
    missing.push({ source, why: `nothing at ${resolved}` })
    failed = true
    return null
  }
  return resolved
}
const skillsDir = want('skills') ? locate('skills', opt['skills-dir']) : null
const titlesDir = want('families') ? locate('titles', opt['titles-dir']) : null
const postingsDir = want('postings') ? locate('postings', opt['postings-dir']) : null
const sayMissing = () => {
  for (const m of missing) console.error(`\n${howToGet(m.source, m.why)}`)
}
if (!skillsDir && !titlesDir && !postingsDir) {
  sayMissing()
  process.exit(2)
}

const cpu = cpuModel()
const threads = process.env.RAYON_NUM_THREADS ?? '(all)'
const when = new Date().toISOString()
const info = await addon.modelInfo()
const machine = `${cpu}, ${os.cpus().length} cores, RAYON_NUM_THREADS=${threads}; model ${info.name} ${info.precision ?? ''} (${info.kernels ?? '?'} kernels); ${when}; split ${split}`
log(machine)
emit({ part: 'machine', cpu, cores: os.cpus().length, rayonThreads: threads, date: when, model: info.name, precision: info.precision, kernels: info.kernels, node: process.version })

/** Runs one part; an error is reported and the run goes on to the next. */
async function part(name, dir, fn) {
  if (!dir) return null
  try {
    return await fn(dir)
  } catch (e) {
    console.error(`bench/real.mjs: ${name} failed: ${e.code ? `${e.code}: ` : ''}${e.stack ?? e}`)
    failed = true
    return null
  }
}
const startedAll = performance.now()
const skills = await part('skill extraction', skillsDir, partSkills)
await dropAll()
const families = await part('job families', titlesDir, partFamilies)
await dropAll()
const postings = await part('real postings', postingsDir, (dir) => {
  const file = fs.statSync(dir).isFile() ? dir : findIn(dir, ['job_skills.csv'])
  if (!file) throw new Error(`${dir}: no job_skills.csv`)
  return partPostings(file)
})
await dropAll()
clearTimeout(timer)

if (!opt.json) {
  const f = (x) => (x === null || x === undefined ? '—' : x.toFixed(3))
  console.log(`\n${machine}; ${seconds(performance.now() - startedAll)} s`)
  if (skills) {
    console.log(`\nA. Skill extraction — ${SOURCES.skills.url} @ ${skills.source.commit ?? '?'}, ${split}; ${skills.labels} ESCO labels`)
    console.log('| file | sentences (with gold) | method | precision | recall | F1 | RP@5 | seconds |')
    console.log('|---|---:|---|---:|---:|---:|---:|---:|')
    for (const r of results.filter((r) => r.part === 'skills' && r.method !== 'speed')) {
      const name = r.method === 'ours' ? 'ours: extractSkills' : r.method === 'exact-label' ? 'exact preferred label' : `nearest label (top 1 at cos ≥ ${r.t})`
      if (r.missing) {
        console.log(`| ${r.file} | ${r.sentences} (${r.sentencesWithGold}) | ${name} | — | — | — | — | ${r.missing.includes('MONGODB_URI') ? 'not measured: no MONGODB_URI' : 'not measured: extractSkills missing'} |`)
        continue
      }
      const note = r.errors ? ` (${r.errors} sentences failed, counted as no prediction)` : ''
      console.log(`| ${r.file} | ${r.sentences} (${r.sentencesWithGold}) | ${name} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${f(r.rp5)} | ${r.seconds}${note} |`)
    }
    const speed = results.find((r) => r.method === 'speed')
    if (speed) console.log(`extractSkills on a ${speed.words}-word text of these sentences: ${speed.ms} ms median of 5 (${speed.skills} skills); names only: ${speed.namesOnlyMs} ms (${speed.namesOnlySkills} skills)`)
    const first = results.find((r) => r.method === 'ours' && r.firstCallSeconds !== undefined)
    if (first) console.log(`ours: the first extractSkills call of the process (not in the rows) took ${first.firstCallSeconds} s`)
    console.log(`nearest label: best top-1 threshold on this split ${skills.sweep.t} (pooled F1 ${f(skills.sweep.f1)}); the rows use t = ${nearestT}`)
  }
  if (families) {
    console.log(`\nB. Job families — ${SOURCES.titles.url}, ${split}: ${families.families} most frequent ESCO occupations, ≤ ${PER_FAMILY} titles each, ${families.postings} postings (${families.distinctTitles} distinct titles ignoring case), title only`)
    console.log(`| method | k | postings clustered | ARI, seed 42 | ARI, mean of ${SEEDS.length} seeds | min–max | seconds (one seed) |`)
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    for (const r of results.filter((r) => r.part === 'families')) {
      const name = r.method === 'clusterJobs' ? 'clusterJobs({ k, force: true, seed })' : 'k-means on title embeddings (k-means++, 20 restarts)'
      console.log(`| ${name} | ${r.k} | ${r.clustered} | ${f(r.ari)} | ${f(r.ariMean)} | ${f(r.ariMin)}–${f(r.ariMax)} | ${r.seconds} |`)
    }
    console.log('seconds: clusterJobs\' first call embeds the titles into the catalogue (later seeds took ' +
      `${results.find((r) => r.method === 'clusterJobs')?.secondsPerLaterSeed ?? '—'} s); k-means: embedding the titles + one seed's 20 restarts in JavaScript`)
  }
  if (postings) {
    console.log(`\nC. Real postings, no skills lists — ${SOURCES.postings.url}, ${split} half: ${postings.postings} postings with descriptions in ${postings.categories} employer-set categories`)
    console.log(`| method | k | postings clustered | ARI, seed 42 | ARI, mean of ${SEEDS.length} seeds | min–max | seconds (one seed) |`)
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    for (const r of results.filter((r) => r.part === 'postings')) {
      const name = r.method === 'clusterJobs' ? 'clusterJobs({ k, force: true, seed })' : 'k-means on whole-text vectors (mean of 200-word windows)'
      console.log(`| ${name} | ${r.k} | ${r.clustered} | ${f(r.ari)} | ${f(r.ariMean)} | ${f(r.ariMin)}–${f(r.ariMax)} | ${r.seconds} |`)
    }
  }
}
sayMissing()
if (failed) process.exit(1)
if (!skills && !families && !postings) process.exit(2)
