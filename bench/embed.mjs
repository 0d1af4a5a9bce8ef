// `npm run bench`: encoder throughput, latency and cold start on fixed inputs (bench/inputs.json,
// made by bench/make-inputs.js with a fixed seed). Only this run's figures: a peer's figures
// mean something only when measured beside these, in the same sitting on the same machine.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = fileURLToPath(new URL('..', import.meta.url))
const { embed, tokenize, modelInfo } = require('../index.js')
const inputs = JSON.parse(readFileSync(new URL('./inputs.json', import.meta.url)))

const UNITS = { skills: 'texts/s', paragraphs: 'texts/s', sentence10: 'ms', paragraph120: 'ms', coldStart: 's' }

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function throughput(texts, batchSize) {
  const tokens = (await tokenize(texts)).reduce((n, ids) => n + ids.length, 0)
  await embed(texts.slice(0, batchSize)) // warm-up
  const start = process.hrtime.bigint()
  for (let i = 0; i < texts.length; i += batchSize) await embed(texts.slice(i, i + batchSize))
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { textsPerSecond: texts.length / seconds, tokensPerSecond: tokens / seconds, tokens, seconds }
}

async function latencyMs(text, calls = 50) {
  for (let i = 0; i < 3; i++) await embed([text])
  const times = []
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint()
    await embed([text])
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return median(times)
}

function coldStartSeconds(runs = 3) {
  const script = `require(${JSON.stringify(root + 'index.js')}).embed(['Senior backend engineer with Python']).then(() => {})`
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const child = spawnSync(process.execPath, ['-e', script], { stdio: 'inherit' })
    if (child.status !== 0) throw new Error('cold start run failed')
    times.push(Number(process.hrtime.bigint() - start) / 1e9)
  }
  return median(times)
}

function row(name, key, value, extra = '') {
  const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
  console.log(`${name.padEnd(46)} ${(fmt(value) + ' ' + UNITS[key]).padStart(13)}   ${extra}`)
}

function cpuModel() {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

const info = await modelInfo()
console.log(`resume-ai bench: ${info.name}, ${info.threads} threads, node ${process.version}`)
console.log(`cpu: ${cpuModel()}\n`)
const skills = await throughput(inputs.skills, 32)
row('(a) 1000 skill names, batches of 32', 'skills', skills.textsPerSecond, `${skills.tokensPerSecond.toFixed(0)} tokens/s, ${skills.tokens} tokens, no padding`)
const paragraphs = await throughput(inputs.paragraphs, 16)
row('(b) 200 paragraphs, batches of 16', 'paragraphs', paragraphs.textsPerSecond, `${paragraphs.tokensPerSecond.toFixed(0)} tokens/s, ${paragraphs.tokens} tokens`)
row('(c) latency, 10-word sentence', 'sentence10', await latencyMs(inputs.sentence10), 'median of 50')
row('(d) latency, 120-word paragraph', 'paragraph120', await latencyMs(inputs.paragraph120), 'median of 50')
row('(e) cold start: node + addon + model + 1 text', 'coldStart', coldStartSeconds(), 'median of 3 fresh processes')
