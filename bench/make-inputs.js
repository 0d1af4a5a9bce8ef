#!/usr/bin/env node
// Generates bench/inputs.json: deterministic benchmark inputs for the embedding benchmarks.
//
//   node bench/make-inputs.js            # writes bench/inputs.json next to this file
//   node bench/make-inputs.js OUT.json   # writes elsewhere
//
// Output: {"skills": [1000 skill names, 1-4 words], "paragraphs": [200 resume-style
// paragraphs of 95-105 words], "sentence10": "<10 words>", "paragraph120": "<~120 words>"}
//
// No dependencies (Node 20). A seeded PRNG (mulberry32) drives every choice, so running it twice
// gives byte-identical output; inputs.json is committed and only regenerated on purpose.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SEED = 0x5eed2024;

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const words = (s) => s.split(/\s+/).filter(Boolean).length;
function pickDistinct(arr, n) {
  const pool = arr.slice();
  const out = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Skills: realistic vocabularies across professions, plus domain-appropriate compounds.
// ---------------------------------------------------------------------------------------------

const SKILL_VOCAB = {
  software: {
    base: [
      'Python', 'JavaScript', 'TypeScript', 'Java', 'Go', 'Rust', 'C++', 'C#', 'Ruby', 'PHP', 'Kotlin',
      'Swift', 'Scala', 'Elixir', 'Haskell', 'Bash', 'SQL', 'GraphQL', 'React', 'React.js', 'Vue.js',
      'Angular', 'Svelte', 'Next.js', 'Node.js', 'Express.js', 'Django', 'Flask', 'FastAPI',
      'Spring Boot', 'Ruby on Rails', 'ASP.NET Core', '.NET', 'Laravel', 'Redux', 'Tailwind CSS',
      'HTML5', 'CSS3', 'Sass', 'Webpack', 'Vite', 'Jest', 'Cypress', 'Playwright', 'Selenium',
      'JUnit', 'pytest', 'Git', 'GitHub Actions', 'GitLab CI', 'Jenkins', 'REST APIs', 'gRPC',
      'WebSockets', 'Microservices', 'Event-Driven Architecture', 'Domain-Driven Design',
      'Object-Oriented Programming', 'Functional Programming', 'Test-Driven Development',
      'Unit Testing', 'Code Review', 'Agile', 'Scrum', 'Kanban', 'JIRA', 'Confluence',
      'System Design', 'Distributed Systems', 'Concurrency', 'OAuth 2.0', 'JWT',
      'Web Accessibility', 'Responsive Design', 'Mobile Development', 'iOS Development',
      'Android Development', 'React Native', 'Flutter', 'Embedded C', 'RTOS', 'WebAssembly', 'JS',
      'TS', 'Golang', 'NodeJS',
    ],
    compound: {
      heads: ['Python', 'Java', 'Go', 'Rust', 'TypeScript', 'JavaScript', 'C++', 'Kotlin', 'Swift', 'React', 'Angular', 'Node.js', 'Django', 'Spring'],
      tails: ['Development', 'Programming', 'Best Practices', 'Performance Tuning'],
    },
  },
  data: {
    base: [
      'Machine Learning', 'Deep Learning', 'Natural Language Processing', 'Computer Vision',
      'Data Analysis', 'Data Visualization', 'Data Engineering', 'ETL', 'ELT', 'Data Modeling',
      'Data Warehousing', 'Statistics', 'A/B Testing', 'Experiment Design', 'Regression Analysis',
      'Time Series Forecasting', 'Pandas', 'NumPy', 'scikit-learn', 'PyTorch', 'TensorFlow', 'Keras',
      'Hugging Face Transformers', 'Apache Spark', 'PySpark', 'Hadoop', 'Airflow', 'dbt', 'Kafka',
      'Snowflake', 'BigQuery', 'Redshift', 'Databricks', 'Tableau', 'Power BI', 'Looker', 'R',
      'MATLAB', 'SAS', 'SPSS', 'Jupyter', 'Feature Engineering', 'MLOps', 'Model Deployment',
      'LLM Fine-Tuning', 'Prompt Engineering', 'Recommender Systems', 'Bayesian Inference',
      'PostgreSQL', 'MySQL', 'MongoDB', 'Redis', 'Elasticsearch', 'Cassandra', 'DynamoDB',
      'SQL Server', 'Oracle Database', 'Query Optimization', 'Data Governance', 'Data Quality',
    ],
    compound: {
      heads: ['SQL', 'Spark', 'Snowflake', 'Tableau', 'Power BI', 'PostgreSQL', 'MongoDB', 'Kafka', 'Airflow'],
      tails: ['Administration', 'Development', 'Reporting', 'Optimization'],
    },
  },
  cloud: {
    base: [
      'AWS', 'Amazon Web Services', 'Microsoft Azure', 'Google Cloud Platform', 'GCP', 'Docker',
      'Kubernetes', 'K8s', 'Helm', 'Terraform', 'Ansible', 'Puppet', 'Chef', 'CloudFormation',
      'Pulumi', 'AWS Lambda', 'Amazon S3', 'Amazon EC2', 'Amazon RDS', 'Azure DevOps', 'CI/CD',
      'DevOps', 'Site Reliability Engineering', 'SRE', 'Linux Administration', 'Prometheus',
      'Grafana', 'Datadog', 'Splunk', 'ELK Stack', 'New Relic', 'PagerDuty', 'Incident Management',
      'Infrastructure as Code', 'Networking', 'TCP/IP', 'DNS', 'Load Balancing', 'Nginx', 'Istio',
      'Service Mesh', 'Serverless', 'Cloud Security', 'IAM', 'Zero Trust', 'Penetration Testing',
      'Vulnerability Management', 'SIEM', 'SOC 2 Compliance', 'ISO 27001', 'Firewall Configuration',
      'Active Directory', 'VMware vSphere', 'Windows Server', 'Disaster Recovery', 'Cost Optimization',
    ],
    compound: {
      heads: ['AWS', 'Azure', 'GCP', 'Kubernetes', 'Docker', 'Linux', 'Terraform', 'Network'],
      tails: ['Administration', 'Architecture', 'Security', 'Automation', 'Troubleshooting'],
    },
  },
  nursing: {
    base: [
      'Registered Nurse', 'RN', 'Licensed Practical Nurse', 'LPN', 'Patient Care', 'Patient Assessment',
      'Patient Education', 'Medication Administration', 'IV Therapy', 'IV Insertion', 'Phlebotomy',
      'Wound Care', 'Triage', 'Critical Care', 'ICU', 'Intensive Care', 'Emergency Nursing',
      'Pediatric Nursing', 'Neonatal Care', 'NICU', 'Labor and Delivery', 'Oncology Nursing',
      'Geriatric Care', 'Palliative Care', 'Hospice Care', 'Telemetry', 'Cardiac Monitoring',
      'Ventilator Management', 'Infection Control', 'Care Planning', 'Discharge Planning',
      'Electronic Health Records', 'EHR', 'Epic Systems', 'Cerner', 'HIPAA Compliance', 'BLS',
      'ACLS', 'PALS', 'CPR', 'First Aid', 'Vital Signs', 'Charting', 'Catheterization',
      'Tracheostomy Care', 'Dialysis', 'Medical Terminology', 'Clinical Documentation',
      'Case Management', 'Medication Reconciliation', 'Pain Management', 'Mental Health Nursing',
      'Behavioral Health', 'Home Health', 'Perioperative Nursing', 'Sterile Technique',
      'Care Coordination', 'Nurse Precepting', 'Charge Nurse', 'Health Promotion',
    ],
    compound: {
      heads: ['Pediatric', 'Surgical', 'Cardiac', 'Oncology', 'Geriatric', 'Emergency', 'Post-Operative'],
      tails: ['Patient Care', 'Nursing', 'Assessment'],
    },
  },
  finance: {
    base: [
      'Financial Analysis', 'Financial Modeling', 'Budgeting', 'Forecasting', 'FP&A',
      'Variance Analysis', 'Accounts Payable', 'Accounts Receivable', 'General Ledger',
      'Reconciliation', 'Bank Reconciliation', 'Month-End Close', 'GAAP', 'IFRS', 'Auditing',
      'Internal Controls', 'SOX Compliance', 'Tax Preparation', 'Payroll', 'QuickBooks', 'SAP',
      'SAP FICO', 'Oracle Financials', 'NetSuite', 'Xero', 'Microsoft Excel', 'Excel', 'VLOOKUP',
      'Pivot Tables', 'Valuation', 'DCF Modeling', 'Mergers and Acquisitions', 'Due Diligence',
      'Risk Management', 'Credit Analysis', 'Portfolio Management', 'Equity Research',
      'Investment Banking', 'Treasury Management', 'Cash Flow Management', 'Cost Accounting',
      'Revenue Recognition', 'Financial Reporting', 'Bloomberg Terminal', 'CPA', 'CFA',
      'Anti-Money Laundering', 'KYC', 'Regulatory Reporting', 'Fixed Assets', 'Expense Management',
    ],
    compound: {
      heads: ['Advanced Excel', 'Financial', 'Budget', 'Tax', 'Audit', 'Credit Risk'],
      tails: ['Analysis', 'Reporting', 'Planning', 'Modeling'],
    },
  },
  sales: {
    base: [
      'B2B Sales', 'B2C Sales', 'Enterprise Sales', 'SaaS Sales', 'Inside Sales', 'Outside Sales',
      'Account Management', 'Key Account Management', 'Lead Generation', 'Cold Calling',
      'Prospecting', 'Pipeline Management', 'Salesforce', 'HubSpot', 'CRM', 'Negotiation',
      'Closing', 'Consultative Selling', 'Solution Selling', 'Territory Management',
      'Sales Forecasting', 'Customer Retention', 'Upselling', 'Cross-Selling', 'Relationship Building',
      'Digital Marketing', 'Content Marketing', 'SEO', 'SEM', 'Google Ads', 'Google Analytics',
      'Social Media Marketing', 'Email Marketing', 'Marketing Automation', 'Marketo',
      'Brand Management', 'Market Research', 'Copywriting', 'Public Relations', 'Event Planning',
      'Product Marketing', 'Go-to-Market Strategy', 'Customer Success', 'Customer Service',
      'Retail Sales', 'Merchandising', 'Point of Sale', 'Cash Handling', 'Demand Generation',
    ],
    compound: {
      heads: ['Enterprise', 'Channel', 'Strategic', 'Regional', 'Inside'],
      tails: ['Account Management', 'Sales Strategy', 'Partnerships'],
    },
  },
  design: {
    base: [
      'UX Design', 'UI Design', 'UX/UI', 'User Research', 'Usability Testing', 'Wireframing',
      'Prototyping', 'Figma', 'Sketch', 'Adobe XD', 'Adobe Photoshop', 'Adobe Illustrator',
      'Adobe InDesign', 'Adobe After Effects', 'Premiere Pro', 'Graphic Design', 'Visual Design',
      'Interaction Design', 'Information Architecture', 'Design Systems', 'Typography',
      'Color Theory', 'Branding', 'Logo Design', 'Motion Graphics', '3D Modeling', 'Blender',
      'AutoCAD', 'SolidWorks', 'Revit', 'Illustration', 'Photography', 'Video Editing',
      'Journey Mapping', 'Design Thinking', 'Accessibility Design', 'Print Design', 'Packaging Design',
      'Product Design', 'Service Design', 'Storyboarding', 'Canva',
    ],
    compound: {
      heads: ['Mobile App', 'Web', 'Brand', 'Product', 'Editorial'],
      tails: ['Design', 'Design Systems', 'Prototyping'],
    },
  },
  logistics: {
    base: [
      'Supply Chain Management', 'Logistics', 'Inventory Management', 'Inventory Control',
      'Warehouse Management', 'WMS', 'Forklift Operation', 'Forklift Certified', 'Shipping and Receiving',
      'Order Fulfillment', 'Pick and Pack', 'Freight Forwarding', 'Fleet Management', 'Route Planning',
      'Procurement', 'Purchasing', 'Vendor Management', 'Supplier Negotiation', 'Demand Planning',
      'Lean Manufacturing', 'Six Sigma', 'Lean Six Sigma Green Belt', 'Kaizen', '5S',
      'Quality Control', 'Quality Assurance', 'ISO 9001', 'OSHA Compliance', 'Safety Management',
      'Material Handling', 'Cycle Counting', 'Import/Export', 'Customs Compliance', 'Incoterms',
      'Last-Mile Delivery', 'Cold Chain', 'CDL Class A', 'DOT Regulations', 'ERP Systems', 'SAP MM',
      'Production Planning', 'Root Cause Analysis', 'CNC Machining', 'Welding', 'Blueprint Reading',
      'Preventive Maintenance', 'PLC Programming', 'Electrical Wiring', 'HVAC', 'Plumbing',
    ],
    compound: {
      heads: ['Warehouse', 'Inventory', 'Supply Chain', 'Fleet', 'Production'],
      tails: ['Optimization', 'Operations', 'Planning', 'Analytics'],
    },
  },
  people: {
    base: [
      'Recruiting', 'Talent Acquisition', 'Onboarding', 'Employee Relations', 'Performance Management',
      'Compensation and Benefits', 'HRIS', 'Workday', 'ADP', 'Succession Planning',
      'Training and Development', 'Conflict Resolution', 'Team Leadership', 'Project Management',
      'Program Management', 'Product Management', 'Stakeholder Management', 'Change Management',
      'Strategic Planning', 'Operations Management', 'Budget Management', 'PMP', 'PRINCE2',
      'Risk Assessment', 'Public Speaking', 'Written Communication', 'Time Management',
      'Problem Solving', 'Critical Thinking', 'Cross-Functional Collaboration', 'Mentoring',
      'Coaching', 'Customer Experience', 'Process Improvement', 'Contract Negotiation',
      'Contract Management', 'Legal Research', 'Litigation Support', 'Paralegal', 'Compliance',
      'Curriculum Development', 'Lesson Planning', 'Classroom Management', 'Special Education',
      'Tutoring', 'Instructional Design', 'E-Learning', 'Bilingual Spanish', 'Fluent German',
      'Mandarin Chinese', 'Microsoft Office', 'Google Workspace', 'Data Entry', 'Scheduling',
      'Front Desk Operations', 'Food Safety', 'ServSafe', 'Hospitality Management',
    ],
    compound: {
      heads: ['Agile', 'IT', 'Construction', 'Clinical', 'Marketing'],
      tails: ['Project Management', 'Program Management', 'Team Leadership'],
    },
  },
};

const SKILL_PREFIXES = ['Advanced', 'Proficient in', 'Experienced in'];

function makeSkills(n) {
  const domains = Object.keys(SKILL_VOCAB);
  const seen = new Set();
  const out = [];
  let guard = 0;
  while (out.length < n) {
    if (++guard > 200000) throw new Error('could not generate enough distinct skills');
    const d = SKILL_VOCAB[pick(domains)];
    const r = rand();
    let s;
    if (r < 0.72) s = pick(d.base);
    else if (r < 0.92) s = `${pick(d.compound.heads)} ${pick(d.compound.tails)}`;
    else s = `${pick(SKILL_PREFIXES)} ${pick(d.base)}`;
    if (rand() < 0.04) s = s.toLowerCase(); // resumes are inconsistent about casing
    const w = words(s);
    if (w < 1 || w > 4 || seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs: resume responsibilities prose from per-profession sentence templates.
// ---------------------------------------------------------------------------------------------

const PROSE = {
  software: {
    verbs: ['Designed and built', 'Implemented', 'Maintained', 'Refactored', 'Led development of', 'Shipped', 'Owned', 'Architected'],
    objects: [
      'RESTful APIs for the customer billing platform', 'a React dashboard for internal analytics',
      'microservices handling order fulfillment', 'the CI/CD pipeline for mobile releases',
      'a Kafka-based event streaming layer', 'GraphQL endpoints for the product catalog',
      'single sign-on with OAuth 2.0 and SAML', 'a multi-tenant PostgreSQL data model',
      'the search service backed by Elasticsearch', 'a feature flag system used by twelve teams',
      'background job processing for invoice generation', 'the public developer API and its SDKs',
    ],
    tools: ['Python and FastAPI', 'TypeScript and Node.js', 'Go', 'Java and Spring Boot', 'Docker and Kubernetes', 'AWS Lambda and DynamoDB', 'React and Redux', 'Rust', 'Terraform on AWS'],
    stakeholders: ['product managers', 'QA engineers', 'designers', 'site reliability engineers', 'data scientists', 'the security team', 'customer support leads'],
    goals: [
      'define quarterly technical roadmaps', 'scope and estimate new features',
      'triage production incidents and write postmortems', 'improve the developer onboarding experience',
      'harden the platform ahead of a SOC 2 audit', 'plan a zero-downtime database migration',
    ],
    reduce: ['p95 API latency', 'monthly cloud spend', 'build times', 'deployment failures', 'page load time', 'on-call alerts'],
    increase: ['test coverage', 'release frequency', 'API throughput', 'conversion on the checkout page', 'service uptime'],
    methods: ['caching and query tuning', 'automated regression testing', 'blue-green deployments', 'stricter code review standards', 'load testing before every release', 'better observability with OpenTelemetry'],
    scope: ['more than two million monthly active users', 'a fleet of 300 production services', 'customers in 40 countries', 'three product lines'],
    short: ['Mentored two junior developers.', 'Participated in the on-call rotation.', 'Wrote technical design documents.', 'Conducted thorough code reviews.', 'Ran weekly architecture reviews.'],
  },
  nursing: {
    verbs: ['Provided', 'Coordinated', 'Delivered', 'Managed', 'Documented', 'Supervised'],
    objects: [
      'direct care for up to six critically ill adult patients', 'medication administration and IV therapy',
      'post-operative care for orthopedic and cardiac surgery patients', 'admissions, transfers, and discharges on a 32-bed unit',
      'wound care and pressure injury prevention', 'patient and family education on chronic disease management',
      'triage of walk-in patients in a Level II trauma center', 'telemetry monitoring and cardiac rhythm interpretation',
      'ventilator management with respiratory therapists', 'pain assessment and non-pharmacological interventions',
    ],
    tools: ['Epic electronic health records', 'Cerner charting', 'evidence-based protocols', 'bedside barcode scanning', 'standardized SBAR handoffs', 'infusion pump safety software'],
    stakeholders: ['physicians', 'respiratory therapists', 'pharmacists', 'case managers', 'social workers', 'physical therapists', 'unit leadership'],
    goals: [
      'develop individualized care plans', 'reduce hospital-acquired infections on the unit',
      'streamline discharge planning for complex patients', 'implement a sepsis early warning protocol',
      'improve patient satisfaction scores', 'standardize shift handoff communication',
    ],
    reduce: ['patient falls', 'central line infections', 'medication errors', 'average length of stay', 'readmission rates', 'discharge delays'],
    increase: ['HCAHPS patient satisfaction scores', 'hand hygiene compliance', 'on-time medication administration', 'staff retention on the unit'],
    methods: ['hourly rounding', 'bedside shift reports', 'peer education sessions', 'a new fall risk assessment tool', 'daily interdisciplinary huddles'],
    scope: ['a 24-bed medical intensive care unit', 'a busy emergency department', 'a pediatric oncology floor', 'three outpatient clinics'],
    short: ['Precepted newly graduated nurses.', 'Served as relief charge nurse.', 'Maintained BLS and ACLS certification.', 'Responded to rapid response calls.', 'Completed accurate clinical documentation.'],
  },
  finance: {
    verbs: ['Prepared', 'Built', 'Owned', 'Led', 'Managed', 'Automated'],
    objects: [
      'monthly variance reports and rolling forecasts', 'the annual operating budget for a $250M business unit',
      'three-statement financial models for new product launches', 'month-end close and account reconciliations',
      'accounts payable and receivable processes', 'cash flow forecasting for the treasury team',
      'discounted cash flow valuations for acquisition targets', 'board-level reporting packages',
      'SOX control testing and audit documentation', 'revenue recognition analysis under ASC 606',
    ],
    tools: ['Excel and Power BI', 'NetSuite', 'SAP', 'Oracle Financials', 'Adaptive Insights', 'SQL and Tableau', 'QuickBooks'],
    stakeholders: ['the CFO', 'external auditors', 'department heads', 'sales leadership', 'the tax team', 'the controller', 'procurement'],
    goals: [
      'model pricing scenarios for enterprise contracts', 'identify cost savings across vendor spend',
      'prepare for the annual external audit', 'evaluate capital expenditure requests',
      'improve forecast accuracy for the next fiscal year', 'standardize the chart of accounts after an acquisition',
    ],
    reduce: ['the month-end close timeline', 'days sales outstanding', 'manual journal entries', 'reconciliation errors', 'operating expenses'],
    increase: ['forecast accuracy', 'gross margin', 'on-time vendor payments', 'collection rates'],
    methods: ['automated reconciliation workflows', 'standardized reporting templates', 'driver-based forecasting', 'tighter approval controls', 'weekly cash reviews'],
    scope: ['a portfolio of 40 enterprise clients', 'four international subsidiaries', 'a $1.2B revenue division', 'twelve cost centers'],
    short: ['Presented findings to senior leadership.', 'Supported the annual audit.', 'Trained two junior analysts.', 'Maintained the general ledger.', 'Reviewed expense reports for compliance.'],
  },
  sales: {
    verbs: ['Managed', 'Grew', 'Closed', 'Built', 'Developed', 'Led'],
    objects: [
      'a territory of 120 mid-market accounts', 'a pipeline of enterprise SaaS opportunities',
      'new business with Fortune 500 retailers', 'strategic partnerships with regional distributors',
      'outbound prospecting campaigns', 'renewals and expansion for key accounts',
      'the quarterly sales forecast', 'account plans for the top twenty customers',
      'product demonstrations for C-level buyers', 'a referral program for existing customers',
    ],
    tools: ['Salesforce', 'HubSpot', 'LinkedIn Sales Navigator', 'Outreach', 'Gong call analytics', 'ZoomInfo'],
    stakeholders: ['solutions engineers', 'marketing', 'customer success managers', 'product managers', 'channel partners', 'legal and finance'],
    goals: [
      'negotiate multi-year contracts', 'launch a new product line in the Midwest region',
      'shorten the sales cycle for enterprise deals', 'build targeted account-based marketing campaigns',
      'resolve escalated customer issues', 'onboard new strategic customers',
    ],
    reduce: ['the average sales cycle', 'customer churn', 'discounting on renewals', 'time to first meeting'],
    increase: ['annual recurring revenue', 'win rates', 'average deal size', 'qualified pipeline', 'net revenue retention'],
    methods: ['consultative discovery calls', 'a structured MEDDIC qualification process', 'value-based pricing', 'targeted email sequences', 'quarterly business reviews'],
    scope: ['the Northeast region', 'a $4M annual quota', 'healthcare and financial services verticals', 'a team of eight account executives'],
    short: ['Exceeded quota for six consecutive quarters.', 'Ranked top three in the region.', 'Earned President\'s Club recognition.', 'Coached new sales hires.', 'Maintained accurate CRM records.'],
  },
  design: {
    verbs: ['Designed', 'Led', 'Created', 'Redesigned', 'Prototyped', 'Owned'],
    objects: [
      'the end-to-end onboarding flow for a mobile banking app', 'a component library and design system',
      'high-fidelity prototypes for a new analytics product', 'wireframes and user flows for the checkout experience',
      'brand guidelines and marketing assets', 'accessible interfaces meeting WCAG 2.1 AA',
      'the information architecture of the help center', 'interaction patterns for a data-heavy admin console',
    ],
    tools: ['Figma', 'Sketch and InVision', 'Adobe Creative Suite', 'Framer', 'Miro', 'Maze for unmoderated testing'],
    stakeholders: ['product managers', 'front-end engineers', 'user researchers', 'marketing', 'the content design team', 'customer support'],
    goals: [
      'run usability studies with target customers', 'define the product vision for the next release',
      'align on design principles across teams', 'translate research insights into features',
      'reduce friction in key user journeys', 'improve accessibility across the product',
    ],
    reduce: ['task completion time', 'support tickets about navigation', 'onboarding drop-off', 'design-to-development handoff time'],
    increase: ['user engagement', 'conversion rates', 'task success rates', 'Net Promoter Score'],
    methods: ['iterative usability testing', 'a shared component library', 'journey mapping workshops', 'design critiques', 'A/B experiments'],
    scope: ['web and mobile platforms', 'four product squads', 'a user base of 500,000 customers', 'three international markets'],
    short: ['Facilitated design critiques.', 'Presented concepts to executives.', 'Mentored two junior designers.', 'Documented design decisions.', 'Conducted stakeholder interviews.'],
  },
  logistics: {
    verbs: ['Managed', 'Supervised', 'Coordinated', 'Oversaw', 'Implemented', 'Directed'],
    objects: [
      'daily inbound and outbound operations at a regional distribution center', 'a team of 45 warehouse associates across two shifts',
      'inventory control and cycle counting programs', 'carrier relationships and freight scheduling',
      'the rollout of a new warehouse management system', 'receiving, put-away, and replenishment processes',
      'last-mile delivery routes for a fleet of 30 vehicles', 'safety training and OSHA compliance programs',
      'import documentation and customs clearance', 'returns processing and reverse logistics',
    ],
    tools: ['Manhattan WMS', 'SAP EWM', 'handheld RF scanners', 'route optimization software', 'lean and 5S practices', 'Excel-based labor models'],
    stakeholders: ['procurement', 'customer service', 'transportation planners', 'the finance team', 'plant managers', 'third-party carriers'],
    goals: [
      'forecast inventory needs ahead of seasonal peaks', 'resolve escalated delivery issues for key accounts',
      'consolidate shipments and lower freight costs', 'improve dock scheduling',
      'plan the layout of a new fulfillment center', 'reduce shrinkage and damaged goods',
    ],
    reduce: ['order cycle time', 'freight costs', 'inventory shrinkage', 'mis-picks', 'overtime hours', 'dock-to-stock time'],
    increase: ['pick accuracy', 'on-time delivery', 'labor productivity', 'inventory turnover'],
    methods: ['slotting optimization', 'cross-training associates', 'daily KPI reviews', 'barcode labeling on all inbound lanes', 'standard operating procedures'],
    scope: ['a 250,000 square foot facility', 'three distribution centers', '15,000 orders per day', 'a national retail network'],
    short: ['Maintained zero recordable safety incidents.', 'Trained new forklift operators.', 'Reported weekly operational KPIs.', 'Led daily shift huddles.', 'Conducted monthly safety audits.'],
  },
  people: {
    verbs: ['Managed', 'Led', 'Designed', 'Ran', 'Owned', 'Launched'],
    objects: [
      'full-cycle recruiting for engineering and sales roles', 'onboarding for more than 200 new hires per year',
      'the annual performance review process', 'employee relations investigations',
      'benefits enrollment and compensation benchmarking', 'a leadership development program for first-time managers',
      'cross-functional projects with budgets up to $2M', 'the rollout of Workday HCM',
      'diversity and inclusion initiatives', 'training curricula for frontline staff',
    ],
    tools: ['Workday', 'Greenhouse', 'ADP', 'BambooHR', 'LinkedIn Recruiter', 'Asana and Smartsheet'],
    stakeholders: ['hiring managers', 'department heads', 'legal counsel', 'the executive team', 'finance', 'employee resource groups'],
    goals: [
      'build a structured interview process', 'improve retention in high-turnover roles',
      'define career ladders for every function', 'prepare for rapid headcount growth',
      'resolve complex employee relations cases', 'align compensation with market data',
    ],
    reduce: ['time to hire', 'voluntary turnover', 'cost per hire', 'onboarding time'],
    increase: ['offer acceptance rates', 'employee engagement scores', 'internal promotion rates', 'training completion'],
    methods: ['structured interviews', 'stay interviews', 'quarterly engagement surveys', 'a new mentoring program', 'manager training workshops'],
    scope: ['a workforce of 1,200 employees', 'offices in five countries', 'a fast-growing startup', 'three business units'],
    short: ['Advised managers on policy.', 'Maintained accurate HR records.', 'Facilitated new hire orientation.', 'Ensured labor law compliance.', 'Coordinated campus recruiting events.'],
  },
};

// Returns [text, key]; key names the sentence's main content so a paragraph never repeats it.
function sentence(d) {
  switch (int(0, 6)) {
    case 0: {
      const o = pick(d.objects);
      return [`${pick(d.verbs)} ${o} using ${pick(d.tools)}.`, o];
    }
    case 1: {
      const m = pick(d.reduce);
      return [`Reduced ${m} by ${int(10, 60)}% through ${pick(d.methods)}.`, m];
    }
    case 2: {
      const [a, b] = pickDistinct(d.stakeholders, 2);
      const g = pick(d.goals);
      return [`Partnered with ${a} and ${b} to ${g}.`, g];
    }
    case 3: {
      const m = pick(d.increase);
      return [`Increased ${m} by ${int(8, 45)}% over ${int(3, 18)} months by introducing ${pick(d.methods)}.`, m];
    }
    case 4: {
      const o = pick(d.objects);
      return [`${pick(d.verbs)} ${o} for ${pick(d.scope)}.`, o];
    }
    case 5: {
      const g = pick(d.goals);
      return [`Collaborated closely with ${pick(d.stakeholders)} to ${g}, using ${pick(d.tools)} to track progress.`, g];
    }
    default: {
      const s = pick(d.short);
      return [s, s];
    }
  }
}

function makeParagraph(d, lo = 95, hi = 105) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const parts = [];
    const used = new Set();
    let n = 0;
    let misses = 0;
    while (n < lo && misses < 60) {
      const [s, key] = sentence(d);
      const w = words(s);
      if (used.has(key) || n + w > hi) {
        misses++;
        continue;
      }
      used.add(key);
      parts.push(s);
      n += w;
    }
    if (n >= lo && n <= hi) return parts.join(' ');
  }
  throw new Error('could not build a paragraph in range');
}

function makeParagraphs(n) {
  const domains = Object.keys(PROSE);
  const out = [];
  for (let i = 0; i < n; i++) out.push(makeParagraph(PROSE[domains[i % domains.length]]));
  return out;
}

// ---------------------------------------------------------------------------------------------

const SENTENCE10 = 'Led a team of five engineers building scalable payment APIs.';

const PARAGRAPH120 =
  'Senior backend engineer with seven years of experience designing, building, and operating ' +
  'high-traffic distributed systems. At a fintech startup, led a team of five engineers that ' +
  'rebuilt the payments platform in Go and PostgreSQL, processing more than three million ' +
  'transactions per day with 99.99% availability. Migrated legacy services from virtual machines ' +
  'to Kubernetes on AWS, cutting infrastructure costs by 35% and deployment time from hours to ' +
  'minutes. Introduced contract testing, structured logging, and distributed tracing, which ' +
  'reduced mean time to recovery during incidents by half. Partnered with product managers and ' +
  'compliance officers to deliver PCI DSS requirements on schedule. Mentored junior developers, ' +
  'ran weekly design reviews, and wrote the onboarding guide still used by new hires today.';

function main() {
  const outPath = process.argv[2] || path.join(__dirname, 'inputs.json');
  const skills = makeSkills(1000);
  const paragraphs = makeParagraphs(200);

  if (words(SENTENCE10) !== 10) throw new Error(`sentence10 has ${words(SENTENCE10)} words`);
  const p120 = words(PARAGRAPH120);
  if (p120 < 115 || p120 > 125) throw new Error(`paragraph120 has ${p120} words`);
  for (const p of paragraphs) {
    const w = words(p);
    if (w < 95 || w > 105) throw new Error(`paragraph has ${w} words`);
  }

  const out = { skills, paragraphs, sentence10: SENTENCE10, paragraph120: PARAGRAPH120 };
  fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
  const pw = paragraphs.map(words);
  console.log(
    `wrote ${outPath}: ${skills.length} skills, ${paragraphs.length} paragraphs ` +
      `(${Math.min(...pw)}-${Math.max(...pw)} words), sentence10=${words(SENTENCE10)} words, paragraph120=${p120} words`,
  );
}

main();
