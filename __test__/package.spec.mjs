// The package as a backend installs it: `npm run package` packs the main package and the
// linux-x64-gnu platform package; an empty project outside the repository installs the two
// tarballs with cargo out of PATH and no registry reachable, installs the model through the
// package's CLI, then `import`s and `require`s it and runs score_resume and compare_resume_job
// against the local server — under this Node, then Node 22 and 24 (npm's `node@22` / `node@24`
// packages, installed once into ~/.cache/resume-ai/node-<major>).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { addon, freshDatabase, insertFixtures, jobs, resumes } from './helpers.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const modelDir = process.env.RESUME_AI_MODEL_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'resume-ai', 'all-mpnet-base-v2')
let env
let app
let tarballs
let expected
let cleanEnv

/** The environment of a user's shell: no cargo or rustc on PATH, no npm script variables. */
function userEnvironment(extra = {}) {
  const PATH = (process.env.PATH || '')
    .split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, 'cargo')) && !dir.startsWith(root))
    .join(path.delimiter)
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')))
  return { ...base, PATH, ...extra }
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: app, env: cleanEnv, encoding: 'utf8', timeout: 600_000, ...options })
  return { status: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}`, stdout: result.stdout ?? '' }
}

const r = () => resumes.pythonDev._id.toHexString()
const j = () => jobs.pythonBackend._id.toHexString()

const ESM = `import { configure, scoreResume, compareResumeJob, run } from 'resume-ai'
configure({ mongoUri: process.env.MONGODB_URI, dbName: process.env.DB_NAME })
const [r, j] = process.argv.slice(2)
console.log(JSON.stringify({ score: await scoreResume(r), comparison: await compareResumeJob(r, j), viaRun: await run('compare_resume_job', [r, j]) }))
`
const CJS = `const ai = require('resume-ai')
ai.configure({ mongoUri: process.env.MONGODB_URI, dbName: process.env.DB_NAME })
const [r, j] = process.argv.slice(2)
Promise.all([ai.scoreResume(r), ai.compareResumeJob(r, j), ai.run('compare_resume_job', [r, j])]).then(([score, comparison, viaRun]) =>
  console.log(JSON.stringify({ score, comparison, viaRun })))
