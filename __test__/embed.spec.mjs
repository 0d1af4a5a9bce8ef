// The encoder against sentence-transformers: golden token ids and vectors written by
// scripts/golden.py from the real all-mpnet-base-v2 (see that script to regenerate them).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'

const require = createRequire(import.meta.url)
const addon = require('../index.js')
const { embed, modelInfo } = addon
const golden = JSON.parse(readFileSync(new URL('./fixtures/golden.json', import.meta.url)))

const COSINE_MIN = 0.99999
const MAX_ABS_DIFF = 1e-5

function compare(actual, expected) {
  assert.equal(actual.length, expected.length)
  let dot = 0, na = 0, nb = 0, maxDiff = 0
  for (let i = 0; i < expected.length; i++) {
    dot += actual[i] * expected[i]
    na += actual[i] * actual[i]
    nb += expected[i] * expected[i]
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]))
  }
  return { cosine: dot / Math.sqrt(na * nb), maxDiff }
}

function assertClose(actual, entry, how) {
  const { cosine, maxDiff } = compare(actual, entry.embedding)
  const label = `${how}: ${JSON.stringify(entry.text.slice(0, 40))}`
  assert.ok(cosine >= COSINE_MIN, `${label} cosine ${cosine}`)
  assert.ok(maxDiff <= MAX_ABS_DIFF, `${label} max |diff| ${maxDiff}`)
}

test('fixture covers what the correctness contract names', () => {
  assert.ok(golden.texts.length >= 40)
  const lengths = golden.texts.map((t) => t.token_ids.length)
  assert.ok(lengths.some((n) => n > 128 && n < 384), 'a text over 128 tokens')
  assert.ok(lengths.includes(384), 'a text truncated at 384 tokens')
  assert.ok(golden.texts.some((t) => t.text === ''), 'the empty string')
})

test('modelInfo describes the loaded model', async () => {
  const info = await modelInfo()
  assert.equal(info.name, 'all-mpnet-base-v2')
  assert.equal(info.dimension, 768)
  assert.equal(info.maxTokens, 384)
  assert.equal(info.sha256, '78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658')
  assert.ok(info.threads >= 1)
})

test('token ids equal sentence-transformers for every golden text', async () => {
  const { tokenize } = require('../index.js')
  const ids = await tokenize(golden.texts.map((t) => t.text))
  golden.texts.forEach((entry, i) => assert.deepEqual(ids[i], entry.token_ids, JSON.stringify(entry.text.slice(0, 40))))
})

test('each text encoded alone matches sentence-transformers', async () => {
  for (const entry of golden.texts) {
    const [vector] = await embed([entry.text])
    assert.ok(vector instanceof Float32Array)
    assertClose(vector, entry, 'alone')
  }
})

test('each text encoded inside a batch with longer texts matches too', async () => {
  const longest = [...golden.texts].sort((a, b) => b.token_ids.length - a.token_ids.length).slice(0, 3)
  const batch = [...golden.texts, ...longest]
  const vectors = await embed(batch.map((t) => t.text))
  assert.equal(vectors.length, batch.length)
  batch.forEach((entry, i) => assertClose(vectors[i], entry, 'batched'))
})

test('concurrent callers get their own texts back', async () => {
  const picks = golden.texts.slice(0, 12)
  const results = await Promise.all(picks.map((entry) => embed([entry.text, 'padding text that is somewhat longer than most'])))
  results.forEach(([vector], i) => assertClose(vector, picks[i], 'concurrent'))
})

