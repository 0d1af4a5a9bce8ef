//! The vocabularies the factor rules read text with (docs/rules.md lists them for users). Words
//! and phrases are written as `text::words` splits text: lowercase, no dots or apostrophes;
//! a trailing `*` matches any word it begins.

use super::{Degree, Role, Seniority};

/// Degree words, highest level first; the first that a text names is its level. Short,
/// ambiguous abbreviations ("MS Office", "BA" as a city code) are in [`DEGREE_ABBREVIATIONS`].
pub const DEGREE_WORDS: &[(Degree, &[&str])] = &[
    (
        Degree::Doctorate,
        &["phd", "doctorate", "doctoral", "dphil", "edd", "doctor of*"],
    ),
    (
        Degree::Master,
        &[
            "masters",
            "master of*",
            "master degree",
            "msc",
            "mba",
            "meng",
            "mphil",
            "mfa",
            "mph",
            "msn",
            "llm",
        ],
    ),
    (
        Degree::Bachelor,
        &[
            "bachelor*",
            "bsc",
            "beng",
            "bba",
            "bfa",
            "bsn",
            "btech",
            "undergraduate degree",
            "college degree",
            "university degree",
            "4 year degree",
        ],
    ),
    (
        Degree::Associate,
        &["associate degree", "associates degree", "aas"],
    ),
    (
        Degree::Certificate,
        &[
            "bootcamp",
            "boot camp",
            "certificate program",
            "vocational",
            "trade school",
            "apprenticeship",
        ],
    ),
    (
        Degree::HighSchool,
        &[
            "high school",
            "ged",
            "secondary school",
            "a levels",
            "abitur",
        ],
    ),
];

/// Abbreviations that name a degree only in a resume's degree field or when "degree" or "in"
/// follows them in a posting ("MS in Statistics", not "MS Office").
pub const DEGREE_ABBREVIATIONS: &[(Degree, &[&str])] = &[
    (Degree::Doctorate, &["md", "dr"]),
    (Degree::Master, &["ms", "ma", "mse", "msw"]),
    (Degree::Bachelor, &["bs", "ba", "be", "bse"]),
    (Degree::Associate, &["associate", "aa", "as"]),
    (Degree::Certificate, &["diploma", "certificate"]),
];

/// Words in a degree requirement that make it flexible.
pub const DEGREE_FLEXIBLE: &[&str] = &[
    "or equivalent",
    "equivalent experience",
    "or related experience",
];

/// Words that make a requirement sentence a wish rather than a condition.
pub const NICE_TO_HAVE_WORDS: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "bonus",
    "preferred",
    "preferably",
    "a plus",
    "is a plus",
    "desirable",
    "ideally",
    "optional",
    "advantage",
    "advantageous",
];

/// Words that make a requirement sentence a condition.
pub const MUST_HAVE_WORDS: &[&str] = &[
    "must",
    "required",
    "requires",
    "require",
    "mandatory",
    "essential",
    "need",
    "needs",
    "minimum",
    "at least",
    "proven",
];

/// Seniority words in `experienceLevel` and titles, most senior first.
pub const SENIORITY_WORDS: &[(Seniority, &[&str])] = &[
    (
        Seniority::Executive,
        &[
            "director",
            "head of",
            "vp",
            "vice president",
            "chief",
            "cto",
            "cfo",
            "ceo",
        ],
    ),
    (
        Seniority::Lead,
        // Not "staff" or "manager" alone: a Staff Accountant or an Account Manager is no lead.
        &[
            "lead",
            "principal",
            "staff engineer",
            "staff software",
            "engineering manager",
            "architect",
        ],
    ),
    (
        Seniority::Senior,
        &["senior", "sr", "experienced", "expert"],
    ),
    (Seniority::Mid, &["mid", "intermediate", "mid level", "ii"]),
    (
        Seniority::Entry,
        &[
            "entry*",
            "junior",
            "jr",
            "graduate",
            "associate",
            "trainee",
            "apprentice",
        ],
    ),
    (Seniority::Intern, &["intern", "internship", "student"]),
];

