// The encoder's quality in one precision, for `npm run bench` (bench/embed.mjs): cosine against
// sentence-transformers on the golden texts, and the top 5 postings of each resume on two sets
// (the labelled matching set of the tests, and the demo's data), ranked by the cosine of the
// resume's text with each posting's text. The sitting compares those lists with fp32's.
//
//   node bench/quality.mjs ours <addon>        our encoder, in RESUME_AI_PRECISION
//   node bench/quality.mjs peer <peer dir>     onnxruntime-node on ONNX_PATH (the peer harness's model)
// prints one JSON line: { golden: [cosines], top5: { matching: [[ids]], demo: [[ids]] } }
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { generateMatchingSet } from '../__test__/support/matching-set.mjs'
import { makeResumes, makeJobPostings } from '../demo/seed-data.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const MAX_TOKENS = 384
const TOP = 5

/** A document's words: every string in it, except ids, contact details and dates. */
function textOf(doc) {
  const skip = /^(_id|id|email|phone|userId|status|createdAt|updatedAt|postedDate|startDate|endDate)$/
  const parts = []
  const walk = (value, key) => {
    if (skip.test(key ?? '')) return
    if (typeof value === 'string') parts.push(value)
    else if (Array.isArray(value)) value.forEach((v) => walk(v))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
  }
  walk(doc)
  return parts.join('. ')
}

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0)
const cosine = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))

async function ourEncoder(addonPath) {
  const { embed } = createRequire(import.meta.url)(addonPath)
  return async (texts) => (await embed(texts)).map((v) => Array.from(v))
}

/** onnxruntime-node with the peer harness's tokenizer and ONNX model (its graph pools and
 * normalises), truncated as sentence-transformers truncates: <s>, 382 tokens, </s>. */
async function peerEncoder(peerHome) {
  const require = createRequire(join(peerHome, 'node', 'package.json'))
  const ort = require('onnxruntime-node')
  const { env, AutoTokenizer } = await import(join(peerHome, 'node/node_modules/@huggingface/transformers/dist/transformers.node.mjs'))
  env.allowRemoteModels = false
  env.localModelPath = join(peerHome, 'onnx') + '/'
  const tokenizer = await AutoTokenizer.from_pretrained('all-mpnet-base-v2', { local_files_only: true })
  const session = await ort.InferenceSession.create(process.env.ONNX_PATH, { intraOpNumThreads: 2, interOpNumThreads: 1 })
  return async (texts) => {
    const out = []
    for (const text of texts) {
      let ids = Array.from(tokenizer(text).input_ids.data)
      if (ids.length > MAX_TOKENS) ids = [...ids.slice(0, MAX_TOKENS - 1), ids[ids.length - 1]]
      const dims = [1, ids.length]
      const feeds = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), dims),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
      }
      out.push(Array.from((await session.run(feeds, ['sentence_embedding'])).sentence_embedding.data))
    }
    return out
  }
}

/** Each resume's top postings by cosine, as posting indices. */
async function topLists(encode, resumes, postings) {
  const r = await encode(resumes.map(textOf))
  const p = await encode(postings.map(textOf))
  return r.map((v) => p.map((w, i) => [cosine(v, w), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, TOP).map(([, i]) => i))
}

const [engine, where] = process.argv.slice(2)
const encode = engine === 'peer' ? await peerEncoder(where) : await ourEncoder(where)
const golden = JSON.parse(readFileSync(join(root, '__test__/fixtures/golden.json'), 'utf8')).texts
const goldenVectors = await encode(golden.map((g) => g.text))
const set = generateMatchingSet()
console.log(JSON.stringify({
  golden: goldenVectors.map((v, i) => cosine(v, golden[i].embedding)),
  top5: {
    matching: await topLists(encode, set.resumes, set.postings),
    demo: await topLists(encode, makeResumes(), makeJobPostings()),
  },
}))
