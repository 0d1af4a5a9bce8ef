// A deterministic, realistic job board and resumes for the tests and the scale and cluster
// benchmarks (bench/scale.mjs, bench/cluster.mjs).
//
//   import { generatePostings, generateResumes, insertBoard } from './board.mjs'
//   const postings = generatePostings(50_000)            // same documents on every run
//   const resumes = generateResumes(3)                   // three different professions
//   const { postingIds, resumeIds } = await insertBoard(db, { postings, resumes })
//
// 47 professions (software, data, health care, finance, law, trades, retail, hospitality, ...),
// each with its own titles, core skills, degrees, certifications, duties and requirements, plus
// shared generic skills ("Communication", "Microsoft Excel", ...). Requirement sentences are
// built combinatorially ("5+ years of experience with Kubernetes", "Bachelor's degree in
// Nursing or equivalent experience", ...), so a large board repeats a vocabulary of a few
// thousand distinct texts the way a real board does, instead of inventing a new text per
// posting: about 340 skill names and 2,400 requirement sentences in all.
//
// No Math.random and no clock: every choice comes from a seeded PRNG (mulberry32), seeded per
// document from (seed, index), so document i is the same whatever n is (generatePostings(100)
// is a prefix of generatePostings(1000)) and the same (n, seed) always gives the same
// documents. Dates are fixed, derived from the index. `_id` is left to MongoDB unless
// `{ ids: true }` asks for deterministic ObjectIds.
import { ObjectId } from 'mongodb'

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

export function mulberry32(seed) {
  let a = seed >>> 0
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 32-bit mix of a few integers (murmur3 finalizer), to seed one document's PRNG. */
export function hash32(...parts) {
  let h = 0x811c9dc5
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b) >>> 0
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35) >>> 0
    h ^= h >>> 16
  }
  return h >>> 0
}

/** Helpers bound to one PRNG. */
function chooser(rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)) // inclusive
  const pick = (arr) => arr[Math.floor(rand() * arr.length)]
  /** n distinct items of arr, in random order (partial Fisher-Yates on a copy). */
  const sample = (arr, n) => {
    const pool = arr.slice()
    const k = Math.min(n, pool.length)
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rand() * (pool.length - i))
      const t = pool[i]
      pool[i] = pool[j]
      pool[j] = t
    }
    return pool.slice(0, k)
  }
  /** Index into weights, chosen with probability proportional to the weight. */
  const weighted = (weights, total) => {
    let r = rand() * total
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]
      if (r < 0) return i
    }
    return weights.length - 1
  }
  return { rand, int, pick, sample, weighted }
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/** Skills every profession may ask for. */
export const GENERIC_SKILLS = [
  'Communication', 'Microsoft Excel', 'Project Management', 'Teamwork', 'Problem Solving',
  'Time Management', 'Leadership', 'Customer Service', 'Microsoft Office', 'Attention to Detail',
  'Critical Thinking', 'Stakeholder Management', 'Presentation Skills', 'Negotiation',
  'Data Analysis', 'Documentation', 'Google Workspace', 'Conflict Resolution', 'Budgeting',
  'Mentoring',
]

/** Requirement sentences any posting may carry. */
const GENERIC_REQUIREMENTS = [
  'Excellent written and verbal communication skills',
  'Strong attention to detail and accuracy',
  'Ability to work independently and as part of a team',
  'Strong organizational and time management skills',
  'Ability to manage multiple priorities in a fast-paced environment',
  'Strong problem-solving and analytical skills',
  'Comfortable working with cross-functional teams',
  'Fluency in English; a second language is a plus',
  'Willingness to travel up to 20% of the time',
  'Must be authorized to work in the country of employment',
  'Demonstrated ability to learn new tools quickly',
  'Customer-focused mindset with a positive attitude',
  'Able to give and receive constructive feedback',
  'Experience mentoring or onboarding new team members',
  'Flexible schedule, including occasional evenings or weekends',
]

/** Degree, as a resume's education entry spells it, by kind. */
const DEGREE_TITLES = {
  BS: ['Bachelor of Science in', 'Master of Science in'],
  BA: ['Bachelor of Arts in', 'Master of Arts in'],
  AAS: ['Associate of Applied Science in', 'Bachelor of Science in'],
}

const p = (key, weight, degreeKind, titles, skills, degrees, certs, duties, specific) => ({
  key, weight, degreeKind, titles, skills, degrees, certs, duties, specific,
})

/**
 * The professions: key, relative share of postings, degree kind, titles, core skills, degree
 * fields, certifications [name, issuer], duties (verb phrases), profession-specific
 * requirements.
 */
