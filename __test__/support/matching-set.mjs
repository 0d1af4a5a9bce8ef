// A labelled resume ↔ posting matching set, and an application log for collaborative filtering,
// for the evaluation of seed against extended matching (__test__/matching.spec.mjs).
//
//   import { generateMatchingSet, generateApplicationLog } from './matching-set.mjs'
//   const set = generateMatchingSet()     // { resumes, postings, relevance, reasons }
//   const withHubs = generateMatchingSet({ hubs: true })   // the same, plus six generic hub postings
//   const log = generateApplicationLog({ postings: set.postings, resumes: set.resumes })
//
// Six professions (backend, frontend, data science, nursing, accounting, sales), three resumes
// each (junior ~1.5 years, mid ~4, senior ~6.5-8, lead ~10-11.5: the jobs of seniors and leads
// end 'present', every other date is fixed), in five cities of three countries (Germany, the
// US, Canada). Per resume four postings of its profession are aimed at it: two that fit (one
// remote, one in its city), one with a mild mismatch and one near miss; 72 postings in all, in
// a shuffled order (ties in the seed's ranking are broken by id, which follows this order).
// The postings of a profession all list the same eight core skills and have near-identical
// titles, so the seed's two cosines (skills, and work titles ↔ posting title) score them alike;
// what separates them is seniority, location, must-have and nice-to-have skills, degrees and
// role type, which only extended matching reads.
//
// Grades (gradeOf below), from the generated attributes, never by hand:
//   role:   posting role ≠ resume role → 1 when the roles are adjacent (backend ↔ frontend,
//           either ↔ full-stack, data scientist ↔ machine learning engineer), else 0 (another
//           profession). Otherwise the posting is of the resume's own role, and:
//   severe: level gap ≥ 2 (Entry 0, Mid 1, Senior 2, Lead 3; junior resume 0 … lead 3);
//           a non-remote posting in another country; a must-have skill the resume lacks
//           ('Must have: …' / 'Required: …'); a strictly required degree above the resume's
//           (High School / Bootcamp 0 < BSc 1 < MSc 2 < PhD 3).
//   mild:   level gap 1; a non-remote posting in another city of the same country; a
//           nice-to-have skill the resume lacks ('Nice to have: …' / 'Bonus: …'); a degree asked
//           "or equivalent experience" above the resume's.
//   grade:  any severe → 1; else no mild → 3; one mild → 2; two or more mild → 1.
// A remote posting, or one in the resume's city (plain, 'On-site - ' or 'Hybrid - '), fits.
//
// Hub postings (generateMatchingSet({ hubs: true }), or hubPostings()): six generic postings
// ('Operations Associate', 'Business Generalist', …) that each list 18-25 common skills drawn
// from every profession of the set (Python, JavaScript, SQL, Patient Care, Microsoft Excel,
// Negotiation, … next to Communication, Teamwork, Project Management, …), level Mid or none,
// Remote or one of the set's cities, a bland description and generic requirements. They share
// a little with every resume and fit none: `hub: true`, profession and role 'generic', grade 0
// for every resume (reason 'profession'). A matcher that scores skill overlap on a whole
// vocabulary tends to put them near the top of many resumes' lists (hubness); the default set
// has none, and adding them leaves the other postings, their keys and order as they were.
//
// No Math.random and no clock: every choice comes from a seeded PRNG (mulberry32, as in
// board.mjs). Documents carry no `_id`; the caller adds them.
import { PROFESSIONS, GENERIC_SKILLS, mulberry32, hash32 } from './board.mjs'

function chooser(seed, ...parts) {
  const rand = mulberry32(hash32(seed, ...parts))
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const pick = (arr) => arr[Math.floor(rand() * arr.length)]
  const shuffle = (arr) => {
    const a = arr.slice()
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[a[i], a[j]] = [a[j], a[i]]
    }
    return a
  }
  const sample = (arr, n) => shuffle(arr).slice(0, Math.min(n, arr.length))
  return { rand, int, pick, shuffle, sample }
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

export const LEVELS = ['Entry', 'Mid', 'Senior', 'Lead']
/** Title word of each level (none for Mid). */
const LEVEL_WORD = ['Junior', '', 'Senior', 'Lead']
/** Years in a must-have sentence, by level (Entry: none). */
const LEVEL_YEARS = [0, 2, 5, 8]
export const SENIORITIES = ['junior', 'mid', 'senior', 'lead']

export const CITIES = {
  'Berlin, Germany': 'Germany',
  'Munich, Germany': 'Germany',
  'Hamburg, Germany': 'Germany',
  'Austin, TX': 'US',
  'Seattle, WA': 'US',
  'Toronto, ON, Canada': 'Canada',
  'Vancouver, BC, Canada': 'Canada',
  'London, UK': 'UK',
}