/// Soft skills, each with the phrases that name or show it. A posting asks for a soft skill
/// its description or requirements name; a resume shows one its summary or work entries name.
pub const SOFT_SKILLS: &[(&str, &[&str])] = &[
    (
        "Communication",
        &[
            "communicat*",
            "presentation*",
            "written and verbal",
            "verbal and written",
            "explain*",
        ],
    ),
    (
        "Teamwork",
        &[
            "teamwork",
            "team player",
            "collaborat*",
            "cross functional",
            "work closely with",
            "partnered with",
        ],
    ),
    (
        "Leadership",
        &[
            "leadership",
            "led",
            "lead a team",
            "leading a team",
            "mentor*",
            "coach*",
            "managed a team",
            "supervis*",
        ],
    ),
    (
        "Problem solving",
        &[
            "problem solving",
            "problem solver",
            "troubleshoot*",
            "solve*",
            "resolv*",
            "root cause",
        ],
    ),
    (
        "Attention to detail",
        &[
            "attention to detail",
            "detail oriented",
            "accura*",
            "meticulous",
            "precise",
            "precision",
        ],
    ),
    (
        "Time management",
        &[
            "time management",
            "deadline*",
            "prioriti*",
            "multitask*",
            "organized",
            "organised",
            "organizational",
        ],
    ),
    (
        "Adaptability",
        &[
            "adaptab*",
            "flexib*",
            "fast paced",
            "learn quickly",
            "quick learner",
            "changing priorities",
        ],
    ),
    (
        "Customer focus",
        &[
            "customer service",
            "customer focus*",
            "client facing",
            "customer facing",
            "empath*",
            "patient centered",
            "patient centred",
            "customer satisfaction",
        ],
    ),
    (
        "Analytical thinking",
        &["analytical", "critical thinking", "data driven", "analy*"],
    ),
    (
        "Initiative",
        &[
            "ownership",
            "self starter",
            "self motivated",
            "initiative",
            "proactive",
            "independently",
        ],
    ),
];

/// Role types: skill names (as `normalize_skill` spells them) and title phrases that signal
/// each, and the text whose embedding is the role's prototype.
pub struct RoleSignature {
    pub role: Role,
    pub skills: &'static [&'static str],
    pub titles: &'static [&'static str],
    pub prototype: &'static str,
}