test('a batch split over several forward passes (BATCH_SIZE=4) matches sentence-transformers too', () => {
  const texts = golden.texts.map((t) => t.text)
  const script = `
    import { createRequire } from 'node:module'
    const addon = createRequire(${JSON.stringify(import.meta.url)})('../index.js')
    const vectors = await addon.embed(${JSON.stringify(texts)})
    console.log(JSON.stringify({ vectors: vectors.map((v) => Array.from(v)), stats: addon.engineStats() }))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, BATCH_SIZE: '4' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 120_000,
  })
  assert.equal(child.status, 0, child.stderr)
  const { vectors, stats } = JSON.parse(child.stdout)
  assert.equal(stats.modelCalls, 1, 'one call')
  assert.ok(stats.forwardPasses >= Math.ceil(texts.length / 4), `split into passes of at most 4 texts: ${stats.forwardPasses}`)
  golden.texts.forEach((entry, i) => assertClose(vectors[i], entry, 'BATCH_SIZE=4'))
})

test('a panic in the model rejects with INTERNAL_ERROR, and the engine serves the next call', async () => {
  assert.equal(typeof addon.__panicInNextModelCall, 'function', 'the addon is built with --features test-hooks (npm test does)')
  addon.__panicInNextModelCall()
  let error
  await embed([`a text nobody embedded before (${process.pid})`]).catch((e) => { error = e })
  assert.ok(error instanceof Error, 'rejected')
  assert.equal(error.code, 'INTERNAL_ERROR')
  assert.equal(error.message, 'Internal error: test hook: a panic in the model')
  const [vector] = await embed([golden.texts[0].text])
  assertClose(vector, golden.texts[0], 'after a panic')
})

test('an empty list gives an empty list; bad input rejects with INVALID_ARGUMENT', async () => {
  assert.deepEqual(await embed([]), [])
  for (const bad of ['not an array', [1], [null], undefined, { length: 1 }]) {
    let error
    const promise = embed(bad) // a rejection, never a synchronous throw
    await promise.catch((e) => { error = e })
    assert.ok(error instanceof Error, JSON.stringify(bad))
    assert.equal(error.code, 'INVALID_ARGUMENT', JSON.stringify(bad))
    assert.match(error.message, /^Invalid argument: texts must be an array of strings, got /)
  }
  let error
  await addon.tokenize('x').catch((e) => { error = e })
  assert.equal(error.code, 'INVALID_ARGUMENT')
})

/** Embeds every golden text alone in a child process with `env`; its vectors and modelInfo. */
function embedInChild(env) {
  const texts = golden.texts.map((t) => t.text)
  const script = `
    import { createRequire } from 'node:module'
    const addon = createRequire(${JSON.stringify(import.meta.url)})('../index.js')
    const vectors = []
    for (const text of ${JSON.stringify(texts)}) vectors.push(Array.from((await addon.embed([text]))[0]))
    console.log(JSON.stringify({ vectors, info: await addon.modelInfo() }))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 300_000,
  })
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout)
}

test('the AVX2 and portable kernels match sentence-transformers too (RESUME_AI_KERNELS caps the kernels)', async () => {
  const best = (await modelInfo()).kernels
  for (const kernels of ['avx2', 'portable']) {
    const { vectors, info } = embedInChild({ RESUME_AI_KERNELS: kernels })
    // A cap never raises the kernels above what the CPU has.
    assert.equal(info.kernels, best === 'portable' || (best === 'avx2' && kernels === 'avx2') ? best : kernels)
    assert.equal(info.precision, 'fp32')
    golden.texts.forEach((entry, i) => assertClose(vectors[i], entry, `kernels ${kernels}`))
  }
})

test("bf16 mode stays within cosine 0.999 of sentence-transformers on every golden text, or runs fp32 where the CPU can't", (t) => {
  const { vectors, info } = embedInChild({ RESUME_AI_PRECISION: 'bf16' })
  if (!info.cpuFeatures.includes('avx512bf16') || info.kernels !== 'avx512') {
    assert.equal(info.precision, 'fp32', 'no AVX512_BF16: fp32 runs, and modelInfo says so')
    golden.texts.forEach((entry, i) => assertClose(vectors[i], entry, 'bf16 asked, fp32 ran'))
    return
  }
  assert.equal(info.precision, 'bf16')
  const cosines = golden.texts.map((entry, i) => compare(vectors[i], entry.embedding).cosine)
  const worst = Math.min(...cosines)
  const mean = cosines.reduce((a, b) => a + b) / cosines.length
  t.diagnostic(`bf16 against sentence-transformers over ${cosines.length} golden texts: worst cosine ${worst.toFixed(5)}, mean ${mean.toFixed(5)}`)
  assert.ok(worst >= 0.999, `worst golden cosine in bf16: ${worst}`)
  // bf16 really ran: its vectors are not the fp32 ones.
  assert.ok(worst < 0.99999, `bf16 vectors equal fp32's (worst cosine ${worst})`)
})

test('configure({ precision }) switches the running precision; a bad one is INVALID_ARGUMENT', async () => {
  const hasBf16 = (await modelInfo()).cpuFeatures.includes('avx512bf16')
  assert.throws(() => addon.configure({ precision: 'fp16' }), (e) => e.code === 'INVALID_ARGUMENT' && /precision must be 'fp32', 'bf16', 'int8' or 'auto'/.test(e.message))
  assert.equal((await modelInfo()).precision, 'fp32', 'a rejected configure changes nothing')
  addon.configure({ precision: 'bf16' })
  try {
    assert.equal((await modelInfo()).precision, hasBf16 ? 'bf16' : 'fp32')
    const [vector] = await embed([golden.texts[1].text])
    assert.ok(compare(vector, golden.texts[1].embedding).cosine >= 0.999)
  } finally {
    addon.configure({ precision: 'fp32' })
  }
  assert.equal((await modelInfo()).precision, 'fp32')
  const [vector] = await embed([golden.texts[1].text])
  assertClose(vector, golden.texts[1], 'fp32 again')
})