/** Another city of the same country (for the mild location mismatch). */
const SAME_COUNTRY = {
  'Berlin, Germany': 'Munich, Germany',
  'Munich, Germany': 'Hamburg, Germany',
  'Austin, TX': 'Seattle, WA',
  'Seattle, WA': 'Austin, TX',
  'Toronto, ON, Canada': 'Vancouver, BC, Canada',
}
/** A city of another country (for the severe one). */
const OTHER_COUNTRY = {
  'Berlin, Germany': ['Austin, TX', 'London, UK'],
  'Munich, Germany': ['London, UK', 'Toronto, ON, Canada'],
  'Austin, TX': ['Berlin, Germany', 'Toronto, ON, Canada'],
  'Seattle, WA': ['Vancouver, BC, Canada', 'London, UK'],
  'Toronto, ON, Canada': ['Austin, TX', 'Berlin, Germany'],
}

/** Degrees: the resume's spelling by level, and the posting's requirement sentences. */
const DEGREE_LEVEL = { HighSchool: 0, Bootcamp: 0, BSc: 1, MSc: 2, PhD: 3 }

const SOFT_SENTENCES = [
  'We value strong communication and attention to detail.',
  'You will collaborate with cross-functional teams every day.',
  'You will mentor less experienced colleagues and share what you know.',
  'The team relies on strong communication and a calm approach to problem solving.',
  'You will collaborate with cross-functional teams and keep stakeholders informed.',
]
const NEUTRAL_REQUIREMENTS = [
  'Excellent written and verbal communication skills',
  'Ability to work independently and as part of a team',
  'Strong organizational and time management skills',
  'Comfortable working with cross-functional teams',
]

const COMPANY_BASES = [
  'Northwind', 'Bluefin', 'Copperleaf', 'Brightline', 'Harborview', 'Silverpine', 'Redwood', 'Lakeshore',
  'Ironbridge', 'Summit', 'Clearwater', 'Oakridge', 'Stonegate', 'Westfield', 'Granite', 'Maplewood',
  'Riverbend', 'Highland', 'Cedarbrook', 'Foxglove',
]

const duties = (boardKey) => PROFESSIONS.find((p) => p.key === boardKey).duties.filter((d) => !/\blead/i.test(d))

/**
 * The six professions: role, titles (the resume's main title first), eight core skills every
 * posting lists (indices 0-4 safe must-haves; resume j of the profession lacks core[5 + j]),
 * three extra skills (resume j has extras[j]; postings name them as nice-to-haves), degree
 * field, and for software an adjacent role variant.
 */
export const FAMILIES = [
  {
    key: 'backend', board: 'software-backend', role: 'backend', company: 'Software',
    titles: ['Backend Engineer', 'Backend Developer'],
    core: ['Python', 'PostgreSQL', 'REST APIs', 'Docker', 'Git', 'Kafka', 'Go', 'MongoDB'],
    extras: ['Kubernetes', 'AWS', 'Terraform'],
    field: 'Computer Science',
    variant: { role: 'full-stack', titles: ['Full-Stack Engineer'], skills: ['Python', 'PostgreSQL', 'REST APIs', 'Docker', 'Git', 'React', 'TypeScript', 'JavaScript'] },
  },
  {
    key: 'frontend', board: 'software-frontend', role: 'frontend', company: 'Digital',
    titles: ['Frontend Engineer', 'Frontend Developer'],
    core: ['JavaScript', 'TypeScript', 'React', 'HTML', 'CSS', 'Redux', 'Vue.js', 'Jest'],
    extras: ['Next.js', 'GraphQL', 'Storybook'],
    field: 'Computer Science',
    variant: { role: 'full-stack', titles: ['Full-Stack Developer'], skills: ['JavaScript', 'TypeScript', 'React', 'HTML', 'CSS', 'Node.js', 'PostgreSQL', 'REST APIs'] },
  },
  {
    key: 'data-science', board: 'data-science', role: 'data-scientist', company: 'Analytics',
    titles: ['Data Scientist', 'Data Scientist, Product'],
    core: ['Python', 'SQL', 'pandas', 'scikit-learn', 'Statistics', 'A/B Testing', 'R', 'Tableau'],
    extras: ['Apache Spark', 'Apache Airflow', 'Bayesian Modeling'],
    field: 'Statistics',
    variant: { role: 'ml-engineer', titles: ['Machine Learning Engineer'], skills: ['Python', 'SQL', 'PyTorch', 'TensorFlow', 'MLflow', 'Docker', 'Deep Learning', 'Model Deployment'] },
  },
  {
    key: 'nursing', board: 'nursing', role: 'nurse', company: 'Health',
    titles: ['Registered Nurse', 'Registered Nurse, Medical-Surgical'],
    core: ['Patient Care', 'Medication Administration', 'Patient Assessment', 'Basic Life Support', 'Electronic Health Records', 'Wound Care', 'Advanced Cardiac Life Support', 'Triage'],
    extras: ['Epic', 'Telemetry', 'Pediatric Advanced Life Support'],
    field: 'Nursing',
  },
  {
    key: 'accounting', board: 'accounting', role: 'accountant', company: 'Financial',
    titles: ['Accountant', 'Corporate Accountant'],
    core: ['GAAP', 'Financial Reporting', 'Account Reconciliation', 'Microsoft Excel', 'Month-End Close', 'Accounts Payable', 'SAP', 'Audit'],
    extras: ['IFRS', 'NetSuite', 'Power BI'],
    field: 'Accounting',
  },
  {
    key: 'sales', board: 'sales', role: 'account-executive', company: 'Solutions',
    titles: ['Account Executive', 'Sales Representative'],
    core: ['Salesforce', 'Prospecting', 'Pipeline Management', 'B2B Sales', 'Negotiation', 'Cold Calling', 'Closing Deals', 'Account Management'],
    extras: ['HubSpot', 'Sales Forecasting', 'SaaS'],
    field: 'Business Administration',
  },
]
for (const f of FAMILIES) f.duties = duties(f.board)

