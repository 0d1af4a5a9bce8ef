#!/usr/bin/env node
// `resume-ai <command> [args]`: the Python service's command line (`python main.py <command>
// [args]`), same commands, arguments and JSON on stdout. On failure it prints
// {"error", "code"} (plus "traceback" when NODE_ENV=development) and exits with 1.
// The database comes from MONGODB_URI (and MONGODB_DB).
'use strict'

const { run } = require('../index.js')

const [command = '', ...args] = process.argv.slice(2)
run(command, args).then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error) => {
    const failure = { error: error.message, code: error.code || 'INTERNAL_ERROR' }
    if (process.env.NODE_ENV === 'development') failure.traceback = error.stack
    process.stdout.write(JSON.stringify(failure) + '\n')
    process.exitCode = 1
  },
)
