// `npm run bench:memory`: what N worker processes cost the machine, each having loaded the
// model and embedded the same text: the sum of their RSS, the sum of their PSS (shared pages,
// such as the mapped packed-weights file, split between the processes that map them) and the
// machine's used memory (MemTotal − MemAvailable, /proc/meminfo) before and after, for 1 and
// 4 processes, in fp32 and int8. The packed-weights files are built before the first
// measurement, so every process maps an existing one. For comparison, "fp32, private" is fp32
// where no packed file can be written (a model folder of links to the real one, with a file
// where its packed-weights folder would go): each process packs its own copy, as before.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'

const root = fileURLToPath(new URL('..', import.meta.url))
const TEXT = 'Senior backend engineer: Rust, Go, PostgreSQL, Kubernetes; led a team of five.'
const WORKER = `
  const ai = require(${JSON.stringify(root + 'index.js')})
  ai.embed([${JSON.stringify(TEXT)}]).then(async () => {
    const info = await ai.modelInfo()
    console.log(JSON.stringify({ ready: true, precision: info.precision, packed: info.packedWeights ?? null }))
    setInterval(() => {}, 1 << 30)
  })`

const kb = (text, field) => Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN)
const usedMb = () => {
  const info = readFileSync('/proc/meminfo', 'utf8')
  return (kb(info, 'MemTotal') - kb(info, 'MemAvailable')) / 1024
}

async function workers(count, precision, env = {}) {
  const before = usedMb()
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', WORKER], { env: { ...process.env, RESUME_AI_PRECISION: precision, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }))
  const infos = await Promise.all(children.map(async (c) => JSON.parse((await once(c.stdout, 'data'))[0].toString())))
  let rss = 0
  let pss = 0
  for (const c of children) {
    const rollup = readFileSync(`/proc/${c.pid}/smaps_rollup`, 'utf8')
    rss += kb(rollup, 'Rss') / 1024
    pss += kb(rollup, 'Pss') / 1024
  }
  const after = usedMb()
  for (const c of children) c.kill()
  await Promise.all(children.map((c) => once(c, 'exit')))
  return { count, precision: infos[0].precision + (env.RESUME_AI_MODEL_DIR ? ', private' : ''), packed: infos[0].packed, rss, pss, used: after - before }
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown'
console.log(`resume-ai bench:memory — ${new Date().toISOString().slice(0, 16)}Z, cpu: ${cpu}, node ${process.version}`)
const rows = []
for (const precision of ['fp32', 'int8']) {
  // Builds the packed file where it is missing, so that the measured processes map it.
  spawnSync(process.execPath, ['-e', `require(${JSON.stringify(root + 'index.js')}).embed(['x'])`], { env: { ...process.env, RESUME_AI_PRECISION: precision } })
  for (const count of [1, 4]) rows.push(await workers(count, precision))
}
const model = JSON.parse(spawnSync(process.execPath, ['-e', `require(${JSON.stringify(root + 'index.js')}).modelInfo().then((i) => console.log(JSON.stringify(i.modelDir)))`], { encoding: 'utf8' }).stdout)
const scratch = mkdtempSync(join(tmpdir(), 'resume-ai-memory-'))
const privateDir = join(scratch, 'all-mpnet-base-v2')
mkdirSync(privateDir)
for (const name of readdirSync(model)) symlinkSync(join(model, name), join(privateDir, name))
writeFileSync(join(scratch, 'packed-weights'), 'not a folder: no packed file can be written')
for (const count of [1, 4]) rows.push(await workers(count, 'fp32', { RESUME_AI_MODEL_DIR: privateDir }))
rmSync(scratch, { recursive: true, force: true })
console.log('| precision | processes | Σ RSS (MB) | Σ PSS (MB) | machine used, after − before (MB) |')
console.log('|---|---:|---:|---:|---:|')
for (const r of rows) console.log(`| ${r.precision} | ${r.count} | ${r.rss.toFixed(0)} | ${r.pss.toFixed(0)} | ${r.used.toFixed(0)} |`)
for (const precision of ['fp32', 'int8', 'fp32, private']) {
  const [one, four] = rows.filter((r) => r.precision === precision)
  // The machine's used memory moves by tens of MB with everything else it does, so only Σ PSS
  // gives a ratio; the used deltas are printed as measured.
  console.log(`${precision}: 4 processes / 1, Σ PSS ${(four.pss / one.pss).toFixed(2)}x; weights mapped from ${one.packed ?? '(none: in private memory)'}`)
}
console.log(JSON.stringify(rows))