export const PROFESSIONS = [
  p('software-backend', 3, 'BS',
    ['Backend Engineer', 'Software Engineer', 'API Developer'],
    ['Python', 'Java', 'Go', 'Node.js', 'PostgreSQL', 'MongoDB', 'REST APIs', 'Docker', 'Kafka', 'SQL', 'Git'],
    ['Computer Science', 'Software Engineering'],
    [['AWS Certified Developer - Associate', 'Amazon Web Services'], ['Oracle Certified Professional Java SE Developer', 'Oracle']],
    ['design and maintain REST and gRPC services', 'optimize database queries and schemas', 'write automated unit and integration tests', 'take part in on-call rotations for production services', 'review code and improve service reliability'],
    ['Experience designing scalable distributed systems', 'Solid understanding of data structures and algorithms', 'Familiarity with cloud platforms such as AWS or GCP']),
  p('software-frontend', 3, 'BS',
    ['Frontend Engineer', 'UI Developer', 'Web Developer'],
    ['JavaScript', 'TypeScript', 'React', 'Vue.js', 'Angular', 'HTML', 'CSS', 'Redux', 'REST APIs', 'Git'],
    ['Computer Science', 'Human-Computer Interaction'],
    [['Meta Front-End Developer Certificate', 'Meta'], ['Certified Web Accessibility Specialist', 'IAAP']],
    ['build responsive, accessible user interfaces', 'turn design mockups into reusable components', 'improve page load performance', 'write component and end-to-end tests', 'collaborate with designers on the design system'],
    ['A portfolio of shipped web applications', 'Strong understanding of browser rendering and performance', 'Experience building accessible interfaces that meet WCAG 2.1']),
  p('mobile', 2, 'BS',
    ['iOS Developer', 'Android Developer', 'Mobile Engineer'],
    ['Swift', 'Kotlin', 'SwiftUI', 'Jetpack Compose', 'React Native', 'Flutter', 'Xcode', 'Git', 'REST APIs'],
    ['Computer Science', 'Software Engineering'],
    [['Associate Android Developer', 'Google'], ['App Development with Swift Certified User', 'Apple']],
    ['ship features to iOS and Android apps', 'profile and fix crashes and memory issues', 'integrate mobile apps with backend APIs', 'publish releases to the App Store and Google Play', 'write UI and unit tests for mobile apps'],
    ['At least one published app on the App Store or Google Play', 'Understanding of mobile app lifecycle and offline storage', 'Experience with mobile CI and release automation']),
  p('data-science', 2, 'BS',
    ['Data Scientist', 'Applied Scientist', 'Decision Scientist'],
    ['Python', 'R', 'SQL', 'pandas', 'scikit-learn', 'Statistics', 'A/B Testing', 'Tableau', 'Data Analysis'],
    ['Statistics', 'Mathematics', 'Computer Science'],
    [['IBM Data Science Professional Certificate', 'IBM'], ['Certified Analytics Professional', 'INFORMS']],
    ['build predictive models from product data', 'design and analyze A/B experiments', 'present insights to business stakeholders', 'define metrics and build dashboards', 'clean and explore large datasets'],
    ['Strong foundation in probability and statistical inference', 'Experience communicating results to non-technical audiences', 'Track record of turning analysis into product decisions']),
  p('ml-engineering', 2, 'BS',
    ['Machine Learning Engineer', 'MLOps Engineer', 'AI Engineer'],
    ['Python', 'PyTorch', 'TensorFlow', 'MLflow', 'Docker', 'Deep Learning', 'Natural Language Processing', 'Computer Vision', 'Model Deployment'],
    ['Computer Science', 'Machine Learning'],
    [['Google Professional Machine Learning Engineer', 'Google Cloud'], ['AWS Certified Machine Learning - Specialty', 'Amazon Web Services']],
    ['train and evaluate deep learning models', 'deploy models to production inference services', 'build feature pipelines and training datasets', 'monitor model quality and drift', 'optimize model latency on GPUs'],
    ['Experience taking machine learning models from prototype to production', 'Publications or open-source contributions in machine learning are a plus', 'Understanding of model evaluation and bias mitigation']),
  p('data-engineering', 2, 'BS',
    ['Data Engineer', 'Analytics Engineer', 'ETL Developer'],
    ['SQL', 'Apache Spark', 'Apache Airflow', 'dbt', 'Snowflake', 'BigQuery', 'Kafka', 'Python', 'Data Modeling'],
    ['Computer Science', 'Information Systems'],
    [['Databricks Certified Data Engineer Associate', 'Databricks'], ['SnowPro Core Certification', 'Snowflake']],
    ['build and maintain batch and streaming data pipelines', 'model data for analytics in the warehouse', 'monitor data quality and freshness', 'optimize Spark jobs and warehouse costs', 'document data sources and lineage'],
    ['Experience building data pipelines at terabyte scale', 'Strong understanding of dimensional data modeling', 'Familiarity with data governance and privacy requirements']),
  p('devops', 2, 'BS',
    ['DevOps Engineer', 'Site Reliability Engineer', 'Platform Engineer'],
    ['Kubernetes', 'Docker', 'Terraform', 'AWS', 'CI/CD', 'Linux', 'Python', 'Prometheus', 'Grafana', 'Bash'],
    ['Computer Science', 'Information Technology'],
    [['Certified Kubernetes Administrator', 'Cloud Native Computing Foundation'], ['AWS Certified Solutions Architect - Associate', 'Amazon Web Services']],
    ['automate infrastructure with infrastructure as code', 'run and scale Kubernetes clusters', 'build CI/CD pipelines', 'improve monitoring, alerting and incident response', 'reduce cloud costs'],
    ['Experience running production workloads on Kubernetes', 'Participation in an on-call rotation', 'Strong scripting skills for automation']),
  p('security', 1, 'BS',
    ['Security Engineer', 'Security Analyst', 'Penetration Tester'],
    ['Network Security', 'SIEM', 'Penetration Testing', 'Incident Response', 'Vulnerability Management', 'Firewalls', 'Linux', 'Threat Modeling', 'Identity and Access Management'],
    ['Cybersecurity', 'Computer Science'],
    [['CISSP', 'ISC2'], ['CompTIA Security+', 'CompTIA']],
    ['monitor security alerts and investigate incidents', 'run vulnerability scans and penetration tests', 'harden cloud and network configurations', 'write security policies and runbooks', 'train staff on security awareness'],
    ['Ability to obtain a security clearance', 'Knowledge of NIST and ISO 27001 frameworks', 'Experience with security incident handling']),
  p('qa', 1, 'BS',
    ['QA Engineer', 'Test Automation Engineer', 'Software Tester'],
    ['Selenium', 'Cypress', 'Test Automation', 'Manual Testing', 'JIRA', 'Test Planning', 'Agile', 'Regression Testing'],
    ['Computer Science', 'Information Technology'],
    [['ISTQB Certified Tester Foundation Level', 'ISTQB'], ['Certified Software Quality Analyst', 'QAI Global Institute']],
    ['write and maintain automated test suites', 'plan test strategies for new releases', 'report and track defects', 'run regression and exploratory testing', 'integrate tests into the CI pipeline'],
    ['Experience testing web and mobile applications', 'Understanding of the software development life cycle', 'Strong bug reporting and documentation skills']),
  p('it-support', 2, 'AAS',
    ['IT Support Specialist', 'Help Desk Technician', 'Systems Administrator'],
    ['Active Directory', 'Windows Server', 'Troubleshooting', 'Networking', 'Office 365 Administration', 'ServiceNow', 'Customer Service', 'VPN'],
    ['Information Technology', 'Network Administration'],
    [['CompTIA A+', 'CompTIA'], ['Microsoft 365 Certified: Modern Desktop Administrator Associate', 'Microsoft']],
    ['resolve hardware and software tickets', 'set up laptops and user accounts', 'maintain servers, backups and patches', 'support the office network and VPN', 'document fixes in the knowledge base'],
    ['Experience supporting 100+ end users', 'Valid driver license for on-site visits', 'Ability to lift up to 50 pounds of equipment']),
  p('product-management', 2, 'BA',
    ['Product Manager', 'Product Owner', 'Technical Product Manager'],
    ['Product Roadmapping', 'Agile', 'Scrum', 'User Research', 'JIRA', 'Market Analysis', 'Requirements Gathering', 'A/B Testing', 'Stakeholder Management'],
    ['Business Administration', 'Computer Science'],
    [['Certified Scrum Product Owner', 'Scrum Alliance'], ['Pragmatic Institute Product Management Certification', 'Pragmatic Institute']],
    ['own the product roadmap and priorities', 'write user stories and acceptance criteria', 'talk to customers and synthesize feedback', 'define success metrics for launches', 'align engineering, design and sales on releases'],
    ['Experience shipping B2B or B2C software products', 'Ability to make data-informed decisions', 'Experience working closely with engineering teams']),
  p('ux-design', 2, 'BA',
    ['UX Designer', 'Product Designer', 'UX Researcher'],
    ['Figma', 'Presentation Skills', 'User Research', 'Wireframing', 'Prototyping', 'Usability Testing', 'Design Systems', 'Information Architecture'],
    ['Interaction Design', 'Human-Computer Interaction', 'Graphic Design'],
    [['Google UX Design Professional Certificate', 'Google'], ['Certified Usability Analyst', 'Human Factors International']],
    ['design user flows, wireframes and prototypes', 'run usability tests and interviews', 'maintain the design system', 'present design decisions to stakeholders', 'work with engineers through implementation'],
    ['A portfolio showing end-to-end product design work', 'Experience designing for web and mobile', 'Familiarity with accessibility guidelines']),
  p('graphic-design', 2, 'BA',
    ['Graphic Designer', 'Visual Designer', 'Brand Designer'],
    ['Adobe Photoshop', 'Adobe Illustrator', 'Adobe InDesign', 'Typography', 'Branding', 'Layout Design', 'Figma', 'Print Production'],
    ['Graphic Design', 'Fine Arts', 'Visual Communication'],
    [['Adobe Certified Professional in Graphic Design', 'Adobe'], ['Adobe Certified Professional in Visual Design', 'Adobe']],
    ['design marketing and brand materials', 'prepare files for print and digital production', 'create social media graphics and animations', 'keep designs consistent with brand guidelines', 'manage several design projects at once'],
    ['A strong portfolio of print and digital work', 'Keen eye for typography and layout', 'Ability to take creative direction and meet deadlines']),
  p('nursing', 3, 'BS',
    ['Registered Nurse', 'ICU Nurse', 'Charge Nurse', 'Emergency Room Nurse'],
    ['Patient Care', 'Electronic Health Records', 'Medication Administration', 'Basic Life Support', 'Advanced Cardiac Life Support', 'Triage', 'Patient Assessment', 'Wound Care', 'Epic', 'Documentation'],
    ['Nursing'],
    [['Registered Nurse License', 'State Board of Nursing'], ['Critical Care Registered Nurse (CCRN)', 'AACN']],
    ['assess patients and carry out care plans', 'administer medications and IV therapy', 'document care in the electronic health record', 'educate patients and families', 'coordinate care with physicians and therapists'],
    ['Active Registered Nurse (RN) license in good standing', 'Current BLS and ACLS certification', 'Ability to work 12-hour shifts, including nights and weekends']),
  p('pharmacy', 1, 'BS',
    ['Pharmacist', 'Clinical Pharmacist', 'Pharmacy Technician'],
    ['Medication Dispensing', 'Pharmacology', 'Drug Interactions', 'Prescription Verification', 'Patient Counseling', 'Compounding', 'Inventory Control', 'Patient Education'],
    ['Pharmacy', 'Pharmaceutical Sciences'],
    [['Pharmacy Technician Certification (CPhT)', 'PTCB'], ['Board Certified Pharmacotherapy Specialist', 'Board of Pharmacy Specialties']],
    ['verify and dispense prescriptions', 'counsel patients on their medications', 'check for drug interactions and allergies', 'manage pharmacy inventory', 'administer vaccinations'],
    ['Active pharmacist license in the state of practice', 'Doctor of Pharmacy (PharmD) degree', 'Immunization certification']),
  p('physical-therapy', 1, 'BS',
    ['Physical Therapist', 'Physical Therapist Assistant', 'Rehabilitation Specialist'],
    ['Manual Therapy', 'Therapeutic Exercise', 'Gait Training', 'Orthopedics', 'Rehabilitation Planning', 'Patient Education', 'Electronic Health Records', 'Neurological Rehabilitation'],
    ['Kinesiology', 'Exercise Science'],
    [['Orthopaedic Clinical Specialist', 'ABPTS'], ['Certified Strength and Conditioning Specialist', 'NSCA']],
    ['evaluate patients and write treatment plans', 'lead therapeutic exercise sessions', 'track patient progress and outcomes', 'teach home exercise programs', 'document visits for insurance'],
    ['Doctor of Physical Therapy (DPT) from an accredited program', 'State physical therapy license', 'Experience in outpatient orthopedics']),
  p('medical-billing', 1, 'AAS',
    ['Medical Billing Specialist', 'Medical Coder', 'Health Information Technician'],
    ['ICD-10 Coding', 'CPT Coding', 'Medical Billing', 'Insurance Claims', 'HIPAA Compliance', 'Medical Terminology', 'Microsoft Excel', 'Epic'],
    ['Health Information Management', 'Healthcare Administration'],
    [['Certified Professional Coder (CPC)', 'AAPC'], ['Registered Health Information Technician (RHIT)', 'AHIMA']],
    ['code diagnoses and procedures accurately', 'submit and follow up on insurance claims', 'resolve denied and rejected claims', 'keep patient records compliant with HIPAA', 'reconcile patient accounts'],
    ['Knowledge of Medicare and Medicaid billing rules', 'Experience with payer portals', 'Typing speed of at least 45 words per minute']),
  p('accounting', 3, 'BS',
    ['Accountant', 'Staff Accountant', 'Accounting Manager', 'Controller'],
    ['GAAP', 'General Ledger', 'Accounts Payable', 'Accounts Receivable', 'Financial Reporting', 'Account Reconciliation', 'SAP', 'Audit', 'Microsoft Excel'],
    ['Accounting', 'Finance'],
    [['Certified Public Accountant (CPA)', 'AICPA'], ['Certified Management Accountant (CMA)', 'IMA']],
    ['prepare journal entries and reconciliations', 'run the month-end and year-end close', 'prepare financial statements', 'support external audits', 'manage accounts payable and receivable'],
    ['CPA or progress toward CPA licensure', 'Experience with ERP systems', 'Strong knowledge of accounting principles and internal controls']),
  p('finance', 2, 'BS',
    ['Financial Analyst', 'FP&A Analyst', 'Investment Analyst'],
    ['Financial Modeling', 'Forecasting', 'Budgeting', 'Valuation', 'Variance Analysis', 'Bloomberg Terminal', 'Microsoft Excel', 'Power BI'],
    ['Finance', 'Economics'],
    [['Chartered Financial Analyst (CFA)', 'CFA Institute'], ['Financial Modeling and Valuation Analyst (FMVA)', 'Corporate Finance Institute']],
    ['build financial models and forecasts', 'analyze variances against budget', 'prepare reports for leadership', 'evaluate investment opportunities', 'support the annual budgeting process'],
    ['Advanced Excel skills, including pivot tables and macros', 'Experience presenting financial results to executives', 'CFA Level I or higher is a plus']),
  p('audit', 1, 'BS',
    ['Internal Auditor', 'External Auditor', 'Audit Associate'],
    ['Internal Controls', 'SOX Compliance', 'Risk Assessment', 'Audit Planning', 'GAAP', 'IFRS', 'Data Analysis', 'Audit'],
    ['Accounting', 'Finance'],
    [['Certified Internal Auditor (CIA)', 'The IIA'], ['Certified Information Systems Auditor (CISA)', 'ISACA']],
    ['plan and perform financial and operational audits', 'test internal controls', 'write audit findings and recommendations', 'follow up on remediation plans', 'assess business risks'],
    ['Big Four or public accounting experience preferred', 'Knowledge of COSO and SOX requirements', 'Ability to travel to company sites']),
  p('sales', 3, 'BA',
    ['Account Executive', 'Sales Representative', 'Business Development Representative', 'Sales Manager'],
    ['Salesforce', 'Lead Generation', 'Cold Calling', 'Negotiation', 'Pipeline Management', 'B2B Sales', 'Customer Retention', 'Closing Deals', 'Account Management'],
    ['Business Administration', 'Marketing'],
    [['Certified Sales Professional', 'NASP'], ['Salesforce Certified Sales Cloud Consultant', 'Salesforce']],
    ['prospect and qualify new leads', 'run discovery calls and product demos', 'negotiate and close deals', 'manage the sales pipeline in the CRM', 'grow existing accounts'],
    ['Proven record of meeting or exceeding sales quotas', 'Experience selling SaaS or technology products', 'Valid driver license and willingness to travel']),
  p('marketing', 3, 'BA',
    ['Marketing Manager', 'Digital Marketing Specialist', 'Growth Marketer'],
    ['SEO', 'Data Analysis', 'Google Analytics', 'Content Marketing', 'Email Marketing', 'Social Media Marketing', 'HubSpot', 'Google Ads', 'Copywriting'],
    ['Marketing', 'Communications'],
    [['Google Ads Certification', 'Google'], ['HubSpot Inbound Marketing Certification', 'HubSpot']],
    ['plan and run multi-channel campaigns', 'manage paid search and social budgets', 'write and test email campaigns', 'report on funnel and campaign metrics', 'improve organic search rankings'],
    ['Experience managing a marketing budget', 'Data-driven approach to campaign optimization', 'Portfolio of campaigns with measurable results']),
  p('customer-success', 2, 'BA',
    ['Customer Success Manager', 'Customer Support Representative', 'Account Manager'],
    ['Zendesk', 'Customer Retention', 'Customer Onboarding', 'Salesforce', 'Account Management', 'Customer Service', 'Ticketing Systems', 'Upselling'],
    ['Business Administration', 'Communications'],
    [['Certified Customer Success Manager', 'SuccessHACKER'], ['HDI Customer Service Representative', 'HDI']],
    ['onboard new customers', 'answer customer questions by phone, chat and email', 'run business reviews with key accounts', 'reduce churn and grow renewals', 'pass product feedback to the product team'],
    ['Experience in a customer-facing SaaS role', 'Calm and empathetic under pressure', 'Experience handling escalations']),
  p('teaching', 3, 'BA',
    ['Teacher', 'Elementary School Teacher', 'High School Teacher', 'Math Teacher'],
    ['Lesson Planning', 'Classroom Management', 'Curriculum Development', 'Differentiated Instruction', 'Student Assessment', 'Special Education', 'Google Classroom', 'Parent Communication', 'Mentoring'],
    ['Education', 'Mathematics', 'English'],
    [['State Teaching License', 'State Department of Education'], ['Teaching English as a Second Language (TESOL)', 'TESOL International']],
    ['plan and deliver daily lessons', 'assess student progress and give feedback', 'adapt instruction for diverse learners', 'communicate with parents and guardians', 'keep a safe and positive classroom'],
    ['Valid state teaching certification', 'Clear background check and fingerprinting', 'Experience with individualized education programs (IEPs)']),
  p('instructional-design', 1, 'BA',
    ['Instructional Designer', 'Learning Experience Designer', 'Training Specialist'],
    ['Instructional Design', 'ADDIE Model', 'Articulate Storyline', 'LMS Administration', 'E-Learning Development', 'Curriculum Development', 'Needs Analysis', 'Project Management'],
    ['Instructional Design', 'Education'],
    [['Certified Professional in Talent Development', 'ATD'], ['Articulate Storyline Certification', 'Articulate']],
    ['design online and instructor-led courses', 'build e-learning modules', 'run training needs analyses', 'manage the learning management system', 'measure training effectiveness'],
    ['A portfolio of e-learning samples', 'Experience working with subject matter experts', 'Knowledge of SCORM and xAPI']),
  p('law', 2, 'BA',
    ['Attorney', 'Associate Attorney', 'Corporate Counsel', 'Litigation Attorney'],
    ['Legal Research', 'Contract Drafting', 'Litigation', 'Westlaw', 'Contract Negotiation', 'Legal Writing', 'Corporate Law', 'Negotiation'],
    ['Law', 'Political Science'],
    [['State Bar Admission', 'State Bar'], ['Certified Information Privacy Professional (CIPP/US)', 'IAPP']],
    ['draft and negotiate commercial contracts', 'research legal questions and write memos', 'manage litigation matters', 'advise business teams on legal risk', 'run due diligence for transactions'],
    ['Juris Doctor (JD) from an accredited law school', 'Active bar membership in good standing', 'Strong academic credentials and writing skills']),
  p('paralegal', 1, 'AAS',
    ['Paralegal', 'Legal Assistant', 'Litigation Paralegal'],
    ['Legal Research', 'Document Review', 'E-Discovery', 'Case Management', 'Westlaw', 'Legal Drafting', 'Court Filings', 'Documentation'],
    ['Paralegal Studies', 'Legal Studies'],
    [['Certified Paralegal (CP)', 'NALA'], ['Registered Paralegal (RP)', 'NFPA']],
    ['prepare and file court documents', 'organize case files and exhibits', 'review documents for discovery', 'schedule depositions and hearings', 'draft routine correspondence'],
    ['Paralegal certificate from an ABA-approved program', 'Knowledge of court filing procedures', 'Ability to handle confidential information']),
  p('human-resources', 2, 'BA',
    ['HR Generalist', 'Recruiter', 'Talent Acquisition Specialist', 'HR Business Partner'],
    ['Recruiting', 'Onboarding', 'Employee Relations', 'HRIS', 'Workday', 'Payroll', 'Benefits Administration', 'Performance Management', 'Interviewing', 'Conflict Resolution'],
    ['Human Resources', 'Business Administration', 'Psychology'],
    [['SHRM Certified Professional (SHRM-CP)', 'SHRM'], ['Professional in Human Resources (PHR)', 'HRCI']],
    ['recruit and interview candidates', 'onboard new employees', 'advise managers on employee relations', 'administer benefits and payroll changes', 'keep HR policies compliant with labor law'],
    ['Knowledge of federal and state employment law', 'Experience with full-cycle recruiting', 'Discretion with confidential employee information']),
  p('logistics', 3, 'BA',
    ['Logistics Coordinator', 'Supply Chain Analyst', 'Warehouse Manager', 'Dispatcher'],
    ['Supply Chain Management', 'Inventory Management', 'Warehouse Management Systems', 'SAP', 'Microsoft Excel', 'Route Planning', 'Demand Planning', 'Forklift Operation', 'Lean Manufacturing'],
    ['Supply Chain Management', 'Logistics', 'Business Administration'],
    [['Certified Supply Chain Professional (CSCP)', 'ASCM'], ['Certified in Logistics, Transportation and Distribution (CLTD)', 'ASCM']],
    ['schedule inbound and outbound shipments', 'track inventory levels and cycle counts', 'coordinate with carriers and suppliers', 'plan delivery routes', 'improve warehouse processes and safety'],
    ['Forklift certification or ability to obtain one', 'Experience in a high-volume distribution center', 'Ability to stand and lift up to 50 pounds']),
  p('procurement', 1, 'BA',
    ['Buyer', 'Purchasing Manager', 'Procurement Specialist'],
    ['Procurement', 'Vendor Management', 'Contract Negotiation', 'Strategic Sourcing', 'Purchase Orders', 'Supplier Evaluation', 'SAP Ariba', 'Cost Analysis', 'Negotiation'],
    ['Supply Chain Management', 'Business Administration'],
    [['Certified Professional in Supply Management (CPSM)', 'ISM'], ['Certified Purchasing Professional (CPP)', 'APS']],
    ['source suppliers and run bids', 'negotiate prices and contract terms', 'issue and track purchase orders', 'evaluate supplier performance', 'analyze spend for savings'],
    ['Experience with direct and indirect procurement', 'Track record of delivering cost savings', 'Knowledge of import and export regulations']),
  p('civil-engineering', 2, 'BS',
    ['Civil Engineer', 'Structural Engineer', 'Project Engineer'],
    ['AutoCAD', 'Civil 3D', 'Structural Analysis', 'Revit', 'Construction Management', 'Site Planning', 'Geotechnical Engineering', 'Stormwater Management', 'Project Management'],
    ['Civil Engineering', 'Structural Engineering'],
    [['Professional Engineer (PE) License', 'NCEES'], ['Engineer in Training (EIT)', 'NCEES']],
    ['design site plans, roads and drainage', 'prepare construction drawings and specifications', 'review contractor submittals', 'inspect work on construction sites', 'run structural calculations'],
    ['EIT certification; PE license preferred', 'Experience with municipal or transportation projects', 'Knowledge of local building and zoning codes']),
  p('mechanical-engineering', 2, 'BS',
    ['Mechanical Engineer', 'Design Engineer', 'Manufacturing Engineer'],
    ['SolidWorks', 'AutoCAD', 'Finite Element Analysis', 'GD&T', 'Thermodynamics', 'MATLAB', 'Prototyping', 'Lean Manufacturing', 'Six Sigma'],
    ['Mechanical Engineering', 'Manufacturing Engineering'],
    [['Certified SolidWorks Professional (CSWP)', 'Dassault Systemes'], ['Six Sigma Green Belt', 'ASQ']],
    ['design mechanical parts and assemblies', 'run stress and thermal analyses', 'build and test prototypes', 'release drawings with GD&T', 'improve manufacturing processes and yield'],
    ['Experience taking products from concept to production', 'Hands-on experience in a machine shop or lab', 'Knowledge of materials and manufacturing processes']),
  p('electrical-engineering', 1, 'BS',
    ['Electrical Engineer', 'Hardware Engineer', 'Controls Engineer'],
    ['Circuit Design', 'PCB Design', 'PLC Programming', 'AutoCAD', 'MATLAB', 'Embedded Systems', 'Power Systems', 'Oscilloscope'],
    ['Electrical Engineering', 'Computer Engineering'],
    [['Professional Engineer (PE) License', 'NCEES'], ['Certified Automation Professional (CAP)', 'ISA']],
    ['design analog and digital circuits', 'lay out and bring up PCBs', 'program PLCs for production lines', 'test hardware in the lab', 'write design documentation'],
    ['Experience with hardware bring-up and debugging', 'Knowledge of UL and IEC standards', 'Comfortable with lab equipment such as oscilloscopes and logic analyzers']),
  p('construction-trades', 2, 'AAS',
    ['Electrician', 'Construction Foreman', 'Site Supervisor'],
    ['Blueprint Reading', 'OSHA Safety', 'Electrical Wiring', 'National Electrical Code', 'Power Tools', 'Scheduling', 'Construction Management', 'Safety Inspections', 'Project Management'],
    ['Construction Management', 'Electrical Technology'],
    [['OSHA 30-Hour Construction', 'OSHA'], ['Journeyman Electrician License', 'State Licensing Board']],
    ['install and repair electrical systems', 'read blueprints and plan daily work', 'supervise crews and subcontractors', 'run safety meetings and inspections', 'keep projects on schedule'],
    ['Valid journeyman or master license', 'OSHA 10 or OSHA 30 certification', 'Own hand tools and reliable transportation']),
  p('manufacturing', 2, 'AAS',
    ['Production Supervisor', 'Machine Operator', 'Quality Inspector'],
    ['CNC Machining', 'Quality Control', 'Six Sigma', 'Lean Manufacturing', 'Production Planning', 'ISO 9001', 'Root Cause Analysis', 'Preventive Maintenance'],
    ['Industrial Technology', 'Manufacturing Engineering'],
    [['Certified Quality Inspector (CQI)', 'ASQ'], ['NIMS Machining Level I', 'NIMS']],
    ['run and set up production machines', 'inspect parts against specifications', 'lead shift meetings and production schedules', 'investigate defects and root causes', 'carry out preventive maintenance'],
    ['Ability to work rotating shifts', 'Ability to read technical drawings', 'Experience in an ISO-certified plant']),
  p('retail', 3, 'BA',
    ['Store Manager', 'Retail Sales Associate', 'Cashier', 'Assistant Store Manager'],
    ['Point of Sale Systems', 'Visual Merchandising', 'Inventory Management', 'Cash Handling', 'Loss Prevention', 'Retail Sales', 'Upselling', 'Customer Service'],
    ['Business Administration', 'Retail Management'],
    [['National Professional Certification in Retail Management', 'NRF Foundation'], ['Customer Service and Sales Certification', 'NRF Foundation']],
    ['help customers find products', 'run the register and handle cash', 'restock shelves and set up displays', 'schedule and coach store staff', 'meet store sales targets'],
    ['High school diploma or equivalent', 'Availability to work weekends and holidays', 'Ability to stand for long periods']),
  p('hospitality', 2, 'BA',
    ['Hotel Manager', 'Front Desk Agent', 'Guest Services Manager', 'Event Coordinator'],
    ['Guest Relations', 'Opera PMS', 'Reservations', 'Event Planning', 'Housekeeping Management', 'Revenue Management', 'Food Safety', 'Customer Service'],
    ['Hospitality Management', 'Tourism Management'],
    [['Certified Hotel Administrator (CHA)', 'AHLEI'], ['Certified Meeting Professional (CMP)', 'Events Industry Council']],
    ['check guests in and out', 'resolve guest complaints', 'plan and run events and banquets', 'manage room inventory and rates', 'train front desk and housekeeping staff'],
    ['Experience in a full-service hotel', 'Availability for rotating shifts', 'Warm, professional guest-facing manner']),
  p('culinary', 2, 'AAS',
    ['Chef', 'Sous Chef', 'Line Cook', 'Kitchen Manager'],
    ['Food Preparation', 'Menu Development', 'Food Safety', 'ServSafe', 'Kitchen Management', 'Inventory Control', 'Knife Skills', 'Food Cost Control'],
    ['Culinary Arts', 'Hospitality Management'],
    [['ServSafe Food Protection Manager', 'National Restaurant Association'], ['Certified Sous Chef (CSC)', 'American Culinary Federation']],
    ['prepare dishes to recipe and plating standards', 'develop seasonal menus', 'order supplies and control food costs', 'keep the kitchen clean and compliant', 'train and lead kitchen staff'],
    ['Food handler card or ServSafe certification', 'Ability to work in a fast-paced kitchen', 'Availability for nights, weekends and holidays']),
  p('journalism', 1, 'BA',
    ['Reporter', 'Journalist', 'Editor', 'Copy Editor'],
    ['News Writing', 'Editing', 'AP Style', 'Interviewing', 'Fact-Checking', 'Investigative Reporting', 'Content Management Systems', 'Social Media'],
    ['Journalism', 'Communications', 'English'],
    [['Digital Journalism Certificate', 'Poynter Institute'], ['Certificate in Data Journalism', 'Knight Center']],
    ['report and write news stories on deadline', 'interview sources and verify facts', 'edit copy for accuracy and style', 'publish stories in the CMS', 'pitch and develop investigative pieces'],
    ['Published clips demonstrating strong reporting', 'Ability to work under tight deadlines', 'Knowledge of media law and ethics']),
  p('content-writing', 2, 'BA',
    ['Content Writer', 'Technical Writer', 'Copywriter'],
    ['Technical Writing', 'Content Strategy', 'Copywriting', 'SEO', 'Editing', 'Markdown', 'DITA', 'API Documentation'],
    ['English', 'Communications', 'Technical Communication'],
    [['Certified Professional Technical Communicator (CPTC)', 'Society for Technical Communication'], ['Content Marketing Certification', 'HubSpot']],
    ['write product documentation and guides', 'create blog posts and web copy', 'edit content for clarity and consistency', 'work with engineers to document APIs', 'maintain the style guide'],
    ['A portfolio of published writing samples', 'Ability to explain technical topics simply', 'Experience with docs-as-code workflows']),
  p('real-estate', 1, 'BA',
    ['Real Estate Agent', 'Property Manager', 'Leasing Consultant'],
    ['Property Management', 'Lease Administration', 'Real Estate Law', 'Market Analysis', 'Tenant Relations', 'Negotiation', 'Property Showings', 'Contract Negotiation'],
    ['Real Estate', 'Business Administration'],
    [['Real Estate Salesperson License', 'State Real Estate Commission'], ['Certified Property Manager (CPM)', 'IREM']],
    ['show properties to prospective tenants and buyers', 'prepare leases and purchase agreements', 'collect rent and manage delinquencies', 'coordinate maintenance and vendors', 'analyze local market prices'],
    ['Active real estate license', 'Valid driver license and reliable vehicle', 'Knowledge of fair housing laws']),
  p('administrative', 3, 'AAS',
    ['Administrative Assistant', 'Executive Assistant', 'Office Manager'],
    ['Calendar Management', 'Travel Coordination', 'Data Entry', 'Office Administration', 'Scheduling', 'Bookkeeping', 'Microsoft Office', 'Google Workspace'],
    ['Business Administration', 'Office Administration'],
    [['Certified Administrative Professional (CAP)', 'IAAP'], ['Microsoft Office Specialist', 'Microsoft']],
    ['manage executive calendars and travel', 'prepare meeting agendas and minutes', 'order office supplies and manage vendors', 'handle phone calls and correspondence', 'maintain filing and records'],
    ['Typing speed of at least 60 words per minute', 'Experience supporting C-level executives', 'Discretion with confidential information']),
  p('social-work', 2, 'BA',
    ['Social Worker', 'Case Manager', 'Counselor'],
    ['Case Management', 'Crisis Intervention', 'Counseling', 'Mental Health Assessment', 'Care Coordination', 'Motivational Interviewing', 'Community Resources', 'Child Welfare', 'Documentation'],
    ['Social Work', 'Psychology'],
    [['Licensed Clinical Social Worker (LCSW)', 'ASWB'], ['Licensed Professional Counselor (LPC)', 'NBCC']],
    ['assess client needs and build service plans', 'connect clients with community resources', 'respond to crises', 'keep case notes up to date', 'advocate for clients with agencies'],
    ['Master of Social Work (MSW) from an accredited program', 'State licensure or eligibility for licensure', 'Valid driver license for home visits']),
  p('business-analysis', 2, 'BS',
    ['Business Analyst', 'Management Consultant', 'Operations Analyst'],
    ['Business Analysis', 'Process Improvement', 'Requirements Gathering', 'SQL', 'Power BI', 'Tableau', 'Process Mapping', 'Microsoft Visio', 'Stakeholder Management'],
    ['Business Administration', 'Economics', 'Information Systems'],
    [['Certified Business Analysis Professional (CBAP)', 'IIBA'], ['Lean Six Sigma Green Belt', 'IASSC']],
    ['gather and document business requirements', 'map and improve business processes', 'build reports and dashboards', 'facilitate workshops with stakeholders', 'support user acceptance testing'],
    ['Experience translating business needs into technical requirements', 'Consulting or client-facing experience', 'Strong SQL and spreadsheet skills']),
  p('automotive', 1, 'AAS',
    ['Automotive Technician', 'Diesel Mechanic', 'Service Advisor'],
    ['Engine Diagnostics', 'Brake Repair', 'Electrical Diagnostics', 'Preventive Maintenance', 'Diagnostic Scan Tools', 'Transmission Repair', 'Automotive HVAC', 'Suspension and Steering'],
    ['Automotive Technology', 'Diesel Technology'],
    [['ASE Master Automobile Technician', 'ASE'], ['EPA Section 609 Certification', 'EPA']],
    ['diagnose and repair vehicles', 'perform scheduled maintenance', 'explain repairs and estimates to customers', 'keep accurate repair orders', 'road test vehicles after repairs'],
    ['ASE certifications preferred', 'Own tools and a valid driver license', 'Experience with manufacturer diagnostic software']),
  p('dental', 1, 'AAS',
    ['Dental Hygienist', 'Dental Assistant', 'Dental Office Manager'],
    ['Dental Cleaning', 'Dental Radiography', 'Periodontal Charting', 'Infection Control', 'Patient Education', 'Dentrix', 'Chairside Assisting', 'Local Anesthesia'],
    ['Dental Hygiene', 'Dental Assisting'],
    [['Registered Dental Hygienist (RDH)', 'State Board of Dentistry'], ['Certified Dental Assistant (CDA)', 'DANB']],
    ['clean teeth and take x-rays', 'chart periodontal findings', 'assist dentists during procedures', 'teach patients oral hygiene', 'sterilize instruments and follow infection control'],
    ['Current state dental hygiene license', 'CPR certification', 'Graduate of an accredited dental program']),
  p('aviation', 1, 'AAS',
    ['Aircraft Maintenance Technician', 'Flight Dispatcher', 'Airline Operations Agent'],
    ['Aircraft Maintenance', 'FAA Regulations', 'Avionics', 'Flight Planning', 'Weight and Balance', 'Aircraft Inspection', 'Technical Manuals', 'Airport Operations'],
    ['Aviation Maintenance Technology', 'Aviation Management'],
    [['FAA Airframe and Powerplant (A&P) Certificate', 'Federal Aviation Administration'], ['FAA Aircraft Dispatcher Certificate', 'Federal Aviation Administration']],
    ['inspect and repair aircraft systems', 'plan flights and calculate fuel loads', 'keep maintenance records compliant', 'coordinate with pilots and ground crews', 'troubleshoot avionics faults'],
    ['Valid FAA certificate for the role', 'Ability to pass a background check and drug screening', 'Availability for shift work, including nights']),
]