pub const ROLE_SIGNATURES: &[RoleSignature] = &[
    RoleSignature {
        role: Role::Frontend,
        skills: &["react", "angular", "vue", "html", "css", "redux", "sass", "tailwind", "next", "webpack", "typescript", "javascript", "web accessibility", "jquery"],
        titles: &["frontend", "front end", "ui developer", "web developer", "ui engineer"],
        prototype: "Frontend developer building web user interfaces with React, JavaScript, HTML and CSS",
    },
    RoleSignature {
        role: Role::Backend,
        skills: &["java", "go", "python", "node", "django", "flask", "spring", "spring boot", "express", "postgresql", "mysql", "mongodb", "redis", "kafka", "rest apis", "graphql", "microservices", "ruby on rails", ".net", "c#", "sql", "grpc", "rabbitmq"],
        titles: &["backend", "back end", "api developer", "server", "software engineer"],
        prototype: "Backend engineer building server-side APIs, services and databases",
    },
    RoleSignature {
        role: Role::FullStack,
        skills: &[],
        titles: &["full stack", "fullstack", "full-stack"],
        prototype: "Full stack developer working on both the web frontend and the backend services",
    },
    RoleSignature {
        role: Role::Mobile,
        skills: &["swift", "kotlin", "swiftui", "jetpack compose", "react native", "flutter", "xcode", "ios", "android", "objective c"],
        titles: &["mobile", "ios", "android"],
        prototype: "Mobile app developer building iOS and Android applications",
    },
    RoleSignature {
        role: Role::Data,
        skills: &["sql", "spark", "airflow", "etl", "tableau", "power bi", "dbt", "snowflake", "hadoop", "data warehousing", "data modeling", "bigquery", "looker", "excel"],
        titles: &["data engineer", "data analyst", "analytics", "business intelligence", "bi analyst", "data"],
        prototype: "Data engineer or analyst building data pipelines, SQL warehouses and dashboards",
    },
    RoleSignature {
        role: Role::MachineLearning,
        skills: &["machine learning", "tensorflow", "pytorch", "scikit learn", "deep learning", "natural language processing", "computer vision", "statistics", "pandas", "numpy", "r", "mlops", "artificial intelligence"],
        titles: &["machine learning", "ml engineer", "data scientist", "ai engineer", "research scientist"],
        prototype: "Data scientist or machine learning engineer training statistical and deep learning models",
    },
    RoleSignature {
        role: Role::DevOps,
        skills: &["docker", "kubernetes", "terraform", "amazon web services", "continuous integration", "jenkins", "ansible", "linux", "prometheus", "grafana", "helm", "google cloud platform", "azure", "bash", "github actions"],
        titles: &["devops", "sre", "site reliability", "platform engineer", "infrastructure", "cloud engineer"],
        prototype: "DevOps or site reliability engineer running cloud infrastructure, CI/CD and Kubernetes",
    },
    RoleSignature {
        role: Role::Qa,
        skills: &["selenium", "cypress", "test automation", "playwright", "junit", "manual testing", "qa", "testing"],
        titles: &["qa", "quality assurance", "test engineer", "sdet", "tester"],
        prototype: "QA engineer writing automated tests and checking software quality",
    },
    RoleSignature {
        role: Role::Security,
        skills: &["penetration testing", "siem", "owasp", "network security", "incident response", "vulnerability management", "cissp", "firewalls", "security"],
        titles: &["security", "cyber", "penetration tester", "soc analyst"],
        prototype: "Security engineer protecting systems, finding vulnerabilities and responding to incidents",
    },
    RoleSignature {
        role: Role::Design,
        skills: &["figma", "sketch", "adobe creative suite", "prototyping", "user research", "wireframing", "user experience", "user interface", "adobe xd", "illustrator", "photoshop"],
        titles: &["designer", "ux", "ui ux", "design"],
        prototype: "UX and UI designer doing user research, wireframes and prototypes in Figma",
    },
    RoleSignature {
        role: Role::Product,
        skills: &["product management", "roadmapping", "product strategy", "user stories", "jira", "agile", "scrum", "a/b testing"],
        titles: &["product manager", "product owner", "program manager", "project manager", "scrum master"],
        prototype: "Product manager owning the roadmap, priorities and user stories",
    },
    RoleSignature {
        role: Role::Healthcare,
        skills: &["patient care", "patient assessment", "epic ehr", "bls", "acls", "medication administration", "critical care nursing", "registered nurse", "phlebotomy", "triage", "hipaa"],
        titles: &["nurse", "physician", "clinical", "medical", "therapist", "pharmacist", "caregiver", "paramedic"],
        prototype: "Registered nurse providing patient care in a hospital",
    },
    RoleSignature {
        role: Role::Sales,
        skills: &["salesforce", "crm", "negotiation", "lead generation", "b2b sales", "cold calling", "account management", "sales", "hubspot", "pipeline management"],
        titles: &["sales", "account executive", "business development", "account manager"],
        prototype: "Sales representative prospecting, negotiating and closing deals with customers",
    },
    RoleSignature {
        role: Role::Marketing,
        skills: &["seo", "sem", "content marketing", "google analytics", "social media marketing", "email marketing", "copywriting", "marketing", "google ads"],
        titles: &["marketing", "seo", "content", "brand", "growth"],
        prototype: "Marketing specialist running campaigns, content, SEO and social media",
    },
    RoleSignature {
        role: Role::Finance,
        skills: &["accounting", "gaap", "financial reporting", "quickbooks", "auditing", "tax preparation", "certified public accountant", "financial modeling", "accounts payable", "reconciliation", "ifrs"],
        titles: &["accountant", "finance", "financial", "auditor", "controller", "bookkeeper"],
        prototype: "Accountant preparing financial statements, reconciliations and audits",
    },
    RoleSignature {
        role: Role::PeopleOps,
        skills: &["recruiting", "talent acquisition", "onboarding", "hris", "payroll", "employee relations", "workday"],
        titles: &["hr", "human resources", "recruiter", "talent", "people"],
        prototype: "HR specialist recruiting, onboarding and supporting employees",
    },
    RoleSignature {
        role: Role::Operations,
        skills: &["supply chain", "logistics", "inventory management", "warehouse management", "procurement", "sap", "forklift", "shipping"],
        titles: &["logistics", "supply chain", "operations", "warehouse", "dispatcher", "procurement"],
        prototype: "Logistics coordinator managing supply chain, inventory and shipping",
    },
    RoleSignature {
        role: Role::Education,
        skills: &["curriculum development", "lesson planning", "classroom management", "teaching", "tutoring", "special education"],
        titles: &["teacher", "instructor", "tutor", "lecturer", "professor"],
        prototype: "Teacher planning lessons and teaching students in a classroom",
    },
    RoleSignature {
        role: Role::Hospitality,
        skills: &["food safety", "menu planning", "culinary arts", "food preparation", "customer service", "point of sale", "knife skills"],
        titles: &["chef", "cook", "restaurant", "server", "barista", "hotel", "kitchen"],
        prototype: "Chef or cook preparing food in a restaurant kitchen",
    },
];

