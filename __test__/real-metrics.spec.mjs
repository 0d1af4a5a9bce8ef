// The metric functions of `npm run bench:real` (bench/real-metrics.mjs) on tiny cases
// computed by hand. Pure JavaScript: no addon, no database, no model.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import {
  adjustedRandIndex,
  containsWholeWord,
  kmeans,
  labelKey,
  meanRPrecisionAtK,
  microPRF,
  parseCsv,
  parseCsvObjects,
  rPrecisionAtK,
} from '../bench/real-metrics.mjs'

const close = (actual, expected, what = '') =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what} ${actual} ≠ ${expected}`)

test('micro P/R/F1 sums over items; an item without gold still costs precision', () => {
  // item 1: gold {a, b}, pred {a, c}: tp 1, fp 1, fn 1
  // item 2: gold {},     pred {d}:    fp 1
  // item 3: gold {e},    pred {}:     fn 1
  // tp 1, fp 2, fn 2: P = 1/3, R = 1/3, F1 = 1/3
  const m = microPRF([
    { gold: ['a', 'b'], pred: ['a', 'c'] },
    { gold: [], pred: ['d'] },
    { gold: new Set(['e']), pred: new Set() },
  ])
  assert.deepEqual([m.tp, m.fp, m.fn], [1, 2, 2])
  close(m.precision, 1 / 3)
  close(m.recall, 1 / 3)
  close(m.f1, 1 / 3)

  // tp 2, fp 0, fn 2 (duplicates in pred count once): P 1, R 0.5, F1 2/3
  const n = microPRF([{ gold: ['x', 'y', 'z', 'w'], pred: ['x', 'x', 'y'] }])
  assert.deepEqual([n.tp, n.fp, n.fn], [2, 0, 2])
  close(n.precision, 1)
  close(n.recall, 0.5)
  close(n.f1, 2 / 3)

  const none = microPRF([{ gold: [], pred: [] }])
  assert.deepEqual([none.precision, none.recall, none.f1], [0, 0, 0])
})

test('RP@5 by hand', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e', 'f']
  close(rPrecisionAtK(ranked, ['a', 'f', 'x'], 5), 1 / 3) // top 5 holds a only; min(5, 3) = 3
  close(rPrecisionAtK(ranked, ['a', 'c'], 5), 1) // both found; min(5, 2) = 2
  close(rPrecisionAtK(ranked, ['b', 'c', 'p', 'q', 'r', 's', 't'], 5), 2 / 5) // min(5, 7) = 5
  close(rPrecisionAtK(['a', 'a', 'a', 'a', 'a', 'b'], ['a', 'b'], 5), 1) // repeats count once
  close(rPrecisionAtK([], ['a'], 5), 0)
  assert.equal(rPrecisionAtK(ranked, [], 5), null)
  // mean over items with gold only: (1/3 + 1) / 2
  const m = meanRPrecisionAtK(
    [
      { gold: ['a', 'f', 'x'], ranked },
      { gold: ['a', 'c'], ranked },
      { gold: [], ranked },
    ],
    5,
  )
  assert.equal(m.items, 2)
  close(m.value, 2 / 3)
})

test('adjusted Rand index by hand', () => {
  // Same partition under other names: 1.
  assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], ['x', 'x', 'y', 'y', 'z']), 1)
  assert.equal(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 1)
  // 2×2 contingency table [[2, 1], [0, 3]]: index = 1 + 3 = 4, rows 3 + 3 → 6 pairs,
  // columns 2 + 4 → 1 + 6 = 7 pairs, C(6, 2) = 15, expected 6·7/15 = 2.8, max 6.5:
  // ARI = (4 − 2.8) / (6.5 − 2.8) = 12/37.
  close(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1]), 12 / 37)
  // scikit-learn's documented example: rows [2 | 1 1], index 1, a = 2, b = 1, expected 1/3,
  // max 3/2: (1 − 1/3) / (3/2 − 1/3) = 4/7.
  close(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 4 / 7)
  // symmetric
  close(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]), 4 / 7)
  // one cluster against singletons: index 0, expected 0, max 3 → 0
  assert.equal(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0)
  // degenerate: both one cluster, both singletons → 1 (as scikit-learn)
  assert.equal(adjustedRandIndex([5, 5, 5], [1, 1, 1]), 1)
  assert.equal(adjustedRandIndex([0, 1, 2], [2, 0, 1]), 1)
  // below chance: [[1, 1], [1, 1]]: index 0, a = b = 2, expected 4/6, max 2 → −1/2
  close(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), -1 / 2)
  assert.throws(() => adjustedRandIndex([0], [0, 1]))
})

test('k-means finds separated blobs, deterministically for a seed', () => {
  // Three blobs in 3-d around (0,0,0), (10,0,0), (0,10,0), 5 points each.
  const centres = [[0, 0, 0], [10, 0, 0], [0, 10, 0]]
  const offsets = [[0, 0, 0], [0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1], [-0.1, -0.1, 0]]
  const points = []
  const truth = []
  centres.forEach((c, ci) =>
    offsets.forEach((o) => {
      points.push(Float32Array.from(c.map((x, j) => x + o[j])))
      truth.push(ci)
    }),
  )
  const a = kmeans(points, 3, { seed: 7, restarts: 5 })
  const b = kmeans(points, 3, { seed: 7, restarts: 5 })
  assert.equal(adjustedRandIndex(a.assignments, truth), 1)
  assert.deepEqual(a.assignments, b.assignments)
  assert.equal(a.inertia, b.inertia)
  // Inertia by hand: each blob's centroid is its centre + (0, 0, 0.02) (offsets' mean is
  // (0, 0, 0.02)); squared distances to it: 0.0004, 0.0104, 0.0104, 0.0064, 0.0204 → 0.048
  // per blob, 0.144 for three (up to the f32 points).
  assert.ok(Math.abs(a.inertia - 0.144) < 1e-5, `inertia ${a.inertia}`)
  // k = 1: one cluster, centroid the mean.
  const one = kmeans([[0, 0], [2, 0], [1, 3]], 1)
  assert.deepEqual(one.assignments, [0, 0, 0])
  close(one.centroids[0], 1)
  close(one.centroids[1], 1)
  // k larger than the points: every point its own cluster, inertia 0.
  const many = kmeans([[0], [5]], 4)
  assert.equal(new Set(many.assignments).size, 2)
  assert.equal(many.inertia, 0)
})

test('CSV: quoted fields with commas, quotes and newlines; header objects', () => {
  const text = 'sentence,span,sub_span,label\r\n' +
    '"Java, Python and C++",Java,,Java (computer programming)\n' +
    'plain,x,,"say ""hi"""\n' +
    '"two\nlines",,,UNDERSPECIFIED\n'
  assert.deepEqual(parseCsv(text), [
    ['sentence', 'span', 'sub_span', 'label'],
    ['Java, Python and C++', 'Java', '', 'Java (computer programming)'],
    ['plain', 'x', '', 'say "hi"'],
    ['two\nlines', '', '', 'UNDERSPECIFIED'],
  ])
  assert.deepEqual(parseCsv('a,b\n1,2'), [['a', 'b'], ['1', '2']]) // no final newline
  assert.deepEqual(parseCsvObjects(',vacancyTitle,conceptUri\n0,"Driver, Lorry",http://x\n'), [
    { '': '0', vacancyTitle: 'Driver, Lorry', conceptUri: 'http://x' },
  ])
  assert.throws(() => parseCsv('"open'))
})

test('whole-word label search and label keys', () => {
  assert.ok(containsWholeWord('java and javascript', 'java'))
  assert.ok(!containsWholeWord('javascript only', 'java'))
  assert.ok(containsWholeWord('knows javascript', 'javascript'))
  assert.ok(containsWholeWord('c++ and go', 'c++'))
  assert.ok(containsWholeWord('in c++.', 'c++'))
  assert.ok(!containsWholeWord('abc++', 'c++'))
  assert.ok(containsWholeWord('(teamwork)', 'teamwork'))
  assert.ok(!containsWholeWord('teamworking', 'teamwork'))
  assert.ok(containsWholeWord('x teamworking teamwork', 'teamwork')) // a later occurrence
  assert.ok(!containsWholeWord('anything', ''))
  assert.equal(labelKey(' Data extraction, transformation and  loading tools '), 'data extraction transformation and loading tools')
  assert.equal(labelKey('manage documentation\u00a0of prior learning assessments\u00a0'), 'manage documentation of prior learning assessments')
  assert.equal(labelKey('JavaScript'), 'javascript')
})