const COMPANIES = [
  'Northwind Labs', 'Bluepeak Systems', 'Cedar & Stone', 'Harborline Health', 'Quantix Analytics',
  'Redwood Logistics', 'Brightpath Learning', 'Ironclad Manufacturing', 'Silverleaf Financial', 'Summit Legal Group',
  'Lumen Retail', 'Oakridge Hospitality', 'Vantage Software', 'Meridian Care', 'Atlas Construction',
  'Kestrel Aerospace', 'Willow Creek Pharmacy', 'Pioneer Energy', 'Crescent Media', 'Evergreen Foods',
  'Helix Biotech', 'Granite Insurance', 'Skyline Realty', 'Tidewater Shipping', 'Maple Street Bank',
  'Nimbus Cloud', 'Orchid Design Studio', 'Falcon Security', 'Copperfield Motors', 'Beacon Consulting',
  'Riverside Medical Center', 'Stonebridge Partners', 'Polaris Robotics', 'Juniper Outdoor', 'Sapphire Hotels',
  'Cobalt Data', 'Greenfield Schools', 'Aurora Dental', 'Keystone Engineering', 'Wavecrest Telecom',
  'Prairie Farms', 'Monarch Apparel', 'Sterling Accounting', 'Trailhead Travel', 'Horizon Airlines',
  'Fernwood Senior Living', 'Catalyst Marketing', 'Bedrock Civil', 'Zenith Payments', 'Orbit Games',
  'Larkspur Publishing', 'Driftwood Coffee', 'Ember Electric', 'Clearwater Utilities', 'Arcadia Pharma',
  'Brickyard Supply', 'Lighthouse Nonprofit Services', 'Nova Insights', 'Pinecrest Legal Aid', 'Tandem HR',
]