`
// Types for both module systems, checked by tsc with Node's resolution.
const MTS = `import { scoreResume, type ResumeScore, type Comparison } from 'resume-ai'
const s: Promise<ResumeScore> = scoreResume('a')
// @ts-expect-error the id is a string
void scoreResume(1)
export type C = Comparison
void s
`
const CTS = `import ai = require('resume-ai')
const s: Promise<ai.ResumeScore> = ai.scoreResume('a')
void s
`

before(async () => {
  execFileSync('bash', ['scripts/package.sh'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 })
  tarballs = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.tgz')).map((f) => path.join(root, 'dist', f))
  env = await freshDatabase('package')
  await insertFixtures(env.db)
  expected = {
    score: await addon.scoreResume(r()),
    comparison: await addon.compareResumeJob(r(), j()),
    viaRun: await addon.run('compare_resume_job', [r(), j()]),
  }
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-ai-app-'))
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'hiring-backend', version: '1.0.0', private: true }))
  fs.writeFileSync(path.join(app, 'esm.mjs'), ESM)
  fs.writeFileSync(path.join(app, 'cjs.cjs'), CJS)
  fs.writeFileSync(path.join(app, 'types.mts'), MTS)
  fs.writeFileSync(path.join(app, 'types.cts'), CTS)
  const dbName = env.db.databaseName
  cleanEnv = userEnvironment({ MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB: dbName, DB_NAME: dbName, RESUME_AI_MODEL_DIR: modelDir })
})

after(async () => {
  await env?.close()
  if (app) fs.rmSync(app, { recursive: true, force: true })
})

test('npm run package makes the main package (no binary) and the linux-x64-gnu package', () => {
  const names = tarballs.map((t) => path.basename(t)).sort()
  assert.deepEqual(names, ['resume-ai-0.1.0.tgz', 'resume-ai-linux-x64-gnu-0.1.0.tgz'])
  const list = (t) => execFileSync('tar', ['-tzf', t], { encoding: 'utf8' }).split('\n').filter(Boolean)
  const main = list(tarballs.find((t) => t.endsWith('resume-ai-0.1.0.tgz')))
  assert.ok(!main.some((f) => f.endsWith('.node')), 'no binary in the main package')
  for (const f of ['package/index.js', 'package/index.d.ts', 'package/bin/resume-ai.js', 'package/scripts/fetch-model.sh']) assert.ok(main.includes(f), f)
  assert.ok(list(tarballs.find((t) => t.includes('linux-x64-gnu'))).includes('package/resume-ai.linux-x64-gnu.node'))
})

test('an empty project installs the tarballs with no cargo and no registry, without EBADENGINE', () => {
  assert.equal(sh('sh', ['-c', 'command -v cargo || true']).stdout.trim(), '', 'cargo is out of reach')
  // An unreachable registry: the other platforms' optional packages are skipped, ours come
  // from the tarballs alone.
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--fetch-retries=0', '--registry=http://127.0.0.1:9/', ...tarballs])
  assert.equal(install.status, 0, install.out)
  assert.doesNotMatch(install.out, /EBADENGINE/)
  assert.ok(fs.existsSync(path.join(app, 'node_modules/resume-ai-linux-x64-gnu/resume-ai.linux-x64-gnu.node')))
  assert.ok(!fs.readdirSync(path.join(app, 'node_modules/resume-ai')).some((f) => f.endsWith('.node')))
})

test('npx resume-ai install-model verifies the installed model; doctor reports and fails on what is missing', () => {
  const model = sh('npx', ['resume-ai', 'install-model'])
  assert.equal(model.status, 0, model.out)
  assert.match(model.out, /already installed|verified existing copy/)

  const doctor = sh('npx', ['resume-ai', 'doctor', '--json'])
  assert.equal(doctor.status, 0, doctor.out)
  const report = JSON.parse(doctor.stdout)
  assert.deepEqual(report.checks.map((c) => [c.name, c.ok]), [['node', true], ['addon', true], ['model', true], ['cpu', true], ['database', true], ['indexes', true]])
  assert.match(report.checks.find((c) => c.name === 'model').detail, /verified/)
  assert.match(report.checks.find((c) => c.name === 'addon').detail, /node_modules\/resume-ai-linux-x64-gnu\/resume-ai\.linux-x64-gnu\.node/)
  // A database no call has used yet lacks the cache indexes (doctor creates nothing), which
  // breaks nothing: this user may create them (the local server has no access control, so
  // a user without the privilege cannot be made here), and init or the first call will.
  const unused = { ...cleanEnv, MONGODB_DB: `${cleanEnv.MONGODB_DB}_unused` }
  const fresh = sh('npx', ['resume-ai', 'doctor', '--json'], { env: unused })
  assert.equal(fresh.status, 0, fresh.out)
  const indexes = JSON.parse(fresh.stdout).checks.find((c) => c.name === 'indexes')
  assert.equal(indexes.ok, true)
  assert.match(indexes.detail, /^missing resumeembeddings\(resume\).*: will be created by `npx resume-ai init` or the first call$/)
  // init creates them, and running it again changes nothing.
  for (const round of [1, 2]) {
    const init = sh('npx', ['resume-ai', 'init'], { env: unused })
    assert.equal(init.status, 0, `init ${round}: ${init.out}`)
    assert.match(init.out, /^ok {3}resumeembeddings\(resume\) unique$/m)
    assert.match(init.out, /^ok {3}resumeembeddings\(updatedAt\) TTL 7776000 s$/m)
    assert.doesNotMatch(init.out, /FAIL/)
  }
  const after = sh('npx', ['resume-ai', 'doctor'], { env: unused })
  assert.equal(after.status, 0, after.out)
  assert.match(after.out, /ok {3}indexes +all \d+ cache indexes present/)
  const initDown = sh('npx', ['resume-ai', 'init'], { env: { ...cleanEnv, MONGODB_URI: 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300' } })
  assert.equal(initDown.status, 1, initDown.out)
  assert.match(initDown.out, /FAIL DB_UNAVAILABLE/)
  const down = sh('npx', ['resume-ai', 'doctor'], { env: { ...cleanEnv, MONGODB_URI: 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300' } })
  assert.equal(down.status, 1, down.out)
  assert.match(down.out, /FAIL database +DB_UNAVAILABLE/)
  const noModel = sh('npx', ['resume-ai', 'doctor'], { env: { ...cleanEnv, RESUME_AI_MODEL_DIR: path.join(app, 'no-model') } })
  assert.equal(noModel.status, 1)
  assert.match(noModel.out, /FAIL model .*npx resume-ai install-model/)
})

test('import and require give the in-repo results; the types check under ESM and CommonJS', () => {
  for (const script of ['esm.mjs', 'cjs.cjs']) {
    const out = sh(process.execPath, [script, r(), j()])
    assert.equal(out.status, 0, out.out)
    assert.deepEqual(JSON.parse(out.stdout), JSON.parse(JSON.stringify(expected)), script)
  }
  const tsc = sh(path.join(root, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules/@types'), 'types.mts', 'types.cts'])
  assert.equal(tsc.status, 0, tsc.out)
})

for (const major of [22, 24]) {
  test(`Node ${major}: import and require give the same results`, () => {
    const prefix = path.join(os.homedir(), '.cache', 'resume-ai', `node-${major}`)
    const node = path.join(prefix, 'node_modules', 'node', 'bin', 'node')
    if (!fs.existsSync(node)) {
      const got = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, `node@${major}`], { encoding: 'utf8', timeout: 600_000 })
      assert.equal(got.status, 0, `${got.stdout}${got.stderr}`)
    }
    const version = sh(node, ['--version']).stdout.trim()
    assert.match(version, new RegExp(`^v${major}\\.`))
    for (const script of ['esm.mjs', 'cjs.cjs']) {
      const out = sh(node, [script, r(), j()])
      assert.equal(out.status, 0, out.out)
      assert.deepEqual(JSON.parse(out.stdout), JSON.parse(JSON.stringify(expected)), `${script} under ${version}`)
    }
    console.log(`Node ${version}: ESM and CommonJS results equal the in-repo ones`)
  })
}