/** Adjacent role types (grade 1 across them). */
const ADJACENT_ROLES = [
  ['backend', 'full-stack'], ['frontend', 'full-stack'], ['backend', 'frontend'], ['data-scientist', 'ml-engineer'],
]
const adjacent = (a, b) => ADJACENT_ROLES.some(([x, y]) => (x === a && y === b) || (x === b && y === a))

/** [family, seniority, city, degree] of each resume, in profession order. */
const RESUME_SPECS = [
  ['backend', 'junior', 'Berlin, Germany', 'BSc'],
  ['backend', 'senior', 'Austin, TX', 'BSc'],
  ['backend', 'lead', 'Toronto, ON, Canada', 'MSc'],
  ['frontend', 'junior', 'Austin, TX', 'Bootcamp'],
  ['frontend', 'mid', 'Berlin, Germany', 'BSc'],
  ['frontend', 'senior', 'Munich, Germany', 'BSc'],
  ['data-science', 'junior', 'Seattle, WA', 'BSc'],
  ['data-science', 'mid', 'Toronto, ON, Canada', 'MSc'],
  ['data-science', 'senior', 'Berlin, Germany', 'PhD'],
  ['nursing', 'junior', 'Austin, TX', 'BSc'],
  ['nursing', 'mid', 'Toronto, ON, Canada', 'BSc'],
  ['nursing', 'senior', 'Munich, Germany', 'MSc'],
  ['accounting', 'junior', 'Berlin, Germany', 'BSc'],
  ['accounting', 'mid', 'Seattle, WA', 'BSc'],
  ['accounting', 'lead', 'Austin, TX', 'MSc'],
  ['sales', 'junior', 'Toronto, ON, Canada', 'HighSchool'],
  ['sales', 'mid', 'Austin, TX', 'BSc'],
  ['sales', 'senior', 'Berlin, Germany', 'BSc'],
]

const FIRST_NAMES = ['Maya', 'Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Ava', 'Lucas', 'Sophia', 'Mateo', 'Priya', 'Omar', 'Chloe', 'Wei', 'Fatima', 'Diego', 'Hannah', 'Kenji']
const LAST_NAMES = ['Chen', 'Johnson', 'Garcia', 'Patel', 'Nguyen', 'Kim', 'Okafor', 'Rossi', 'Silva', 'Müller', 'Cohen', 'Khan', 'Larsen', 'Tanaka', 'Novak', 'Singh', 'Fischer', 'Haddad']
const INSTITUTIONS = ['Technical University of Munich', 'University of Toronto', 'University of Texas at Austin', 'University of Washington', 'Humboldt University of Berlin', 'McGill University']

const date = (s) => new Date(`${s}T00:00:00.000Z`)

/**
 * Work history by seniority, as [title word, start, end]. Juniors and mids end on fixed dates
 * (1.5 and 3.9 years), so they never drift; seniors (from 2019: 6.5 years in mid-2025) and
 * leads (from 2015: 10 years in mid-2025) end 'present' and stay inside their band (Senior
 * 5-10, Lead 8+) for years to come.
 */
const HISTORY = {
  junior: [['Junior', '2023-09-01', '2025-03-01']],
  mid: [['', '2021-05-01', '2023-04-01'], ['', '2023-05-01', '2025-04-01']],
  senior: [['', '2019-01-01', '2021-12-01'], ['Senior', '2022-01-01', 'present']],
  lead: [['', '2015-06-01', '2018-05-01'], ['Senior', '2018-06-01', '2021-08-01'], ['Lead', '2021-09-01', 'present']],
}

function degreeText(kind, field) {
  switch (kind) {
    case 'HighSchool': return 'High School Diploma'
    case 'Bootcamp': return 'Coding Bootcamp Certificate'
    default: return `${kind} ${field}`
  }
}

