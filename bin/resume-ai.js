#!/usr/bin/env node
// `resume-ai <command> [args]`: the Python service's command line (`python main.py <command>
// [args]`), same commands, arguments and JSON on stdout. On failure it prints
// {"error", "code"} (plus "traceback" when NODE_ENV=development) and exits with 1.
// The database comes from MONGODB_URI (and MONGODB_DB).
//
// Three commands of the package itself:
//   resume-ai install-model   installs and verifies the model (scripts/fetch-model.sh, as
//                             `npm run model` in the repository; RESUME_AI_MODEL_DIR respected)
//   resume-ai init            creates the cache collections' indexes and TTLs in the database
//                             now (the first call would); safe to run again
//   resume-ai doctor [--json] what a deployment needs: addon, model, CPU, database, indexes;
//                             exits 1 only when something will break
'use strict'

const path = require('node:path')
const { spawnSync } = require('node:child_process')

const [command = '', ...args] = process.argv.slice(2)

if (command === 'install-model') {
  const script = path.join(__dirname, '..', 'scripts', 'fetch-model.sh')
  const { status, error } = spawnSync('bash', [script], { stdio: 'inherit' })
  if (error) console.error(`resume-ai install-model: cannot run bash: ${error.message}`)
  process.exitCode = status ?? 1
} else if (command === 'init') {
  require('../index.js')
    .initDatabase()
    .then(
      (status) => {
        for (const i of status.indexes) {
          const kind = i.unique ? 'unique' : i.ttlSeconds != null ? `TTL ${i.ttlSeconds} s` : 'index'
          process.stdout.write(`${i.present ? 'ok  ' : 'FAIL'} ${i.collection}(${i.keys}) ${kind}\n`)
        }
        process.stdout.write(`database ${status.database}: ${status.indexes.length} cache indexes in place\n`)
        process.exitCode = status.indexes.every((i) => i.present) ? 0 : 1
      },
      (error) => {
        process.stdout.write(`FAIL ${error.code ?? 'ERROR'}: ${error.message}\n`)
        process.exitCode = 1
      },
    )
} else if (command === 'doctor') {
  doctor(args.includes('--json')).then((ok) => {
    process.exitCode = ok ? 0 : 1
  })
} else {
  const { run } = require('../index.js')
  run(command, args).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error) => {
      const failure = { error: error.message, code: error.code || 'INTERNAL_ERROR' }
      if (process.env.NODE_ENV === 'development') failure.traceback = error.stack
      process.stdout.write(JSON.stringify(failure) + '\n')
      process.exitCode = 1
    },
  )
}

/** Checks each part a deployment needs and prints one line per check; true when all pass. */
async function doctor(asJson) {
  const checks = []
  const check = (name, ok, detail) => checks.push({ name, ok, detail })
  check('node', true, `${process.version} on ${process.platform}-${process.arch}`)

  let ai
  try {
    ai = require('../index.js')
    const file = Object.keys(require.cache).find((k) => k.endsWith('.node'))
    check('addon', true, `loaded from ${file ?? 'a native module'}`)
  } catch (e) {
    check('addon', false, `cannot load the native addon: ${e.message.split('\n')[0]}`)
  }
  if (ai) {
    try {
      const info = await ai.modelInfo()
      check('model', info.verified, `${info.name} in ${info.modelDir}, sha256 ${info.sha256.slice(0, 12)}…${info.verified ? ' verified' : ' does NOT match the published weights'}`)
      check('cpu', true, `${info.threads} compute threads; SIMD: ${info.cpuFeatures.join(', ') || 'none detected (portable kernels)'}`)
    } catch (e) {
      check('model', false, `${e.message} (install it with: npx resume-ai install-model)`)
    }
    if (!process.env.MONGODB_URI) {
      check('database', false, 'MONGODB_URI is not set')
    } else {
      try {
        const status = await ai.databaseStatus()
        check('database', true, `reachable, database ${status.database}`)
        const missing = status.indexes.filter((i) => !i.present)
        const names = missing.map((i) => `${i.collection}(${i.keys})`).join(', ')
        // Missing indexes break nothing while the user may create them: init or the first
        // call does. Without the privilege, every call would fail creating them.
        check(
          'indexes',
          missing.length === 0 || status.canCreateIndexes !== false,
          missing.length === 0
            ? `all ${status.indexes.length} cache indexes present`
            : status.canCreateIndexes === false
              ? `missing ${names}, and this user may not create indexes: have an administrator run \`npx resume-ai init\``
              : `missing ${names}: will be created by \`npx resume-ai init\` or the first call`,
        )
      } catch (e) {
        check('database', false, `${e.code ?? 'ERROR'}: ${e.message}`)
      }
    }
  }
  const ok = checks.every((c) => c.ok)
  if (asJson) {
    process.stdout.write(JSON.stringify({ ok, checks }) + '\n')
  } else {
    for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(9)} ${c.detail}\n`)
  }
  return ok
}