const LOCATIONS = [
  'New York, NY', 'San Francisco, CA', 'Austin, TX', 'Seattle, WA', 'Chicago, IL', 'Boston, MA',
  'Denver, CO', 'Atlanta, GA', 'Los Angeles, CA', 'Miami, FL', 'Portland, OR', 'Minneapolis, MN',
  'Phoenix, AZ', 'Dallas, TX', 'Philadelphia, PA', 'Nashville, TN', 'Raleigh, NC', 'Salt Lake City, UT',
  'San Diego, CA', 'Pittsburgh, PA', 'Columbus, OH', 'Detroit, MI', 'Toronto, ON', 'London, UK',
  'Berlin, Germany', 'Remote',
]

const SENIORITY = [
  // [word, weight, experience level]
  ['', 35, null], ['Junior', 15, 'Entry'], ['Senior', 30, 'Senior'], ['Lead', 12, 'Lead'], ['Principal', 8, 'Lead'],
]
const SENIORITY_WEIGHTS = SENIORITY.map((s) => s[1])
const SENIORITY_TOTAL = SENIORITY_WEIGHTS.reduce((a, b) => a + b, 0)

/** Years of experience a requirement asks for, by experience level. */
const YEARS = { Entry: [1, 2], Mid: [3, 4], Senior: [5], Lead: [8] }
const LEVELS = Object.keys(YEARS)