/// Country and region spellings that name the same place (all lowercase, as `text::words`
/// joins them with spaces).
pub const PLACE_ALIASES: &[(&str, &str)] = &[
    ("us", "united states"),
    ("usa", "united states"),
    ("united states of america", "united states"),
    ("america", "united states"),
    ("uk", "united kingdom"),
    ("england", "united kingdom"),
    ("great britain", "united kingdom"),
    ("gb", "united kingdom"),
    ("deutschland", "germany"),
    ("de", "germany"),
    ("nyc", "new york"),
    ("sf", "san francisco"),
    ("la", "los angeles"),
];

/// Common words of each language, to tell a text's language (ISO 639-1 code first).
pub const LANGUAGE_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the",
            "and",
            "of",
            "to",
            "with",
            "for",
            "in",
            "our",
            "you",
            "is",
            "are",
            "we",
            "will",
            "your",
            "experience",
            "team",
        ],
    ),
    (
        "de",
        &[
            "und",
            "der",
            "die",
            "das",
            "mit",
            "für",
            "fur",
            "wir",
            "sie",
            "ist",
            "ein",
            "eine",
            "von",
            "zu",
            "im",
            "erfahrung",
        ],
    ),
    (
        "fr",
        &[
            "et",
            "le",
            "la",
            "les",
            "des",
            "avec",
            "pour",
            "nous",
            "vous",
            "est",
            "une",
            "dans",
            "du",
            "en",
            "expérience",
            "experience",
        ],
    ),
    (
        "es",
        &[
            "y",
            "el",
            "la",
            "los",
            "las",
            "con",
            "para",
            "nosotros",
            "es",
            "una",
            "del",
            "en",
            "que",
            "por",
            "experiencia",
            "equipo",
        ],
    ),
    (
        "pt",
        &[
            "e",
            "o",
            "os",
            "as",
            "com",
            "para",
            "nós",
            "é",
            "uma",
            "do",
            "da",
            "em",
            "que",
            "por",
            "experiência",
            "equipe",
        ],
    ),
    (
        "it",
        &[
            "e",
            "il",
            "lo",
            "gli",
            "con",
            "per",
            "noi",
            "è",
            "una",
            "del",
            "della",
            "in",
            "che",
            "di",
            "esperienza",
            "squadra",
        ],
    ),
    (
        "nl",
        &[
            "en", "de", "het", "van", "met", "voor", "wij", "is", "een", "in", "op", "te",
            "ervaring", "je", "jij", "ons",
        ],
    ),
];
