// int8 against sentence-transformers, and the packed-weights file that every process maps:
// built once when processes start together, rebuilt (never trusted) when damaged or foreign,
// and done without where none can be written. Each case runs in child processes with a model
// folder of its own (links to the real model's files), so its packed file is its own.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, statSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const addon = require('../index.js')
const golden = JSON.parse(readFileSync(new URL('./fixtures/golden.json', import.meta.url)))

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0)
const cosine = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))

/** A model folder of links to the real model's files, in a fresh folder; its packed files
 * go to `<root>/packed-weights`. */
async function modelCopy(t) {
  const real = (await addon.modelInfo()).modelDir
  const root = mkdtempSync(join(tmpdir(), 'resume-ai-packed-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  const dir = join(root, 'all-mpnet-base-v2')
  mkdirSync(dir)
  for (const name of readdirSync(real)) symlinkSync(join(real, name), join(dir, name))
  return { root, dir, packed: join(root, 'packed-weights') }
}

/** Embeds every golden text in a child process with `env`; its vectors and modelInfo. */
async function embedInChild(env) {
  const script = `
    const addon = require(${JSON.stringify(require.resolve('../index.js'))})
    const texts = ${JSON.stringify(golden.texts.map((t) => t.text))}
    addon.embed(texts).then(async (vectors) => {
      console.log(JSON.stringify({ vectors: vectors.map((v) => Array.from(v)), info: await addon.modelInfo() }))
    })`
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { err += d })
  const [code] = await once(child, 'exit')
  assert.equal(code, 0, err)
  return JSON.parse(out)
}

/** int8's quality bar: worst golden cosine ≥ 0.995, mean ≥ 0.999. */
function assertQualityBar(vectors, how, t) {
  const cosines = golden.texts.map((entry, i) => cosine(vectors[i], entry.embedding))
  const worst = Math.min(...cosines)
  const mean = cosines.reduce((a, b) => a + b) / cosines.length
  t.diagnostic(`${how}: worst golden cosine ${worst.toFixed(5)}, mean ${mean.toFixed(6)}`)
  assert.ok(worst >= 0.995, `${how}: worst golden cosine ${worst}`)
  assert.ok(mean >= 0.999, `${how}: mean golden cosine ${mean}`)
  assert.ok(worst < 0.99999, `${how}: the vectors are fp32's`)
}

test('int8 meets the quality bar on every golden text with every kernel set, and the sets agree', async (t) => {
  const best = await embedInChild({ RESUME_AI_PRECISION: 'int8' })
  assert.equal(best.info.precision, 'int8')
  assert.equal(best.info.int8Kernels, best.info.cpuFeatures.includes('avx512vnni') && best.info.kernels === 'avx512' ? 'vnni' : 'pairs')
  assertQualityBar(best.vectors, `int8 (${best.info.int8Kernels})`, t)
  for (const kernels of ['avx2', 'portable']) {
    const capped = await embedInChild({ RESUME_AI_PRECISION: 'int8', RESUME_AI_KERNELS: kernels })
    assert.equal(capped.info.precision, 'int8')
    assert.equal(capped.info.int8Kernels, 'pairs')
    assertQualityBar(capped.vectors, `int8 (${kernels} pairs)`, t)
    // The same integer sums for the same inputs on every kernel set; only the f32 steps
    // around them (LayerNorm, softmax, GELU) round differently, which can move an input by a
    // quantization step, so the vectors agree closely but not bit for bit.
    capped.vectors.forEach((v, i) => {
      const agreement = cosine(v, best.vectors[i])
      assert.ok(agreement >= 0.999, `${kernels}: text ${i}: cosine ${agreement} with ${best.info.int8Kernels}`)
    })
  }
})

test("'auto' runs int8 where its kernels are the fastest (VNNI, AVX2) and fp32 elsewhere", async () => {
  for (const [kernels, expected] of [[undefined, null], ['avx2', 'int8'], ['portable', 'fp32']]) {
    const { info } = await embedInChild({ RESUME_AI_PRECISION: 'auto', ...(kernels ? { RESUME_AI_KERNELS: kernels } : {}) })
    const want = expected ?? (info.kernels === 'avx512' && !info.cpuFeatures.includes('avx512vnni') ? 'fp32' : 'int8')
    assert.equal(info.precision, want, `auto with kernels ${info.kernels}`)
  }
})

test('processes starting together build one packed file, and all read it whole', async (t) => {
  const model = await modelCopy(t)
  const env = { RESUME_AI_MODEL_DIR: model.dir, RESUME_AI_PRECISION: 'int8' }
  const runs = await Promise.all([embedInChild(env), embedInChild(env), embedInChild(env)])
  const files = readdirSync(model.packed).filter((f) => f.endsWith('.bin'))
  assert.equal(files.length, 1, `packed files: ${readdirSync(model.packed)}`)
  assert.deepEqual(readdirSync(model.packed).filter((f) => f.includes('partial')), [], 'no temporary file left')
  for (const run of runs) {
    assert.equal(run.info.packedWeights, join(model.packed, files[0]))
    assert.deepEqual(run.vectors, runs[0].vectors, 'every process computes the same vectors')
  }
  assertQualityBar(runs[0].vectors, 'int8 from the packed file', t)
})

test('a damaged or foreign packed file is rebuilt, never trusted', async (t) => {
  const model = await modelCopy(t)
  const env = { RESUME_AI_MODEL_DIR: model.dir, RESUME_AI_PRECISION: 'fp32' }
  const first = await embedInChild(env)
  const file = first.info.packedWeights
  assert.ok(file?.startsWith(model.packed), `mapped from ${file}`)
  const good = readFileSync(file)
  const damaged = [
    ['a flipped bit in the weights', () => { const b = Buffer.from(good); b[b.length >> 1] ^= 0x40; return b }],
    ['a file cut short', () => good.subarray(0, good.length - 4096)],
    ['another model\'s header', () => { const b = Buffer.from(good); b.write('"weights_bytes":1', b.indexOf('"weights_bytes":')); return b }],
    ['not a packed file', () => Buffer.from('garbage')],
  ]
  for (const [how, bytes] of damaged) {
    writeFileSync(file, bytes())
    const again = await embedInChild(env)
    assert.equal(again.info.packedWeights, file, how)
    assert.ok(readFileSync(file).equals(good), `${how}: the file was rebuilt as it was`)
    again.vectors.forEach((v, i) => assert.ok(cosine(v, golden.texts[i].embedding) >= 0.99999, `${how}: text ${i}`))
  }
})

test('where no packed file can be written, the weights stay in the process and the vectors are the same', async (t) => {
  const model = await modelCopy(t)
  writeFileSync(model.packed, 'a file where the folder would go')
  const run = await embedInChild({ RESUME_AI_MODEL_DIR: model.dir, RESUME_AI_PRECISION: 'fp32' })
  assert.equal(run.info.packedWeights ?? null, null)
  assert.ok(statSync(model.packed).isFile())
  run.vectors.forEach((v, i) => assert.ok(cosine(v, golden.texts[i].embedding) >= 0.99999, `text ${i}`))
})
