// Draws the dashboard from the example's JSON routes (dashboard.mjs). Plain DOM and SVG: no
// chart library and nothing loaded from elsewhere. Every text goes in through textContent, so
// a posting's or resume's contents can never become markup.
// <body data-board="ready|error" data-resume="ready|error"> tells a test (or a person) when a
// part is drawn.

const SVG = 'http://www.w3.org/2000/svg'
// Distinct colours for the first 20 families (k is at most 20 unless asked for); more cycle hues.
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#2f4b7c',
  '#bcbd22', '#17becf', '#8b1a1a', '#6a3d9a', '#b15928', '#1a9850', '#e7298a', '#79706e', '#003f5c', '#ffa600',
]
const familyColour = (id) => PALETTE[id] ?? `hsl(${(id * 137.5) % 360} 55% 45%)`
const SKILLS_SHOWN = 25
const FACTOR_NAMES = {
  experience: 'Experience',
  document: 'Whole resume',
  education: 'Education',
  seniority: 'Seniority',
  location: 'Location',
  softSkills: 'Soft skills',
  roleType: 'Role type',
  weightedSkills: 'Weighted skills',
  language: 'Language',
}
const BREAKDOWN_NAMES = { completeness: 'Completeness', experience: 'Experience', skills: 'Skills', certifications: 'Certifications' }

/** An element with attributes (`class`, `data-*`, …) and children (nodes or text). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) node.setAttribute(name, value)
  node.append(...children.filter((c) => c !== undefined && c !== null && c !== false))
  return node
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}

const percent = (share) => `${Math.round(share * 100)}%`

/** A 0–100 bar; `null` draws an empty hatched one (a factor that is unknown or not asked). */
function bar(value, attributes = {}) {
  const known = typeof value === 'number'
  const width = known ? Math.max(0, Math.min(100, value)) : 0
  return el(
    'div',
    { class: known ? 'bar' : 'bar unknown', 'data-value': known ? String(value) : 'null', ...attributes },
    el('div', { class: 'fill', style: `width: ${width}%` }),
  )
}

