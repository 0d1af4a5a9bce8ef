// `npm run bench`: the encoder's throughput, latency and cold start, and, where the peer
// harness is present, onnxruntime-node on the same inputs in the same sitting, with ratios.
//
// Lines (the peer harness's protocol, so that figures compare):
//   short   1,000 skill names, sorted by length, batches of 32      texts/s
//   paras   200 paragraphs of ~100 words, sorted, batches of 16     texts/s
//   lat10   one 10-word sentence, median of 50 calls after 5        ms
//   lat120  one 120-word paragraph, median of 30 calls after 5      ms
//   cold    process start to the first vector (process.uptime)      ms
//
// The peer: the harness folder named by `PEER_BENCH` (not part of this repository), built once
// with its `setup`. When it is present its inputs (bench_data.json) are used and `run` is called
// between our runs; when absent, our own inputs (bench/inputs.json) and no ratios.
// Each configuration runs in a fresh process; BENCH_RUNS (default 3) rounds, each round
// measuring every configuration once, so that all figures come from one sitting.
// Configurations: ours fp32, bf16 (only where the CPU has AVX512_BF16) and int8, the peer in
// fp32 and (after its `setup --int8`) int8, and
// `BENCH_BEFORE=/path/to/addon.node` adds another build (say, main before a change).
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = fileURLToPath(new URL('..', import.meta.url))
const peerDir = process.env.PEER_BENCH ? resolve(process.env.PEER_BENCH) : null
const peerHome = process.env.PEER_DIR ?? join(process.env.HOME ?? '', '.cache', 'resume-ai-peer')
const peerModel = join(peerHome, 'onnx', 'all-mpnet-base-v2', 'onnx', 'model.onnx')
const peerInt8Model = join(peerHome, 'onnx-int8', 'model.onnx')
const peerReady = peerDir !== null && existsSync(join(peerDir, 'run')) && existsSync(peerModel)
// The peer's dynamic int8 model, where its `setup --int8` wrote one.
const peerInt8Ready = peerReady && existsSync(peerInt8Model)

const LINES = [
  { key: 'short', label: 'short: 1,000 skill names, batches of 32', unit: 'texts/s', higherIsBetter: true },
  { key: 'paras', label: 'paras: 200 paragraphs, batches of 16', unit: 'texts/s', higherIsBetter: true },
  { key: 'lat10', label: 'lat10: one 10-word sentence', unit: 'ms', higherIsBetter: false },
  { key: 'lat120', label: 'lat120: one 120-word paragraph', unit: 'ms', higherIsBetter: false },
  { key: 'cold', label: 'cold: process start → first vector', unit: 'ms', higherIsBetter: false },
]

function inputs() {
  const peerData = peerDir && join(peerDir, 'bench_data.json')
  if (peerData && existsSync(peerData)) {
    const d = JSON.parse(readFileSync(peerData, 'utf8'))
    return { source: peerData, short: d.short_skills, paras: d.paragraphs_100w, lat10: d.sentence_10w, lat120: d.paragraph_120w }
  }
  const d = JSON.parse(readFileSync(join(root, 'bench', 'inputs.json'), 'utf8'))
  return { source: 'bench/inputs.json', short: d.skills, paras: d.paragraphs, lat10: d.sentence10, lat120: d.paragraph120 }
}

// Useful work of one text of L tokens, as the peer harness counts it: the linear layers
// (2 flops per weight per token) and attention's two L×L products per layer.
const LINEAR_WEIGHTS = 12 * (4 * 768 * 768 + 2 * 768 * 3072)
const flopsOf = (tokens) => 2 * LINEAR_WEIGHTS * tokens + 4 * 12 * 768 * tokens * tokens

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const now = () => Number(process.hrtime.bigint()) / 1e6

// ---- one configuration, in this process -------------------------------------------------
async function measure(addonPath) {
  const { embed, modelInfo } = require(addonPath)
  const data = inputs()
  const info = await modelInfo()
  const encode = async (texts, batchSize) => {
    const order = [...texts.keys()].sort((a, b) => texts[b].length - texts[a].length || a - b)
    for (let s = 0; s < texts.length; s += batchSize) await embed(order.slice(s, s + batchSize).map((i) => texts[i]))
  }
  const throughput = async (texts, batchSize) => {
    await encode(texts.slice(0, batchSize * 2), batchSize) // warm-up, as the peer
    const t0 = now()
    await encode(texts, batchSize)
    return texts.length / ((now() - t0) / 1e3)
  }
  const latency = async (text, calls) => {
    for (let i = 0; i < 5; i++) await embed([text])
    const times = []
    for (let i = 0; i < calls; i++) {
      const t0 = now()
      await embed([text])
      times.push(now() - t0)
    }
    return median(times)
  }
  return {
    precision: info.precision,
    kernels: info.kernels,
    threads: info.threads,
    short: await throughput(data.short, 32),
    paras: await throughput(data.paras, 16),
    lat10: await latency(data.lat10, 50),
    lat120: await latency(data.lat120, 30),
  }
}

