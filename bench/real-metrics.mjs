// Pure functions behind `npm run bench:real` (bench/real.mjs): set metrics for skill
// extraction, ranking precision, the adjusted Rand index, a deterministic k-means baseline,
// and the two small parsers the benchmark needs (CSV with quoted fields, whole-word label
// search). No I/O, no addon, no clock, no Math.random: `__test__/real-metrics.spec.mjs`
// checks them on cases computed by hand.
import { mulberry32 } from '../__test__/support/board.mjs'

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

/**
 * The key two spellings of one ESCO label share: NFKC (a no-break space becomes a space),
 * commas dropped, whitespace collapsed and trimmed, lower case. The benchmark's label file
 * spells "data extraction transformation and loading tools" where its annotations write
 * "data extraction, transformation and loading tools", and a few labels carry stray spaces;
 * no two labels of the file share a key.
 */
export function labelKey(label) {
  return String(label).normalize('NFKC').replace(/,/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()
}

// ---------------------------------------------------------------------------
// Set metrics
// ---------------------------------------------------------------------------

/**
 * Micro-averaged precision, recall and F1 over items, each `{ gold, pred }` (arrays or Sets
 * of comparable keys; duplicates count once). Summed true positives, false positives and
 * false negatives over all items, so an item with no gold skill still costs precision for
 * every prediction made on it. A ratio with a zero denominator is 0.
 */
export function microPRF(items) {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const { gold, pred } of items) {
    const g = new Set(gold)
    const p = new Set(pred)
    for (const x of p) (g.has(x) ? tp++ : fp++)
    for (const x of g) if (!p.has(x)) fn++
  }
  const precision = tp + fp ? tp / (tp + fp) : 0
  const recall = tp + fn ? tp / (tp + fn) : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { tp, fp, fn, precision, recall, f1 }
}

/**
 * R-precision at K of one ranked list against a gold set:
 * |top K ∩ gold| / min(K, |gold|). Repeated entries of the ranking count once (the first
 * occurrence keeps its rank), so a list naming one skill twice cannot fill its top K with it.
 * `null` when gold is empty (the item is left out of the mean).
 */
export function rPrecisionAtK(ranked, gold, k) {
  const g = new Set(gold)
  if (g.size === 0) return null
  const top = []
  const seen = new Set()
  for (const x of ranked) {
    if (top.length === k) break
    if (seen.has(x)) continue
    seen.add(x)
    top.push(x)
  }
  let hits = 0
  for (const x of top) if (g.has(x)) hits++
  return hits / Math.min(k, g.size)
}

/**
 * Mean RP@K over the items (`{ gold, ranked }`) that have at least one gold entry.
 * Returns `{ value, items }` (`value` 0 when no item counts).
 */
export function meanRPrecisionAtK(items, k) {
  let sum = 0
  let n = 0
  for (const { gold, ranked } of items) {
    const rp = rPrecisionAtK(ranked, gold, k)
    if (rp === null) continue
    sum += rp
    n++
  }
  return { value: n ? sum / n : 0, items: n }
}

// ---------------------------------------------------------------------------
// Partitions
// ---------------------------------------------------------------------------

const pairs = (n) => (n * (n - 1)) / 2

/**
 * Adjusted Rand index (Hubert & Arabie) of two labelings of the same items (arrays of equal
 * length, any comparable labels): 1 for the same partition whatever the names, about 0 for
 * independent ones, negative below chance. As scikit-learn does, the degenerate cases where
 * the expected index equals its maximum (both partitions one cluster, or both all
 * singletons) are 1.
 */