async function getJson(path) {
  const res = await fetch(path)
  const body = await res.json()
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`)
  return body
}

// ---------------------------------------------------------------------------------------------
// The board: families on a map, and skill demand.

function drawBoard({ families, skillDemand, postings }) {
  document.getElementById('board-summary').textContent =
    `${postings} active postings in ${families.k} families (silhouette ${families.silhouette}: how well they separate, −1 to 1), computed ${new Date(families.computedAt).toLocaleString()}.`
  drawMap(families)
  drawLegend(families)
  drawSkillDemand(skillDemand)
}

function drawMap(families) {
  const map = document.getElementById('family-map')
  const [width, height, margin] = [640, 440, 28]
  map.setAttribute('viewBox', `0 0 ${width} ${height}`)
  map.replaceChildren()
  const all = families.clusters.flatMap((c) => c.positions)
  if (all.length === 0) {
    map.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'muted' }, 'No active postings'))
    return
  }
  const xs = all.map((p) => p.x)
  const ys = all.map((p) => p.y)
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  // One scale for both axes: distances on the map keep their meaning.
  const scale = Math.min((width - 2 * margin) / (maxX - minX || 1), (height - 2 * margin) / (maxY - minY || 1))
  const offsetX = (width - scale * (maxX - minX)) / 2
  const offsetY = (height - scale * (maxY - minY)) / 2
  const at = (p) => [offsetX + scale * (p.x - minX), height - (offsetY + scale * (p.y - minY))]

  const dots = svg('g', { class: 'dots' })
  const labels = svg('g', { class: 'labels' })
  map.append(dots, labels)
  for (const family of families.clusters) {
    family.positions.forEach((p, i) => {
      const [x, y] = at(p)
      const dot = svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 5.5, fill: familyColour(family.id), 'data-family': family.id, 'data-job-id': family.jobIds[i] })
      dot.append(svg('title', {}, `${family.label} — posting ${family.jobIds[i]}`))
      dots.append(dot)
    })
    const centre = at({
      x: family.positions.reduce((s, p) => s + p.x, 0) / family.positions.length,
      y: family.positions.reduce((s, p) => s + p.y, 0) / family.positions.length,
    })
    // Just above the family's centre, so that the label covers fewer of its dots.
    labels.append(svg('text', { x: centre[0].toFixed(1), y: (centre[1] - 10).toFixed(1), 'text-anchor': 'middle', class: 'family-label', 'data-family': family.id, fill: familyColour(family.id) }, family.label))
  }
  separateLabels([...labels.children], width, height)
}

/** Moves overlapping labels apart (downwards, a few passes) and keeps them inside the map. */
function separateLabels(texts, width, height) {
  const boxes = texts.map((t) => ({ t, box: t.getBBox() }))
  for (let pass = 0; pass < 8; pass++) {
    let moved = false
    boxes.sort((a, b) => a.box.y - b.box.y)
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].box, boxes[j].box]
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
        const overlapY = a.y + a.height - b.y
        if (overlapX > 0 && overlapY > 0) {
          b.y += overlapY + 1
          moved = true
        }
      }
    }
    if (!moved) break
  }
  for (const { t, box } of boxes) {
    const x = Math.max(box.width / 2 + 2, Math.min(width - box.width / 2 - 2, Number(t.getAttribute('x'))))
    const y = Math.max(box.height, Math.min(height - 4, box.y + box.height * 0.8))
    t.setAttribute('x', x.toFixed(1))
    t.setAttribute('y', y.toFixed(1))
  }
}

function drawLegend(families) {
  document.getElementById('family-legend').replaceChildren(
    ...families.clusters.map((family) =>
      el(
        'li',
        { 'data-family': family.id },
        el('span', { class: 'swatch', style: `background: ${familyColour(family.id)}` }),
        el('strong', {}, family.label),
        ` · ${family.size} posting${family.size === 1 ? '' : 's'}`,
        el('div', { class: 'muted small' }, family.topSkills.slice(0, 4).map((s) => `${s.name} ${percent(s.share)}`).join(', ')),
      ),
    ),
  )
}

function drawSkillDemand(skillDemand) {
  const top = skillDemand.slice(0, SKILLS_SHOWN)
  document.getElementById('skill-demand').replaceChildren(
    ...top.map((s) =>
      el('div', { class: 'bar-row', 'data-skill': s.name }, el('span', { class: 'name' }, s.name), bar(s.share * 100), el('span', { class: 'value' }, `${percent(s.share)} (${s.postings})`)),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// A resume: score card, skill gap, recommendations.

function drawScoreCard(score) {
  const list = (title, items) => el('div', {}, el('h4', {}, title), items.length ? el('ul', {}, ...items.map((s) => el('li', {}, s))) : el('p', { class: 'muted' }, 'none'))
  document.getElementById('score-card').replaceChildren(
    el('h3', {}, 'Score card'),
    el('p', { class: 'headline' }, el('span', { class: 'overall', 'data-overall': String(score.overall_score) }, String(score.overall_score)), ' / 100 · grade ', el('span', { class: 'grade' }, score.grade), ` · ${score.total_experience_years} years of experience`),
    ...Object.entries(score.breakdown).map(([part, value]) =>
      el('div', { class: 'bar-row', 'data-part': part }, el('span', { class: 'name' }, BREAKDOWN_NAMES[part] ?? part), bar(value), el('span', { class: 'value' }, String(value))),
    ),
    list('Strengths', score.strengths),
    list('Improvements', score.improvements),
    list('Advice', score.recommendations),
  )
}

function drawSkillGap(gap) {
  const kind = gap.target.kind === 'cluster' ? 'the family' : 'the posting'
  document.getElementById('skill-gap').replaceChildren(
    el('h3', {}, 'Skill gap'),
    el('p', {}, `Against ${kind} `, el('strong', {}, gap.target.label), ': coverage ', el('span', { class: 'coverage', 'data-coverage': String(gap.coverage) }, `${gap.coverage}%`)),
    bar(gap.coverage, { 'data-gap': 'coverage' }),
    el('h4', {}, 'Covered'),
    gap.covered.length
      ? el('p', { class: 'chips' }, ...gap.covered.map((c) => el('span', { class: 'chip covered' }, c.by === c.name ? c.name : `${c.name} (by ${c.by})`)))
      : el('p', { class: 'muted' }, 'none'),
    el('h4', {}, 'Missing, most asked first'),
    gap.missing.length
      ? el(
          'div',
          {},
          ...gap.missing.map((m) =>
            el(
              'div',
              { class: 'bar-row', 'data-missing': m.name },
              el('span', { class: 'name' }, m.name),
              bar(m.importance * 100),
              el('span', { class: 'value' }, m.closest ? `${percent(m.importance)} · closest ${m.closest.name}${m.adjacent ? ' (adjacent)' : ''}` : percent(m.importance)),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'nothing'),
  )
}

function drawRecommendations(recommendations) {
  const list = document.getElementById('recommendations')
  if (recommendations.length === 0) {
    list.replaceChildren(el('li', { class: 'muted' }, 'No postings to recommend.'))
    return
  }
  list.replaceChildren(
    ...recommendations.map((rec) => {
      const factors = Object.entries(rec.factors).filter(([, f]) => f && typeof f === 'object' && 'verdict' in f)
      return el(
        'li',
        { class: 'recommendation', 'data-job-id': rec.job_id },
        el(
          'div',
          { class: 'rec-head' },
          el('strong', { class: 'title' }, rec.job_title),
          ` — ${rec.company}`,
          el('span', { class: 'match', 'data-match': String(rec.match_percentage) }, `${rec.match_percentage}%`),
          el('span', { class: `level level-${rec.recommendation_level.replace(/\W+/g, '-').toLowerCase()}` }, rec.recommendation_level),
        ),
        el(
          'div',
          { class: 'factors' },
          ...factors.map(([name, f]) =>
            el(
              'div',
              { class: 'bar-row', 'data-factor': name, title: f.evidence },
              el('span', { class: 'name' }, FACTOR_NAMES[name] ?? name),
              bar(f.score),
              el('span', { class: 'value' }, `${f.score ?? '—'} ${f.verdict}`),
            ),
          ),
        ),
        el('p', { class: 'small' }, el('span', { class: 'muted' }, 'matched: '), rec.matched_skills.join(', ') || 'none', el('span', { class: 'muted' }, ' · missing: '), rec.missing_skills.join(', ') || 'none'),
      )
    }),
  )
}

async function showResume(id) {
  const status = document.getElementById('resume-status')
  const details = document.getElementById('resume-details')
  delete document.body.dataset.resume
  status.textContent = 'Scoring and matching…'
  details.hidden = true
  const url = new URL(location.href)
  url.searchParams.set('resume', id)
  history.replaceState(null, '', url)
  try {
    const { score, recommendations, skillGap } = await getJson(`api/resumes/${encodeURIComponent(id)}`)
    drawScoreCard(score)
    drawSkillGap(skillGap)
    drawRecommendations(recommendations)
    status.textContent = `Resume ${id}`
    details.hidden = false
    document.body.dataset.resume = 'ready'
  } catch (e) {
    status.textContent = `Could not show resume ${id}: ${e.message}`
    document.body.dataset.resume = 'error'
  }
}

async function setUpResumes() {
  const select = document.getElementById('resume-select')
  const input = document.getElementById('resume-id')
  const resumes = await getJson('api/resumes')
  select.replaceChildren(el('option', { value: '' }, resumes.length ? '—' : '(no list: give an id)'), ...resumes.map((r) => el('option', { value: r.id }, r.name)))
  select.addEventListener('change', () => {
    if (select.value) {
      input.value = select.value
      showResume(select.value)
    }
  })
  document.getElementById('resume-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const id = input.value.trim() || select.value
    if (id) showResume(id)
  })
  const chosen = new URLSearchParams(location.search).get('resume') ?? resumes[0]?.id
  if (chosen) {
    input.value = chosen
    select.value = resumes.some((r) => r.id === chosen) ? chosen : ''
    await showResume(chosen)
  }
}

async function main() {
  const board = getJson('api/board')
    .then((data) => {
      drawBoard(data)
      document.body.dataset.board = 'ready'
    })
    .catch((e) => {
      document.getElementById('board-summary').textContent = `Could not load the board: ${e.message}`
      document.body.dataset.board = 'error'
    })
  // The board first: the resume's skill gap reads the families the board computes.
  await board
  await setUpResumes().catch((e) => {
    document.getElementById('resume-status').textContent = `Could not list resumes: ${e.message}`
    document.body.dataset.resume = 'error'
  })
}

main()