async function cold(addonPath) {
  const { embed } = require(addonPath)
  await embed(['This is a short test sentence.'])
  return process.uptime() * 1e3
}

// ---- the sitting: every configuration, BENCH_RUNS rounds --------------------------------
function child(mode, addonPath, env) {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, addonPath], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (out.status !== 0) throw new Error(`${mode} run of ${addonPath} failed`)
  return JSON.parse(out.stdout.trim().split('\n').pop())
}

function peerRun(...args) {
  const out = spawnSync('bash', [join(peerDir, 'run'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (out.status !== 0) throw new Error('the peer harness failed')
  return JSON.parse(out.stdout.trim().split('\n').pop())
}

function cpuModel() {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const range = (xs) => {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)]
  return fmt(lo) === fmt(hi) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`
}

async function sitting() {
  const runs = Number(process.env.BENCH_RUNS ?? 3)
  const addon = join(root, 'index.js')
  const configs = []
  if (process.env.BENCH_BEFORE) configs.push({ name: 'before', addon: resolve(process.env.BENCH_BEFORE), env: { RESUME_AI_PRECISION: 'fp32' } })
  configs.push({ name: 'fp32', addon, env: { RESUME_AI_PRECISION: 'fp32' } })
  configs.push({ name: 'bf16', addon, env: { RESUME_AI_PRECISION: 'bf16' } })
  configs.push({ name: 'int8', addon, env: { RESUME_AI_PRECISION: 'int8' } })

  const data = inputs()
  // Tokens are the same for both engines (one tokenizer.json); counted once, here.
  const { tokenize } = require(addon)
  const tokensOf = async (texts) => (await tokenize(texts)).map((ids) => ids.length)
  const work = {
    paras: (await tokensOf(data.paras)).reduce((sum, l) => sum + flopsOf(l), 0) / data.paras.length,
    lat120: flopsOf((await tokensOf([data.lat120]))[0]),
  }
  console.log(`resume-ai bench — ${new Date().toISOString().slice(0, 16)}Z, cpu: ${cpuModel()}, RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS ?? 'unset'}, node ${process.version}`)
  console.log(`inputs: ${data.source}`)
  console.log(peerReady ? `peer: onnxruntime-node via ${peerDir}/run, in the same rounds` : peerDir === null ? 'peer: PEER_BENCH not set (the onnxruntime-node harness folder): no ratios' : `peer: not installed (${peerDir}; build it with its setup): no ratios`)

  const results = Object.fromEntries([...configs.map((c) => c.name), 'peer', 'peerInt8'].map((n) => [n, []]))
  // Each configuration's packed-weights file is written by its first process: a start that
  // would build it is not a cold start, so every configuration starts once before the rounds.
  for (const c of configs) child('--cold', c.addon, c.env)
  for (let r = 0; r < runs; r++) {
    if (peerReady) results.peer.push(peerRun())
    if (peerInt8Ready) results.peerInt8.push(peerRun('--int8'))
    for (const c of configs) {
      const figures = child('--measure', c.addon, c.env)
      figures.cold = child('--cold', c.addon, c.env)
      results[c.name].push(figures)
    }
    console.log(`round ${r + 1}/${runs} done`)
  }
  // bf16 asked for on a CPU without AVX512_BF16 runs fp32: say so instead of a bf16 column.
  const shown = configs.filter((c) => c.name !== 'bf16' || results.bf16.every((f) => f.precision === 'bf16'))
  if (shown.length < configs.length) console.log('bf16: this CPU has no AVX512_BF16, so bf16 mode runs fp32 here: not shown')
  const first = results.fp32[0]
  console.log(`ours: kernels ${first.kernels}, ${first.threads} threads\n`)

  const head = ['line', ...(peerReady ? ['onnxruntime-node fp32'] : []), ...(peerInt8Ready ? ['onnxruntime-node int8'] : []), ...shown.flatMap((c) => [`resume-ai ${c.name}`, ...(peerReady ? ['ratio'] : [])])]
  const rows = LINES.map((line) => {
    const cells = [`${line.label} (${line.unit})`]
    const peer = results.peer.map((f) => f[line.key])
    if (peerReady) cells.push(range(peer))
    if (peerInt8Ready) cells.push(range(results.peerInt8.map((f) => f[line.key])))
    for (const c of shown) {
      const ours = results[c.name].map((f) => f[line.key])
      cells.push(range(ours))
      if (peerReady) {
        const ratios = ours.map((v, i) => (line.higherIsBetter ? v / peer[i] : peer[i] / v))
        cells.push(`${range(ratios)}x`)
      }
    }
    return cells
  })
  console.log(`| ${head.join(' | ')} |`)
  console.log(`|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`)
  for (const cells of rows) console.log(`| ${cells.join(' | ')} |`)
  console.log(`\n${runs} rounds; a range is min–max over the rounds; a ratio compares the runs of one round with onnxruntime-node fp32 (above 1: resume-ai is faster).`)
  if (shown.some((c) => c.name === 'bf16')) {
    for (const key of ['paras', 'lat120']) {
      const line = LINES.find((l) => l.key === key)
      const ratios = results.int8.map((f, i) => (line.higherIsBetter ? f[key] / results.bf16[i][key] : results.bf16[i][key] / f[key]))
      console.log(`int8 against bf16, ${key}: ${range(ratios)}x`)
    }
  }
  // GFLOP/s of useful work (no padding counted): how close each engine runs to the CPU's peak.
  const gflops = {
    paras: (textsPerSecond) => (textsPerSecond * work.paras) / 1e9,
    lat120: (ms) => work.lat120 / (ms / 1e3) / 1e9,
  }
  for (const key of ['paras', 'lat120']) {
    const cells = [...(peerReady ? [['onnxruntime-node', results.peer]] : []), ...shown.map((c) => [`resume-ai ${c.name}`, results[c.name]])]
      .map(([name, runs]) => `${name} ${range(runs.map((f) => gflops[key](f[key])))}`)
    console.log(`useful GFLOP/s, ${key}: ${cells.join(', ')}`)
  }
  const quality = qualityReport(configs.filter((c) => shown.includes(c)))
  console.log(JSON.stringify({ runs: results, quality }))
}

// ---- quality: each precision against sentence-transformers and against our fp32 ------------
function qualityChild(args, env) {
  const out = spawnSync(process.execPath, [join(root, 'bench', 'quality.mjs'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (out.status !== 0) throw new Error(`quality run ${args.join(' ')} failed`)
  return JSON.parse(out.stdout.trim().split('\n').pop())
}

function qualityReport(ours) {
  const rows = ours.map((c) => ({ name: `resume-ai ${c.name}`, ...qualityChild(['ours', c.addon], c.env) }))
  if (peerReady) rows.unshift({ name: 'onnxruntime-node fp32', ...qualityChild(['peer', peerHome], { ONNX_PATH: peerModel }) })
  if (peerInt8Ready) rows.splice(1, 0, { name: 'onnxruntime-node int8', ...qualityChild(['peer', peerHome], { ONNX_PATH: peerInt8Model }) })
  const reference = rows.find((r) => r.name === 'resume-ai fp32').top5
  const unchanged = (lists, set) => lists[set].filter((l, i) => l.join() === reference[set][i].join()).length / lists[set].length
  console.log('\nquality: cosine against sentence-transformers on the golden texts; top 5 postings per resume (by text cosine) as fp32 ranks them')
  console.log('| encoder | worst golden cosine | mean | top 5 unchanged, matching set | top 5 unchanged, demo |')
  console.log('|---|---:|---:|---:|---:|')
  const report = rows.map((r) => {
    const row = {
      name: r.name,
      worst: Math.min(...r.golden),
      mean: r.golden.reduce((a, b) => a + b) / r.golden.length,
      matching: unchanged(r.top5, 'matching'),
      demo: unchanged(r.top5, 'demo'),
    }
    const share = (x, set) => `${(100 * x).toFixed(1)}% of ${r.top5[set].length}`
    console.log(`| ${row.name} | ${row.worst.toFixed(5)} | ${row.mean.toFixed(6)} | ${share(row.matching, 'matching')} | ${share(row.demo, 'demo')} |`)
    return row
  })
  return report
}

const [mode, addonPath] = process.argv.slice(2)
if (mode === '--measure') console.log(JSON.stringify(await measure(addonPath)))
else if (mode === '--cold') console.log(JSON.stringify(await cold(addonPath)))
else await sitting()