const CLOSINGS = [
  'We offer competitive pay, health benefits and paid time off.',
  'Join a friendly team that values growth and work-life balance.',
  'This is a full-time position with benefits and a retirement plan.',
  'We support professional development with a yearly learning budget.',
  'Flexible hours and a hybrid work schedule are available.',
  'We are an equal opportunity employer and value diversity.',
  'Relocation assistance is available for the right candidate.',
  'Apply today and help us build something that lasts.',
]

const FIRST_NAMES = [
  'Maya', 'Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Ava', 'Lucas', 'Sophia', 'Mateo',
  'Isabella', 'Aiden', 'Mia', 'James', 'Amara', 'Daniel', 'Priya', 'Omar', 'Chloe', 'Wei',
  'Fatima', 'Diego', 'Hannah', 'Kenji', 'Grace', 'Samuel', 'Zara', 'Elijah', 'Nora', 'Ravi',
  'Lucia', 'Jonah', 'Aisha', 'Mason', 'Elena', 'Tariq', 'Sofia', 'Caleb', 'Yuki', 'Rachel',
]

const LAST_NAMES = [
  'Chen', 'Johnson', 'Garcia', 'Patel', 'Smith', 'Nguyen', 'Williams', 'Kim', 'Brown', 'Martinez',
  'Okafor', 'Rossi', 'Silva', 'Müller', 'Cohen', 'Khan', 'Lopez', 'Anderson', "O'Connor", 'Tanaka',
  'Davis', 'Hernandez', 'Wilson', 'Ibrahim', 'Novak', 'Moore', 'Taylor', 'Singh', 'Walker', 'Haddad',
  'Kowalski', 'Reyes', 'Thompson', 'Adeyemi', 'Larsen', 'Clark', 'Ramirez', 'Lee', 'Murphy', 'Fischer',
]