/** A strictly required degree one level above `level` (null above PhD). */
function strictDegree(level, field) {
  if (level <= 0) return { level: 1, strict: true, text: `Bachelor's degree in ${field} required` }
  if (level === 1) return { level: 2, strict: true, text: `Master's degree in ${field} required` }
  if (level === 2) return { level: 3, strict: true, text: `PhD in ${field} or a related field required` }
  return null
}
const flexibleDegree = (field) => ({ level: 1, strict: false, text: `Bachelor's degree in ${field} or equivalent experience` })

// ---------------------------------------------------------------------------
// Grades
// ---------------------------------------------------------------------------

const isRemote = (loc) => loc.mode === 'remote'

/**
 * The grade of `posting` for `resume` (the attribute records of generateMatchingSet, not the
 * documents) and why: `{ grade, reasons }`, reasons being 'profession', 'role', 'seniority',
 * 'location-country', 'must-have', 'education' (severe) and 'seniority-off',
 * 'location-region', 'nice-to-have', 'education-flexible' (mild). See the header.
 */
export function gradeOf(resume, posting) {
  if (posting.roleType !== resume.roleType) {
    return adjacent(posting.roleType, resume.roleType) ? { grade: 1, reasons: ['role'] } : { grade: 0, reasons: ['profession'] }
  }
  const severe = []
  const mild = []
  const gap = Math.abs(posting.level - resume.level)
  if (gap >= 2) severe.push('seniority')
  else if (gap === 1) mild.push('seniority-off')
  if (!isRemote(posting.location) && posting.location.city !== resume.city) {
    if (CITIES[posting.location.city] === resume.country) mild.push('location-region')
    else severe.push('location-country')
  }
  if (posting.mustHaves.some((s) => !resume.skills.includes(s))) severe.push('must-have')
  if (posting.niceToHaves.some((s) => !resume.skills.includes(s))) mild.push('nice-to-have')
  if (posting.degree && resume.degreeLevel < posting.degree.level) (posting.degree.strict ? severe : mild).push(posting.degree.strict ? 'education' : 'education-flexible')
  const reasons = [...severe, ...mild]
  if (severe.length) return { grade: 1, reasons }
  return { grade: mild.length === 0 ? 3 : mild.length === 1 ? 2 : 1, reasons }
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

function makeResume(spec, index, seed) {
  const [familyKey, seniority, city, degree] = spec
  const family = FAMILIES.find((f) => f.key === familyKey)
  const j = RESUME_SPECS.filter((s) => s[0] === familyKey).indexOf(spec)
  const c = chooser(seed, index, 0x5e5)
  const gapSkill = family.core[5 + j]
  const skills = family.core.filter((s) => s !== gapSkill).concat(family.extras[j])
  const generic = c.sample(GENERIC_SKILLS.filter((s) => !/lead/i.test(s) && !skills.includes(s)), 2)
  const title = family.titles[0]
  const gapWords = gapSkill.toLowerCase().split(/\W+/).filter((w) => w.length >= 4)
  const responsibilities = family.duties.filter((d) => !gapWords.some((w) => d.toLowerCase().includes(w)))
  const workExperience = HISTORY[seniority].map(([word, start, end], k) => ({
    jobTitle: word ? `${word} ${title}` : title,
    company: `${COMPANY_BASES[(index * 3 + k) % COMPANY_BASES.length]} ${family.company}`,
    startDate: date(start),
    endDate: end === 'present' ? 'present' : date(end),
    responsibilities: c.sample(responsibilities, 3).map((d) => d.charAt(0).toUpperCase() + d.slice(1)),
  }))
  const firstStart = HISTORY[seniority][0][1]
  const gradYear = Number(firstStart.slice(0, 4)) - (degree === 'PhD' ? 0 : 1)
  const education = [{ degree: degreeText(degree, family.field), institution: c.pick(INSTITUTIONS), graduationDate: date(`${gradYear}-06-01`) }]
  if (degree === 'MSc' || degree === 'PhD') {
    education.push({ degree: `BSc ${family.field}`, institution: c.pick(INSTITUTIONS), graduationDate: date(`${gradYear - (degree === 'PhD' ? 5 : 2)}-06-01`) })
  }
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length]
  const lastName = LAST_NAMES[(index * 7) % LAST_NAMES.length]
  const doc = {
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
    summary: `${title} experienced in ${skills[0]}, ${skills[1]} and ${skills[2]}. Known for strong communication and attention to detail.`,
    location: city,
    skills: skills.concat(generic).map((name) => ({ name })),
    workExperience,
    education,
    certifications: [],
  }
  const key = `${familyKey}-${seniority}`
  return {
    doc, key, profession: familyKey, seniority, city,
    // attributes the grades read
    country: CITIES[city], level: SENIORITIES.indexOf(seniority), roleType: family.role,
    skills, degreeLevel: DEGREE_LEVEL[degree], index: j,
  }
}

