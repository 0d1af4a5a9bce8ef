// The documentation a newcomer reads: a short README, and links between the README and docs/
// that lead somewhere. Checks files and headings, not prose.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const README_MAX_LINES = 250

/** The Markdown pages: README, CHANGELOG and docs/ (not the generated API reference). */
function pages() {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name))
  return [join(ROOT, 'README.md'), join(ROOT, 'CHANGELOG.md'), ...docs]
}

/** The page's text outside fenced code blocks, line by line. */
function proseLines(text) {
  let fenced = false
  return text.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced
      return false
    }
    return !fenced
  })
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor a page offers, with GitHub's -1, -2 … for repeated headings. */
function anchors(file) {
  const seen = new Map()
  const out = new Set()
  for (const line of proseLines(readFileSync(file, 'utf8'))) {
    const m = /^#{1,6}\s+(.*)$/.exec(line)
    if (!m) continue
    const base = slug(m[1])
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  return out
}

/** `[text](target)` links of a page, outside code blocks. */
function links(file) {
  const out = []
  for (const line of proseLines(readFileSync(file, 'utf8'))) {
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1])
  }
  return out
}

test(`the README is at most ${README_MAX_LINES} lines and keeps the two fresh-machine commands`, () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const lines = readme.trimEnd().split('\n').length
  assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines`)
  assert.match(readme, /^npm run demo\b/m)
  assert.match(readme, /^npm test\b/m)
})

test('every relative link of the README and docs/ leads to a file, and a heading where it names one', () => {
  const broken = []
  for (const file of pages()) {
    for (const target of links(file)) {
      if (/^[a-z]+:/i.test(target)) continue // http(s), mailto: outside the repository by intent
      const [path, anchor] = target.split('#')
      const dest = path === '' ? file : resolve(dirname(file), path)
      const where = `${relative(ROOT, file)} → ${target}`
      if (!existsSync(dest)) {
        broken.push(`${where}: no such file`)
        continue
      }
      if (anchor && dest.endsWith('.md') && !anchors(dest).has(anchor)) {
        broken.push(`${where}: no heading with that anchor`)
      }
      if (anchor === undefined && statSync(dest).isDirectory() && !existsSync(join(dest, 'README.md'))) {
        broken.push(`${where}: a folder without a README`)
      }
    }
  }
  assert.deepEqual(broken, [])
})

test('the docs name no issue numbers and no file outside the repository', () => {
  const found = []
  for (const file of pages()) {
    // Code blocks may show a backend's own files (`import … from '../utils/…'`); prose may not.
    const text = proseLines(readFileSync(file, 'utf8')).join('\n')
    for (const m of text.matchAll(/\bissues? #?\d+/gi)) found.push(`${relative(ROOT, file)}: "${m[0]}"`)
    // A path that climbs out of the repository, written as a link or in prose.
    for (const m of text.matchAll(/(?:\.\.\/)+[\w.-]+/g)) {
      const dest = resolve(dirname(file), m[0])
      if (relative(ROOT, dest).startsWith('..')) found.push(`${relative(ROOT, file)}: "${m[0]}"`)
    }
  }
  assert.deepEqual(found, [])
})

test('the link checker itself finds a missing heading and a missing file', () => {
  // GitHub's anchors, as the checker computes them.
  assert.equal(slug('Set up the database: `init` and `doctor`'), 'set-up-the-database-init-and-doctor')
  assert.equal(slug('Precision: fp32, bf16, int8 or auto'), 'precision-fp32-bf16-int8-or-auto')
  assert.ok(!anchors(join(ROOT, 'README.md')).has('no-such-heading'))
  assert.ok(anchors(join(ROOT, 'README.md')).has('two-commands-on-a-fresh-machine'))
})