const INSTITUTIONS = [
  'University of Texas at Austin', 'Ohio State University', 'University of Washington', 'Georgia Institute of Technology',
  'Arizona State University', 'University of Michigan', 'Penn State University', 'University of Florida',
  'Portland Community College', 'Purdue University', 'University of Minnesota', 'San Diego State University',
  'Northeastern University', 'University of Colorado Boulder', 'Rutgers University', 'University of Toronto',
  'Miami Dade College', 'University of Illinois Urbana-Champaign', 'North Carolina State University', 'DePaul University',
]

const PROFICIENCY = ['Beginner', 'Intermediate', 'Intermediate', 'Advanced', 'Advanced', 'Expert']

// ---------------------------------------------------------------------------
// Pre-built text pools (built once, shared by every document)
// ---------------------------------------------------------------------------

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1)

for (const prof of PROFESSIONS) {
  /** ["5+ years of experience with Kubernetes", ...], by level then core skill. */
  prof.yearsReq = Object.fromEntries(
    LEVELS.map((level) => [
      level,
      new Map(prof.skills.map((s) => [s, YEARS[level].map((y) => `${y}+ years of experience with ${s}`)])),
    ]),
  )
  prof.degreeReqs = prof.degrees.flatMap((d) => [
    `Bachelor's degree in ${d} or equivalent experience`,
    `Master's degree in ${d} preferred`,
  ])
  prof.certReqs = prof.certs.map(([name]) => `${name} or willingness to obtain it within six months`)
  prof.responsibilities = prof.duties.map(capitalize)
  /** Generic skills that are not already core skills here. */
  prof.generic = GENERIC_SKILLS.filter((s) => !prof.skills.includes(s))
  /** Titles by seniority word: [[title, word, level|null], ...]. */
  prof.titleChoices = prof.titles.map((t) => SENIORITY.map(([word, , level]) => [word ? `${word} ${t}` : t, level]))
}