function locationText(loc) {
  if (loc.mode === 'remote') return 'Remote'
  if (loc.mode === 'hybrid') return `Hybrid - ${loc.city}`
  if (loc.mode === 'onsite') return `On-site - ${loc.city}`
  return loc.city
}

/**
 * One posting from its attributes: `{ family, roleType, level, location: {mode, city},
 * mustHaves, niceToHaves, degree, company, plainTitle }`.
 */
function makePosting(a, c) {
  const { family } = a
  const variant = a.roleType !== family.role ? family.variant : null
  const baseTitle = c.pick(variant ? variant.titles : family.titles)
  // A level word in about a third of the titles (never in plainTitle postings).
  const word = !a.plainTitle && c.rand() < 0.35 ? LEVEL_WORD[a.level] : ''
  const title = word ? `${word} ${baseTitle}` : baseTitle
  const listed = (variant ? variant.skills : family.core).slice()
  if (c.rand() < 0.5) listed.push(c.pick(GENERIC_SKILLS.filter((s) => !/lead/i.test(s) && !listed.includes(s))))
  const requirements = []
  a.mustHaves.forEach((s, k) => {
    const years = LEVEL_YEARS[a.level]
    requirements.push(k === 0 && years ? `Must have: ${years}+ years with ${s}` : `Required: ${s}`)
  })
  a.niceToHaves.forEach((s, k) => requirements.push(k % 2 ? `Bonus: experience with ${s}` : `Nice to have: ${s}`))
  if (a.degree) requirements.push(a.degree.text)
  requirements.push(c.pick(NEUTRAL_REQUIREMENTS))
  const [d1, d2] = c.sample(family.duties, 2)
  const description = `${a.company} is hiring a ${baseTitle} to ${d1} and ${d2}. ${c.pick(SOFT_SENTENCES)}`
  return {
    title,
    company: a.company,
    location: locationText(a.location),
    experienceLevel: LEVELS[a.level],
    status: 'active',
    skills: listed.map((name) => ({ name })),
    requirements,
    description,
  }
}

const MILD_KINDS = ['location-region', 'seniority-off', 'nice-to-have']
const NEAR_KINDS = ['seniority', 'location-country', 'must-have', 'education']

/** Level two or more away from `level`. */
const farLevel = (level, c) => (level <= 1 ? c.pick(level === 0 ? [2, 3] : [3]) : c.pick(level === 2 ? [0] : [0, 1]))
/** Level one away. */
const nearLevel = (level, c) => (level === 0 ? 1 : level === 3 ? 2 : c.pick([level - 1, level + 1]))
const localForm = (city, c) => ({ mode: c.pick(['plain', 'onsite', 'hybrid']), city })

/** The four postings aimed at resume `r` (attributes). */
function aimedAt(r, family, p, seed) {
  const c = chooser(seed, p, r.index, 0xa1)
  const safe = family.core.slice(0, 5)
  const companies = COMPANY_BASES.slice(0, 8).map((b) => `${b} ${family.company}`)
  const base = () => ({
    family, roleType: family.role, level: r.level, location: { mode: 'remote' },
    mustHaves: c.sample(safe, c.int(1, 2)), niceToHaves: [], degree: null, company: c.pick(companies),
    // a "Bachelor's or equivalent" line now and then, where the aimed resume holds one
    ...(r.degreeLevel >= 1 && c.rand() < 0.3 ? { degree: flexibleDegree(family.field) } : {}),
  })
  const out = []
  out.push({ ...base(), kind: 'fit', niceToHaves: [family.extras[r.index]] })
  out.push({ ...base(), kind: 'fit', location: localForm(r.city, c) })

  const mildKind = MILD_KINDS[(p + r.index) % MILD_KINDS.length]
  const mild = { ...base(), kind: mildKind }
  if (mildKind === 'location-region') mild.location = { mode: c.pick(['hybrid', 'plain']), city: SAME_COUNTRY[r.city] }
  if (mildKind === 'seniority-off') mild.level = nearLevel(r.level, c)
  if (mildKind === 'nice-to-have') mild.niceToHaves = [family.extras[(r.index + 1) % 3]]
  out.push(mild)

  const kinds = family.variant ? [...NEAR_KINDS, 'role'] : NEAR_KINDS
  let nearKind = kinds[(p * 3 + r.index) % kinds.length]
  if (nearKind === 'education' && !strictDegree(r.degreeLevel, family.field)) nearKind = 'seniority'
  const near = { ...base(), kind: nearKind }
  if (nearKind === 'seniority') near.level = farLevel(r.level, c)
  if (nearKind === 'location-country') near.location = { mode: c.pick(['onsite', 'plain']), city: c.pick(OTHER_COUNTRY[r.city]) }
  if (nearKind === 'must-have') near.mustHaves = [c.pick(safe), family.core[5 + r.index]]
  if (nearKind === 'education') near.degree = strictDegree(r.degreeLevel, family.field)
  if (nearKind === 'role') near.roleType = family.variant.role
  out.push(near)
  return out
}

