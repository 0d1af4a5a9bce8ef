// `connect()`: clients with a configuration and a database of their own, side by side with
// the free functions (the default client); and the environment, read once and checked.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { addon, freshDatabase, resumes, rejection } from './helpers.mjs'

let first
let second
let fallback
before(async () => {
  first = await freshDatabase('resume_ai_client_a', { configure: false })
  second = await freshDatabase('resume_ai_client_b', { configure: false })
  fallback = await freshDatabase('resume_ai_client_default') // the default client's
})
after(async () => {
  for (const database of [first, second, fallback]) await database.close()
})

test('a client has every function of the module as a method', () => {
  const ai = addon.connect(first.options)
  const notCommands = new Set(['connect', 'configure', 'Client'])
  const functions = Object.keys(addon).filter((name) => typeof addon[name] === 'function' && !name.startsWith('__') && !notCommands.has(name))
  assert.ok(functions.length >= 20, functions.join(', '))
  for (const name of [...functions, 'configure']) assert.equal(typeof ai[name], 'function', name)
  assert.ok(ai instanceof addon.Client)
})

test('two clients use two databases at once; the default client is left alone', async () => {
  // The same id in both databases, with different documents behind it.
  const _id = resumes.pythonDev._id
  await first.db.collection('resumes').insertOne({ ...resumes.pythonDev })
  await second.db.collection('resumes').insertOne({ ...resumes.nurse, _id })
  const [a, b] = [addon.connect(first.options), addon.connect(second.options)]
  const [scoreA, scoreB] = await Promise.all([a.scoreResume(_id.toHexString()), b.scoreResume(_id.toHexString())])
  assert.notDeepEqual(scoreA.breakdown, scoreB.breakdown, 'each client read its own database')
  assert.equal(await first.db.collection('resumescores').countDocuments(), 1)
  assert.equal(await second.db.collection('resumescores').countDocuments(), 1)
  // The default client points at a database without that resume.
  const missing = await rejection(addon.scoreResume(_id.toHexString()))
  assert.equal(missing.code, 'RESUME_NOT_FOUND')
  // A client's configure changes that client only.
  b.configure(first.options)
  assert.deepEqual((await b.scoreResume(_id.toHexString())).breakdown, scoreA.breakdown)
  assert.deepEqual((await a.scoreResume(_id.toHexString())).breakdown, scoreA.breakdown)
})

test('connect with a bad option throws INVALID_ARGUMENT', () => {
  for (const bad of [{ mongoUri: '' }, { limits: { skills: 0 } }, { matching: 'fuzzy' }, 'mongodb://x']) {
    assert.throws(() => addon.connect(bad), (e) => e.code === 'INVALID_ARGUMENT', JSON.stringify(bad))
  }
})

test('an environment variable with a bad value is INVALID_ARGUMENT naming it, not ignored', () => {
  const probe = `
    const addon = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    addon.embed(['hello']).then(() => console.log(JSON.stringify({ ok: true })),
      (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`
  for (const [name, value] of [['BATCH_SIZE', '0'], ['BATCH_SIZE', 'lots'], ['RESUME_AI_KERNELS', 'avx9'], ['RESUME_AI_PRECISION', 'int4']]) {
    const child = spawnSync(process.execPath, ['-e', probe], { env: { ...process.env, [name]: value }, encoding: 'utf8', timeout: 60_000 })
    assert.equal(child.status, 0, child.stderr)
    const result = JSON.parse(child.stdout)
    assert.equal(result.code, 'INVALID_ARGUMENT', `${name}=${value}: ${child.stdout}`)
    assert.ok(result.message.includes(name), result.message)
  }
})