/** Every requirement sentence a posting can carry (its size is the board's requirement vocabulary). */
export function requirementPool() {
  const pool = new Set([...GENERIC_REQUIREMENTS, ...GENERIC_SKILL_REQS])
  for (const prof of PROFESSIONS) {
    for (const level of LEVELS) for (const texts of prof.yearsReq[level].values()) texts.forEach((t) => pool.add(t))
    for (const t of [...prof.degreeReqs, ...prof.certReqs, ...prof.specific]) pool.add(t)
  }
  return pool
}

const PROFESSION_WEIGHTS = PROFESSIONS.map((x) => x.weight)
const PROFESSION_TOTAL = PROFESSION_WEIGHTS.reduce((a, b) => a + b, 0)
const GENERIC_SKILL_REQS = GENERIC_SKILLS.map((s) => `Proficiency in ${s}`)

const DAY_MS = 86_400_000
const BOARD_EPOCH = Date.UTC(2024, 0, 1)

// ---------------------------------------------------------------------------
// Deterministic ObjectIds
// ---------------------------------------------------------------------------

/** 24 hex digits: a fixed 8-digit prefix per kind, 4 of seed, 12 of index. */
function objectIdFor(prefix, seed, index) {
  const hex = prefix + (seed >>> 0).toString(16).padStart(4, '0').slice(-4) + index.toString(16).padStart(12, '0')
  return new ObjectId(hex)
}

// ---------------------------------------------------------------------------
// Postings
// ---------------------------------------------------------------------------

function makePosting(i, seed, closedShare, forced) {
  const c = chooser(mulberry32(hash32(seed, i, 0x9057)))
  const drawn = PROFESSIONS[c.weighted(PROFESSION_WEIGHTS, PROFESSION_TOTAL)]
  const prof = forced ?? drawn
  const [title, fixedLevel] = c.pick(prof.titleChoices)[c.weighted(SENIORITY_WEIGHTS, SENIORITY_TOTAL)]
  const experienceLevel = fixedLevel ?? (c.rand() < 0.25 ? 'Entry' : 'Mid')
  const company = c.pick(COMPANIES)
  const location = c.pick(LOCATIONS)

  // 4-12 skills: mostly the profession's core skills, plus 0-2 generic ones.
  const skillCount = c.int(4, 12)
  const genericCount = Math.max(c.int(0, 2), skillCount - prof.skills.length)
  const core = c.sample(prof.skills, skillCount - genericCount)
  const skills = core.concat(c.sample(prof.generic, skillCount - core.length))

  // 3-6 requirements: years with one or two of the posting's core skills, then a degree,
  // certification, profession-specific or generic sentence.
  const reqCount = c.int(3, 6)
  const requirements = []
  const add = (s) => {
    if (requirements.length < reqCount && !requirements.includes(s)) requirements.push(s)
  }
  const byLevel = prof.yearsReq[experienceLevel]
  for (const s of core.slice(0, c.int(1, 2))) add(c.pick(byLevel.get(s)))
  if (c.rand() < 0.7) add(c.pick(prof.degreeReqs))
  if (c.rand() < 0.6) add(c.pick(prof.specific))
  if (c.rand() < 0.3) add(c.pick(prof.certReqs))
  while (requirements.length < reqCount) {
    const r = c.rand()
    if (r < 0.35) add(c.pick(GENERIC_REQUIREMENTS))
    else if (r < 0.5) add(c.pick(GENERIC_SKILL_REQS))
    else if (r < 0.8) add(c.pick(byLevel.get(c.pick(prof.skills))))
    else add(c.pick(prof.specific))
  }

  const [d1, d2, d3] = c.sample(prof.duties, 3)
  const where = location === 'Remote' ? 'fully remote' : location
  const description =
    `${company} is hiring a ${title} to join our ${where} team. ` +
    `In this role you will ${d1}, ${d2} and ${d3}. ` +
    `You will work daily with ${c.pick(core)} and ${c.pick(skills)}. ${c.pick(CLOSINGS)}`

  const status = closedShare > 0 && c.rand() < closedShare ? 'closed' : 'active'
  // Spread over 2024, minute resolution, from the index alone.
  const createdAt = new Date(BOARD_EPOCH + ((i * 7919) % (366 * 24 * 60)) * 60_000)

  return { title, company, location, experienceLevel, status, skills, requirements, description, createdAt }
}