/** The attribute record kept next to a posting document. */
const postingRecord = (a, doc, key) => ({
  doc, key, profession: a.family.key, roleType: a.roleType, level: a.level, location: a.location,
  mustHaves: a.mustHaves, niceToHaves: a.niceToHaves, degree: a.degree, kind: a.kind, company: a.company,
})

// ---------------------------------------------------------------------------
// Hub postings
// ---------------------------------------------------------------------------

export const HUB_TITLES = ['Operations Associate', 'Business Generalist', 'Team Member', 'Specialist', 'Associate Consultant', 'Coordinator']
/** Per profession of the set, skills a generic posting may list: the first ones are the
 * profession's own core skills (so every hub overlaps every resume), the rest are near them. */
const HUB_PROFESSION_SKILLS = {
  backend: { core: ['Python', 'Git', 'REST APIs', 'Docker'], near: ['Documentation'] },
  frontend: { core: ['JavaScript', 'HTML', 'CSS', 'React'], near: ['Social Media'] },
  'data-science': { core: ['SQL', 'Python', 'Statistics'], near: ['Data Analysis', 'Reporting'] },
  nursing: { core: ['Patient Care', 'Electronic Health Records', 'Basic Life Support'], near: ['Scheduling'] },
  accounting: { core: ['Microsoft Excel', 'Financial Reporting', 'Audit'], near: ['Accounting', 'Budgeting'] },
  sales: { core: ['Negotiation', 'Account Management', 'Prospecting'], near: ['Sales', 'CRM', 'Customer Service'] },
}
const HUB_GENERIC_SKILLS = [
  'Communication', 'Project Management', 'Customer Service', 'Teamwork', 'Leadership', 'Problem Solving',
  'Time Management', 'Data Analysis', 'Sales', 'Accounting', 'Budgeting', 'Scheduling', 'Reporting', 'CRM',
  'Social Media', 'Documentation', 'Stakeholder Management', 'Microsoft Office', 'Attention to Detail',
  'Critical Thinking', 'Presentation Skills', 'Google Workspace',
]
const HUB_LOCATIONS = [{ mode: 'remote' }, { mode: 'plain', city: 'Berlin, Germany' }, { mode: 'remote' }, { mode: 'plain', city: 'Austin, TX' }, { mode: 'remote' }, { mode: 'plain', city: 'Toronto, ON, Canada' }]
const HUB_COMPANIES = ['Cedarbrook Group', 'Foxglove Partners', 'Highland Services', 'Riverbend Group', 'Maplewood Partners', 'Granite Services']
const HUB_DESCRIPTIONS = [
  'You will support day-to-day operations across the business and help wherever the team needs it.',
  'You will work with many teams on a variety of tasks and projects and keep things running smoothly.',
  'You will take on a broad range of responsibilities and help colleagues across departments.',
]
const HUB_CLOSING = [
  'We are a friendly team that values a positive attitude.',
  'Every day is different, and no two weeks look the same.',
  'We offer a supportive environment and room to grow.',
]
const HUB_REQUIREMENTS = [
  'Excellent written and verbal communication skills',
  'Ability to work independently and as part of a team',
  'Strong organizational and time management skills',
  'Comfortable working with cross-functional teams',
  'Proficiency in Microsoft Office',
  'A positive attitude and willingness to learn',
]

/**
 * `count` (≤ 6) generic hub postings: `{ doc, key: 'hub-01' …, hub: true, profession:
 * 'generic', roleType: 'generic', level, location, mustHaves: [], niceToHaves: [], degree: null,
 * kind: 'hub', company }`. Each lists 18-25 skills: one or two core skills of every profession
 * of the set, often a third skill near it, and common skills for the rest.
 */
export function hubPostings({ seed = 17, count = HUB_TITLES.length } = {}) {
  if (!Number.isInteger(count) || count < 0 || count > HUB_TITLES.length) throw new RangeError(`hubs: 0 to ${HUB_TITLES.length}`)
  return HUB_TITLES.slice(0, count).map((title, h) => {
    const c = chooser(seed, h, 0x4b5)
    const target = c.int(18, 25)
    const listed = new Set()
    for (const f of FAMILIES) {
      const { core, near } = HUB_PROFESSION_SKILLS[f.key]
      for (const s of c.sample(core, c.int(1, 2))) listed.add(s)
      if (c.rand() < 0.5) listed.add(c.pick(near))
    }
    for (const s of c.shuffle(HUB_GENERIC_SKILLS)) if (listed.size < target) listed.add(s)
    const skills = c.shuffle([...listed]).slice(0, target)
    const level = h % 2 === 0 ? 1 : null
    const location = HUB_LOCATIONS[h % HUB_LOCATIONS.length]
    const company = HUB_COMPANIES[h % HUB_COMPANIES.length]
    const doc = {
      title,
      company,
      location: locationText(location),
      ...(level == null ? {} : { experienceLevel: LEVELS[level] }),
      status: 'active',
      skills: skills.map((name) => ({ name })),
      requirements: c.sample(HUB_REQUIREMENTS, c.int(3, 4)),
      description: `${company} is looking for ${/^[AEIOU]/.test(title) ? 'an' : 'a'} ${title}. ${c.pick(HUB_DESCRIPTIONS)} ${c.pick(HUB_CLOSING)}`,
    }
    return {
      doc, key: `hub-${String(h + 1).padStart(2, '0')}`, hub: true, profession: 'generic', roleType: 'generic',
      level, location, mustHaves: [], niceToHaves: [], degree: null, kind: 'hub', company,
    }
  })
}

