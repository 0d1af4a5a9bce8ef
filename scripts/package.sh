#!/usr/bin/env bash
# `npm run package`: the napi-rs release layout for the platform built here (linux-x64-gnu), as
# npm tarballs in dist/:
#   resume-ai-<version>.tgz                 the JS loader, types, CLI and model script; no binary,
#                                           optionalDependencies on every platform package
#   resume-ai-linux-x64-gnu-<version>.tgz   the addon, built in release without test hooks
# The other targets declared in package.json (npm/<target>/package.json: linux-arm64-gnu,
# linux-x64-musl, darwin-arm64, win32-x64-msvc) are built by CI elsewhere, not here.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/napi ] || npm ci --no-audit --no-fund
target=linux-x64-gnu
binary="resume-ai.$target.node"

# The addon as users get it: default features only, built aside (`npm test` builds the tree's
# own copy with test hooks; that one is left alone).
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
npx napi build --platform --release --output-dir "$build" >/dev/null
cp "$build/$binary" "npm/$target/$binary"

rm -rf dist && mkdir -p dist/main
node - <<'JS'
const fs = require('node:fs')
const pkg = require('./package.json')
const targets = fs.readdirSync('npm').filter((d) => fs.existsSync(`npm/${d}/package.json`)).sort()
const main = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  main: pkg.main,
  types: pkg.types,
  exports: pkg.exports,
  bin: pkg.bin,
  engines: pkg.engines,
  files: ['index.js', 'index.d.ts', 'bin/resume-ai.js', 'scripts/fetch-model.sh', 'scripts/model.env', 'README.md'],
  optionalDependencies: Object.fromEntries(targets.map((t) => [require(`./npm/${t}/package.json`).name, pkg.version])),
}
fs.writeFileSync('dist/main/package.json', JSON.stringify(main, null, 2) + '\n')
for (const f of main.files) {
  fs.mkdirSync(require('node:path').dirname(`dist/main/${f}`), { recursive: true })
  fs.copyFileSync(f, `dist/main/${f}`)
}
JS
(cd dist/main && npm pack --silent --pack-destination ..)
(cd "npm/$target" && npm pack --silent --pack-destination ../../dist)
rm -rf dist/main
ls -l dist