/**
 * `n` job posting documents for the `jobpostings` collection. Options: `seed` (default 1),
 * `closedShare` (fraction of postings with status 'closed', default 0), `ids` (deterministic
 * `_id`s, default false).
 */
export function generatePostings(n, { seed = 1, closedShare = 0, ids = false } = {}) {
  const out = new Array(n)
  for (let i = 0; i < n; i++) {
    const doc = makePosting(i, seed, closedShare)
    out[i] = ids ? { _id: objectIdFor('6a000001', seed, i), ...doc } : doc
  }
  return out
}

/**
 * A labelled set for clustering tests: `perProfession` postings of each profession in `keys`
 * (default LABELLED_PROFESSIONS), each with its `profession` key, in profession order.
 */
export function generateLabelledPostings(perProfession, { keys = LABELLED_PROFESSIONS, seed = 3 } = {}) {
  const out = []
  keys.forEach((key, p) => {
    const prof = PROFESSIONS.find((x) => x.key === key)
    if (!prof) throw new Error(`unknown profession ${key}`)
    for (let j = 0; j < perProfession; j++) {
      out.push({ ...makePosting(p * 1000 + j, seed, 0, prof), profession: key })
    }
  })
  return out
}

/** Ten professions, four of them near each other (backend, frontend, data, DevOps). */
export const LABELLED_PROFESSIONS = [
  'software-backend', 'software-frontend', 'data-science', 'devops',
  'nursing', 'accounting', 'sales', 'teaching', 'logistics', 'culinary',
]

// ---------------------------------------------------------------------------
// Resumes
// ---------------------------------------------------------------------------

const gcd = (a, b) => (b ? gcd(b, a % b) : a)
const RESUME_STRIDE = [7, 11, 13, 17, 19, 23, 29].find((s) => gcd(s, PROFESSIONS.length) === 1)

/**
 * The profession of resume `i` for a seed: consecutive resumes walk the professions with a
 * stride coprime with their count, so the first PROFESSIONS.length resumes all differ.
 */
export function resumeProfession(i, { seed = 2, professions } = {}) {
  if (professions?.length) return PROFESSIONS.find((x) => x.key === professions[i % professions.length])
  const offset = hash32(seed, 0x0ff5e7) % PROFESSIONS.length
  return PROFESSIONS[(offset + i * RESUME_STRIDE) % PROFESSIONS.length]
}

const ym = (year, month) => new Date(Date.UTC(year, month - 1, 1))

function makeResume(i, seed, professions) {
  const c = chooser(mulberry32(hash32(seed, i, 0x7e5)))
  const prof = resumeProfession(i, { seed, professions })
  if (!prof) throw new Error(`unknown profession in ${JSON.stringify(professions)}`)

  const firstName = c.pick(FIRST_NAMES)
  const lastName = c.pick(LAST_NAMES)
  const email = `${firstName}.${lastName}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
  const phone = `+1-${c.int(201, 989)}-555-${String(c.int(0, 9999)).padStart(4, '0')}`

  // 5-14 skills: core skills first, then generic ones.
  const skillCount = c.int(5, 14)
  const genericCount = Math.max(c.int(1, 3), skillCount - prof.skills.length)
  const core = c.sample(prof.skills, skillCount - genericCount)
  const skills = core
    .concat(c.sample(prof.generic, skillCount - core.length))
    .map((name) => ({ name, proficiency: c.pick(PROFICIENCY) }))

  // 1-4 jobs, built backwards from the most recent (current in ~60% of resumes).
  const jobCount = c.int(1, 4)
  const workExperience = []
  let endMonth = 2024 * 12 + c.int(0, 11) // months since year 0
  const current = c.rand() < 0.6
  const latestMonth = current ? 2025 * 12 : endMonth
  let oldestStart = endMonth
  for (let j = 0; j < jobCount; j++) {
    const months = c.int(8, 60)
    const startMonth = endMonth - months
    const seniority = j === 0 && jobCount > 1 ? c.pick(['Senior ', 'Lead ', '']) : j === jobCount - 1 && jobCount > 2 ? 'Junior ' : ''
    workExperience.push({
      jobTitle: seniority + c.pick(prof.titles),
      company: c.pick(COMPANIES),
      startDate: ym(Math.floor(startMonth / 12), (startMonth % 12) + 1),
      endDate: j === 0 && current ? 'present' : ym(Math.floor(endMonth / 12), (endMonth % 12) + 1),
      responsibilities: c.sample(prof.responsibilities, c.int(2, 4)),
    })
    oldestStart = startMonth
    endMonth = startMonth - c.int(0, 6)
  }
  const firstStartYear = Math.floor(oldestStart / 12)
  const years = Math.max(1, Math.round((latestMonth - oldestStart) / 12))

  const [bachelor, master] = DEGREE_TITLES[prof.degreeKind]
  const field = c.pick(prof.degrees)
  const education = [{ degree: `${bachelor} ${field}`, institution: c.pick(INSTITUTIONS), graduationDate: ym(firstStartYear - 1, c.pick([5, 6, 12])) }]
  if (c.rand() < 0.25) {
    education.unshift({ degree: `${master} ${c.pick(prof.degrees)}`, institution: c.pick(INSTITUTIONS), graduationDate: ym(Math.min(2024, firstStartYear + c.int(1, 5)), 5) })
  }

  const certifications = c.sample(prof.certs, c.int(0, 2)).map(([name, issuer]) => ({ name, issuer }))

  const [s1, s2, s3] = core.concat(prof.generic)
  const [duty1, duty2] = c.sample(prof.duties, 2)
  const summary =
    `${prof.titles[0]} with ${years} years of experience in ${s1}, ${s2} and ${s3}. ` +
    `Known for the ability to ${duty1} and to ${duty2}.`

  return { firstName, lastName, email, phone, summary, skills, workExperience, education, certifications }
}

/**
 * `n` resume documents for the `resumes` collection, each with one clear profession (see
 * resumeProfession). Options: `seed` (default 2), `professions` (profession keys to cycle
 * through instead), `ids` (deterministic `_id`s, default false).
 */
export function generateResumes(n, { seed = 2, professions, ids = false } = {}) {
  const out = new Array(n)
  for (let i = 0; i < n; i++) {
    const doc = makeResume(i, seed, professions)
    out[i] = ids ? { _id: objectIdFor('6a000002', seed, i), ...doc } : doc
  }
  return out
}

// ---------------------------------------------------------------------------
// Insertion
// ---------------------------------------------------------------------------

async function insertChunked(collection, docs, chunk = 1000) {
  const ids = new Array(docs.length)
  for (let start = 0; start < docs.length; start += chunk) {
    const part = docs.slice(start, start + chunk)
    const { insertedIds } = await collection.insertMany(part, { ordered: false })
    for (const [k, id] of Object.entries(insertedIds)) ids[start + Number(k)] = id
  }
  return ids
}

/**
 * Inserts postings into `jobpostings` and resumes into `resumes` (insertMany, 1,000 at a time,
 * unordered). Returns `{ postingIds, resumeIds }`, ObjectIds in the order of the input.
 */
export async function insertBoard(db, { postings = [], resumes = [] } = {}) {
  const postingIds = await insertChunked(db.collection('jobpostings'), postings)
  const resumeIds = await insertChunked(db.collection('resumes'), resumes)
  return { postingIds, resumeIds }
}