/**
 * The labelled set: `{ resumes, postings, relevance, reasons }`. resumes: `{ doc, key,
 * profession, seniority, city, … }` (18); postings: `{ doc, key, profession, roleType, level,
 * kind, … }` (72, shuffled); relevance: resumeKey → { postingKey: grade 0-3 } for every posting;
 * reasons: resumeKey → { postingKey: [why] } (see gradeOf).
 *
 * `hubs`: false (default: the set above, unchanged), true (the six hub postings of
 * hubPostings) or a count 0-6. The hubs are spliced into the shuffled order at seeded
 * places (the other postings keep their keys and relative order), carry `hub: true` and are
 * graded 0 for every resume.
 */
export function generateMatchingSet({ seed = 17, hubs = false } = {}) {
  const resumes = RESUME_SPECS.map((spec, i) => makeResume(spec, i, seed))
  const attrs = []
  FAMILIES.forEach((family, p) => {
    for (const r of resumes.filter((x) => x.profession === family.key)) attrs.push(...aimedAt(r, family, p, seed))
  })
  const order = chooser(seed, 0x5f1).shuffle(attrs.map((_, i) => i))
  const counters = {}
  const postings = order.map((i) => {
    const a = attrs[i]
    counters[a.family.key] = (counters[a.family.key] ?? 0) + 1
    const key = `${a.family.key}-${String(counters[a.family.key]).padStart(2, '0')}`
    return postingRecord(a, makePosting(a, chooser(seed, i, 0xd0c)), key)
  })
  const hubCount = hubs === true ? HUB_TITLES.length : hubs === false || hubs == null ? 0 : hubs
  if (hubCount) {
    // Seeded places in the shuffled order, so insertion order (ids, the seed's tie-break)
    // neither favours nor hides them.
    const c = chooser(seed, 0x4b6)
    for (const hub of hubPostings({ seed, count: hubCount })) postings.splice(c.int(0, postings.length), 0, hub)
  }
  const relevance = {}
  const reasons = {}
  for (const r of resumes) {
    relevance[r.key] = {}
    reasons[r.key] = {}
    for (const p of postings) {
      const { grade, reasons: why } = gradeOf(r, p)
      relevance[r.key][p.key] = grade
      reasons[r.key][p.key] = why
    }
  }
  return { resumes, postings, relevance, reasons }
}

// ---------------------------------------------------------------------------
// Application log (collaborative filtering)
// ---------------------------------------------------------------------------

/**
 * A job-application log whose structure content cannot see. Per profession, two taste groups,
 * each tied to one resume of that profession (its users share it) and to two companies of its
 * own: the group's pool is `taste` active postings and one closed posting at those companies,
 * and `decoys` more postings at two other companies. Pool and decoys look alike to content
 * matching: same profession, core skills and plain titles, and all of them fit the group's
 * resume (level, location, must-haves), so content ranks the held-out posting at random among
 * the profession's ~40 postings, while item-to-item co-application finds it.
 *
 * Each of a group's `usersPerGroup` users applies to 4-6 pool postings (and every other user to
 * the closed one too); one active application per user is held out, chosen so that at least
 * two other users of the group applied to it in the visible log and share another visible
 * application with the user.
 *
 * `postings` / `resumes`: the labelled set's (default generateMatchingSet()). Returns
 * `{ postings, users, log, heldOut }`: postings `{ doc, key, profession, group, pool,
 * closed }` to insert (the closed ones have status 'closed'), users `{ userId, resumeKey,
 * profession, group }`, log `[{ user, postingKey }]` (visible applications), heldOut
 * `{ userId: postingKey }`.
 */