export function adjustedRandIndex(a, b) {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: ${a.length} labels vs ${b.length}`)
  const n = a.length
  if (n < 2) return 1
  const cells = new Map()
  const rows = new Map()
  const cols = new Map()
  for (let i = 0; i < n; i++) {
    const cell = JSON.stringify([a[i], b[i]])
    cells.set(cell, (cells.get(cell) ?? 0) + 1)
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1)
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1)
  }
  let index = 0
  for (const c of cells.values()) index += pairs(c)
  let sumA = 0
  for (const c of rows.values()) sumA += pairs(c)
  let sumB = 0
  for (const c of cols.values()) sumB += pairs(c)
  const expected = (sumA * sumB) / pairs(n)
  const max = (sumA + sumB) / 2
  if (max === expected) return 1
  return (index - expected) / (max - expected)
}

// ---------------------------------------------------------------------------
// k-means
// ---------------------------------------------------------------------------

/** The boards' seeded PRNG: floats in [0, 1). */
export { mulberry32 }

function sqDist(x, xo, c, co, d) {
  let s = 0
  for (let j = 0; j < d; j++) {
    const t = x[xo + j] - c[co + j]
    s += t * t
  }
  return s
}

/** k-means++ seeding: the first centre uniformly, each next one with probability ∝ D². */
function seedPlusPlus(x, n, d, k, rand) {
  const centres = new Float64Array(k * d)
  const first = Math.min(n - 1, Math.floor(rand() * n))
  for (let j = 0; j < d; j++) centres[j] = x[first * d + j]
  const best = new Float64Array(n).fill(Infinity)
  for (let c = 1; c < k; c++) {
    let total = 0
    for (let i = 0; i < n; i++) {
      const dist = sqDist(x, i * d, centres, (c - 1) * d, d)
      if (dist < best[i]) best[i] = dist
      total += best[i]
    }
    let pick = n - 1
    if (total > 0) {
      let r = rand() * total
      for (let i = 0; i < n; i++) {
        r -= best[i]
        if (r < 0) {
          pick = i
          break
        }
      }
    } else {
      pick = Math.min(n - 1, Math.floor(rand() * n)) // every point on a centre already
    }
    for (let j = 0; j < d; j++) centres[c * d + j] = x[pick * d + j]
  }
  return centres
}

/** The centre nearest to point `i` and its squared distance (lowest index on a tie). */
function nearestCentre(x, i, d, centres, k) {
  let bestC = 0
  let bestD = Infinity
  for (let c = 0; c < k; c++) {
    const dd = sqDist(x, i * d, centres, c * d, d)
    if (dd < bestD) {
      bestD = dd
      bestC = c
    }
  }
  return [bestC, bestD]
}

/** Lloyd's iterations from `centres` until no assignment changes or `maxIter`. */
function lloyd(x, n, d, k, centres, maxIter) {
  const assign = new Int32Array(n).fill(-1)
  const dist = new Float64Array(n)
  let iterations = 0
  for (; iterations < maxIter; iterations++) {
    let changed = 0
    for (let i = 0; i < n; i++) {
      const [bestC, bestD] = nearestCentre(x, i, d, centres, k)
      dist[i] = bestD
      if (assign[i] !== bestC) {
        assign[i] = bestC
        changed++
      }
    }
    if (changed === 0 && iterations > 0) break
    const sums = new Float64Array(k * d)
    const counts = new Int32Array(k)
    for (let i = 0; i < n; i++) {
      const c = assign[i]
      counts[c]++
      for (let j = 0; j < d; j++) sums[c * d + j] += x[i * d + j]
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes the point farthest from its centre (lowest index on a tie).
        let far = 0
        for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i
        dist[far] = 0
        for (let j = 0; j < d; j++) centres[c * d + j] = x[far * d + j]
        continue
      }
      for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] / counts[c]
    }
  }
  let inertia = 0
  for (let i = 0; i < n; i++) {
    const [bestC, bestD] = nearestCentre(x, i, d, centres, k)
    assign[i] = bestC
    inertia += bestD
  }
  return { assignments: Array.from(assign), centroids: centres, inertia, iterations }
}

/**
 * k-means on `vectors` (arrays or typed arrays of one length): k-means++ seeding from a
 * mulberry32 PRNG seeded with `seed`, `restarts` runs of Lloyd's algorithm (at most
 * `maxIter` iterations each, stopping when no point moves) drawing from the same PRNG in
 * turn, and the run of least inertia (the first on a tie). Same input and options, same
 * result. Returns `{ assignments, centroids (Float64Array k×d), inertia, restart, iterations }`.
 */
export function kmeans(vectors, k, { seed = 42, restarts = 20, maxIter = 100 } = {}) {
  const n = vectors.length
  if (!Number.isInteger(k) || k < 1) throw new Error(`kmeans: k must be a positive integer, got ${k}`)
  if (n === 0) return { assignments: [], centroids: new Float64Array(0), inertia: 0, restart: 0, iterations: 0 }
  const d = vectors[0].length
  const kk = Math.min(k, n)
  const x = new Float64Array(n * d)
  vectors.forEach((v, i) => {
    if (v.length !== d) throw new Error(`kmeans: vector ${i} has ${v.length} dimensions, not ${d}`)
    for (let j = 0; j < d; j++) x[i * d + j] = v[j]
  })
  const rand = mulberry32(seed)
  let best = null
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const run = lloyd(x, n, d, kk, seedPlusPlus(x, n, d, kk, rand), maxIter)
    if (best === null || run.inertia < best.inertia) best = { ...run, restart: r }
  }
  return best
}

// ---------------------------------------------------------------------------
// Parsers
// ---------------------------------------------------------------------------

/**
 * RFC 4180 CSV: fields separated by commas, optionally quoted with `"` (a quoted field may
 * hold commas, newlines and `""` for a quote), records ended by LF or CRLF. Returns an array
 * of records, each an array of strings; a final empty line gives no record. A UTF-8 BOM is
 * dropped.
 */
export function parseCsv(text) {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records = []
  let record = []
  let field = ''
  let i = 0
  let quoted = false
  let fieldStarted = false
  while (i < s.length) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
      i++
    } else if (ch === ',') {
      record.push(field)
      field = ''
      fieldStarted = false
      i++
    } else if (ch === '\n' || ch === '\r') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      fieldStarted = false
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1
    } else {
      field += ch
      fieldStarted = true
      i++
    }
  }
  if (quoted) throw new Error('parseCsv: unterminated quoted field')
  if (fieldStarted || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** CSV text → objects keyed by the header row's names. */
export function parseCsvObjects(text) {
  const [header, ...rows] = parseCsv(text)
  if (!header) return []
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])))
}

const WORD = /[\p{L}\p{N}_]/u
const isWord = (ch) => ch !== undefined && WORD.test(ch)

/**
 * Whether `needle` occurs in `haystack` as a whole word or phrase (both already in the case
 * to compare in): a word character of the needle's edge must not touch another word character
 * of the haystack (letters, digits, `_`), as `\b` would say, so "java" is found in "java and
 * c++" but not in "javascript", and "c++" is found in "c++ ." .
 */
export function containsWholeWord(haystack, needle) {
  if (!needle) return false
  const startsWord = isWord(needle[0])
  const endsWord = isWord(needle[needle.length - 1])
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (startsWord && isWord(haystack[at - 1])) continue
    if (endsWord && isWord(haystack[at + needle.length])) continue
    return true
  }
  return false
}