export function generateApplicationLog({ postings, resumes, seed = 7, usersPerGroup = 5, taste = 7, decoys = 7 } = {}) {
  if (!postings || !resumes) {
    const set = generateMatchingSet()
    postings ??= set.postings
    resumes ??= set.resumes
  }
  const taken = new Set(postings.map((p) => p.key))
  const out = []
  const users = []
  const log = []
  const heldOut = {}
  let userNo = 0
  FAMILIES.forEach((family, p) => {
    const groupResumes = resumes.filter((r) => r.profession === family.key).slice(0, 2)
    groupResumes.forEach((r, g) => {
      const c = chooser(seed, p, g, 0xcf)
      const group = `${family.key}-${g}`
      const companies = COMPANY_BASES.slice(8 + 4 * g, 12 + 4 * g).map((b) => `${b} ${family.company}`)
      const make = (pool, n, closed) => {
        const a = {
          family, roleType: family.role, level: r.level,
          location: c.rand() < 0.5 ? { mode: 'remote' } : localForm(r.city, c),
          mustHaves: c.sample(family.core.slice(0, 5), c.int(1, 2)), niceToHaves: [], degree: null,
          company: pool === 'taste' ? companies[n % 2] : companies[2 + (n % 2)], plainTitle: true, kind: 'cf',
        }
        const key = `cf-${group}-${pool}-${closed ? 'closed' : n + 1}`
        if (taken.has(key)) throw new Error(`duplicate posting key ${key}`)
        taken.add(key)
        const doc = makePosting(a, chooser(seed, p, g, n, closed ? 1 : 0, pool === 'taste' ? 0x7a : 0xde))
        if (closed) doc.status = 'closed'
        return { ...postingRecord(a, doc, key), group, pool, closed }
      }
      const pool = Array.from({ length: taste }, (_, n) => make('taste', n, false))
      const closedPosting = make('taste', 0, true)
      const decoyPostings = Array.from({ length: decoys }, (_, n) => make('decoy', n, false))
      out.push(...pool, closedPosting, ...decoyPostings)

      // Applications of the group's users, then the held-out choice.
      const members = []
      for (let u = 0; u < usersPerGroup; u++) {
        userNo += 1
        const userId = `cf-user-${String(userNo).padStart(2, '0')}`
        const applied = c.sample(pool, c.int(4, 6)).map((x) => x.key)
        members.push({ userId, applied, closed: u % 2 === 0 })
        users.push({ userId, resumeKey: r.key, profession: family.key, group })
      }
      chooseHeldOut(members, c)
      for (const m of members) {
        heldOut[m.userId] = m.heldOut
        for (const key of m.applied) if (key !== m.heldOut) log.push({ user: m.userId, postingKey: key })
        if (m.closed) log.push({ user: m.userId, postingKey: closedPosting.key })
      }
    })
  })
  // Shuffle the postings so that insertion order (and so ids) says nothing about the pools.
  return { postings: chooser(seed, 0x0ff).shuffle(out), users, log, heldOut }
}

/** Visible co-applicants of `key` for member `m`: others who applied to it visibly and share
 * another visible application with `m`. */
function coApplicants(members, m, key) {
  const visible = (x) => new Set(x.applied.filter((k) => k !== x.heldOut))
  const mine = visible(m)
  mine.delete(key)
  return members.filter((o) => {
    if (o === m) return false
    const theirs = visible(o)
    return theirs.has(key) && [...mine].some((k) => theirs.has(k))
  }).length
}

/** Picks each member's held-out application so that every one keeps ≥ 2 co-applicants. */
function chooseHeldOut(members, c) {
  for (const m of members) m.heldOut = c.pick(m.applied)
  for (let round = 0; round < 50; round++) {
    const weak = members.find((m) => coApplicants(members, m, m.heldOut) < 2)
    if (!weak) return
    const options = c.shuffle(weak.applied).filter((k) => {
      const before = weak.heldOut
      weak.heldOut = k
      const ok = members.every((m) => coApplicants(members, m, m.heldOut) >= 2)
      weak.heldOut = before
      return ok
    })
    weak.heldOut = options[0] ?? c.pick(weak.applied)
  }
  throw new Error('could not hold out an application with two co-applicants for every user')
}

// ---------------------------------------------------------------------------
// Sanity check: `node __test__/support/matching-set.mjs [--hubs]`
// ---------------------------------------------------------------------------

if (import.meta.url === `file://${process.argv[1]}`) {
  const set = generateMatchingSet({ hubs: process.argv.includes('--hubs') })
  console.log(`${set.resumes.length} resumes, ${set.postings.length} postings (${set.postings.filter((p) => p.hub).length} hubs)`)
  for (const r of set.resumes) {
    const own = set.postings.filter((p) => p.profession === r.profession)
    const grades = [0, 1, 2, 3].map((g) => Object.values(set.relevance[r.key]).filter((x) => x === g).length)
    const ownOne = own.filter((p) => set.relevance[r.key][p.key] === 1).length
    console.log(`${r.key.padEnd(22)} grade 0..3: ${grades.join(' ')}  (≥2: ${grades[2] + grades[3]}, own-profession grade 1: ${ownOne})`)
  }
  const log = generateApplicationLog({ postings: set.postings, resumes: set.resumes })
  console.log(`${log.users.length} users, ${log.postings.length} log postings, ${log.log.length} visible applications, ${Object.keys(log.heldOut).length} held out`)
}
