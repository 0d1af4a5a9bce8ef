// Demo seed data for resume-ai: realistic resumes and job postings shaped exactly like the
// seed's "Database Schema Requirements" (resumes and jobpostings collections).
//
// Everything is deterministic: no randomness and no clock. Dates are built from fixed
// years and months; a current job uses the string "present" as its endDate. Each call
// builds fresh objects, so callers may mutate what they get back. `_id` is left to MongoDB.
//
// A few resumes are deliberately messy, the way real uploads are:
//   - Priya Raman:  one startDate stored as an ISO string instead of a Date.
//   - Rachel O'Connor: overlapping jobs (full-time ICU plus a per-diem ER position).
//   - Sam Patel:    sparse junior resume with no phone, summary or certifications.
//   - Tyler Nguyen: skills written as aliases ("JS", "K8s", "Postgres", "React.js").

/** Email of the resume the demo shows first (Maya Chen, Python backend engineer). */
export const DEMO_RESUME_EMAIL = "maya.chen@example.com";

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** First day of a month, UTC midnight: ym(2020, 7) → 2020-07-01T00:00:00.000Z. */
const ym = (year, month, day = 1) => new Date(Date.UTC(year, month - 1, day));

/** { Expert: ["Python"], Advanced: [...] } → [{ name, proficiency }, ...] in the given order. */
const skillSet = (byLevel) =>
  Object.entries(byLevel).flatMap(([proficiency, names]) =>
    names.map((name) => ({ name, proficiency })),
  );

const job = (jobTitle, company, startDate, endDate, responsibilities) => ({
  jobTitle,
  company,
  startDate,
  endDate,
  responsibilities,
});

const school = (degree, institution, graduationDate) => ({ degree, institution, graduationDate });

const cert = (name, issuer) => ({ name, issuer });

/** A resume in schema field order; fields left undefined are omitted entirely. */
function resume(fields) {
  const order = [
    "firstName", "lastName", "email", "phone", "summary",
    "skills", "workExperience", "education", "certifications",
  ];
  const doc = {};
  for (const key of order) if (fields[key] !== undefined) doc[key] = fields[key];
  return doc;
}

/** A job posting in schema field order; `skills` is a comma-separated list of names. */
const posting = (title, company, location, experienceLevel, status, skills, requirements, description) => ({
  title,
  company,
  location,
  experienceLevel,
  status,
  skills: skills.split(",").map((name) => ({ name: name.trim() })),
  requirements,
  description,
});

// ---------------------------------------------------------------------------
// Resumes
// ---------------------------------------------------------------------------

export function makeResumes() {
  return [
    // --- Demo resume: strong Python backend engineer, ~6 years, no AWS/Kubernetes/Terraform.
    resume({
      firstName: "Maya",
      lastName: "Chen",
      email: DEMO_RESUME_EMAIL,
      phone: "+1-512-555-0142",
      summary:
        "Backend engineer with six years of experience designing and operating Python services. " +
        "Specialised in Django and FastAPI APIs backed by PostgreSQL, asynchronous job processing " +
        "with Celery and Redis, and pragmatic test automation. Looking to grow into cloud-native " +
        "platform work.",
      skills: skillSet({
        Expert: ["Python", "Django"],
        Advanced: ["Django REST Framework", "FastAPI", "PostgreSQL", "Celery", "Redis", "REST API Design", "pytest", "Git"],
        Intermediate: ["Docker", "Linux", "GraphQL", "GitHub Actions"],
      }),
      workExperience: [
        job("Backend Engineer", "Tidewater Freight Technologies", ym(2022, 11), "present", [
          "Designed and maintain the shipment-tracking API in Django REST Framework, serving about 40 million requests per day.",
          "Moved nightly rate calculations from cron scripts to Celery workers, cutting processing time from four hours to 35 minutes.",
          "Led the migration from PostgreSQL 11 to 15 with zero downtime using logical replication and staged cut-over.",
          "Mentor two junior engineers and run the team's weekly code-review sessions.",
        ]),
        job("Python Developer", "Larkspur Health Software", ym(2020, 7), ym(2022, 10), [
          "Built FastAPI microservices that exchange appointment data with partner clinics over HL7 FHIR.",
          "Raised unit-test coverage of the billing service from 45% to 88% with pytest and factory fixtures.",
          "Containerised the local development environment with Docker Compose, shortening onboarding from days to hours.",
        ]),
      ],
      education: [
        school("B.S. Computer Science", "Texas State University", ym(2020, 5)),
      ],
      certifications: [
        cert("PCAP – Certified Associate in Python Programming", "Python Institute"),
      ],
    }),

    // --- Senior Python / platform engineer with the cloud skills Maya lacks.
    resume({
      firstName: "Marcus",
      lastName: "Alvarez",
      email: "marcus.alvarez@example.net",
      phone: "+1-206-555-0187",
      summary:
        "Senior backend and platform engineer with eleven years of experience building Python " +
        "services on AWS. Comfortable owning systems end to end, from API design to Kubernetes " +
        "deployment, Terraform-managed infrastructure and on-call.",
      skills: skillSet({
        Expert: ["Python", "Django", "AWS", "PostgreSQL"],
        Advanced: ["Kubernetes", "Terraform", "Docker", "Go", "Redis", "Kafka", "CI/CD"],
        Intermediate: ["Elasticsearch", "React"],
      }),
      workExperience: [
        job("Senior Software Engineer, Platform", "Kestrel Cloud Systems", ym(2020, 3), "present", [
          "Lead a team of five building the internal developer platform used by 200 engineers to ship Python services to Kubernetes.",
          "Designed the Terraform module library that provisions AWS accounts, VPCs and RDS clusters consistently across 14 teams.",
          "Introduced Kafka-based event sourcing for the billing domain, removing nightly batch reconciliation.",
        ]),
        job("Backend Engineer", "Quayside Payments", ym(2016, 6), ym(2020, 2), [
          "Built Django services for merchant onboarding and KYC checks that processed over 10,000 applications per week.",
          "Reduced p99 API latency by 60% by adding Redis caching and rewriting N+1 ORM queries.",
          "Ran the migration from EC2 instances to ECS containers with blue-green deployments.",
        ]),
        job("Software Developer", "Bramblewood Analytics", ym(2015, 1), ym(2016, 5), [
          "Wrote Python ETL jobs that loaded retail sales data into PostgreSQL for client dashboards.",
          "Maintained the Flask reporting API and its automated test suite.",
        ]),
      ],
      education: [
        school("B.S. Computer Engineering", "University of Washington", ym(2014, 6)),
      ],
      certifications: [
        cert("AWS Certified Solutions Architect – Professional", "Amazon Web Services"),
        cert("Certified Kubernetes Administrator (CKA)", "The Linux Foundation"),
      ],
    }),

    // --- Java / Spring backend. Messy: one startDate stored as an ISO string.
    resume({
      firstName: "Priya",
      lastName: "Raman",
      email: "priya.raman@example.org",
      phone: "+1-704-555-0123",
      summary:
        "Java backend engineer with eight years of experience in banking and insurance. Builds " +
        "reliable Spring Boot microservices, event-driven integrations and well-tested REST APIs.",
      skills: skillSet({
        Expert: ["Java", "Spring Boot"],
        Advanced: ["Spring Security", "Hibernate", "Microservices", "Kafka", "Oracle Database", "JUnit", "Maven"],
        Intermediate: ["Docker", "Kubernetes", "AWS"],
      }),
      workExperience: [
        job("Senior Java Developer", "Fernhill Bank", "2018-04-02T00:00:00.000Z", "present", [
          "Own the payments-initiation microservices written in Spring Boot, handling $2B in transfers each month.",
          "Implemented OAuth2 resource-server security with Spring Security for all customer-facing APIs.",
          "Replaced point-to-point SOAP integrations with Kafka topics, cutting integration incidents by half.",
        ]),
        job("Java Developer", "Ironbridge Insurance Group", ym(2016, 7), ym(2018, 3), [
          "Developed policy-quoting services with Spring MVC and Hibernate against an Oracle database.",
          "Wrote JUnit and Mockito tests that became the team's template for new services.",
        ]),
      ],
      education: [
        school("M.S. Computer Science", "North Carolina State University", ym(2016, 5)),
        school("B.Tech. Information Technology", "Anna University", ym(2014, 5)),
      ],
      certifications: [
        cert("Oracle Certified Professional: Java SE 11 Developer", "Oracle"),
      ],
    }),

    // --- Frontend React / TypeScript.
    resume({
      firstName: "Jordan",
      lastName: "Blake",
      email: "jordan.blake@example.com",
      phone: "+1-303-555-0164",
      summary:
        "Frontend engineer with five years of experience building accessible, fast React " +
        "applications in TypeScript. Enjoys design systems and close collaboration with designers.",
      skills: skillSet({
        Expert: ["React", "TypeScript", "JavaScript"],
        Advanced: ["Next.js", "CSS", "HTML", "Redux", "Jest", "Testing Library", "Storybook"],
        Intermediate: ["GraphQL", "Node.js", "Figma", "Accessibility (WCAG)"],
      }),
      workExperience: [
        job("Frontend Engineer", "Redwood Cart", ym(2022, 2), "present", [
          "Rebuilt the checkout flow in Next.js and TypeScript, improving conversion by 7% in A/B tests.",
          "Created and maintain a Storybook component library used across four product teams.",
          "Brought the storefront to WCAG 2.1 AA compliance working with the design and QA teams.",
        ]),
        job("Junior Web Developer", "Copperline Media", ym(2020, 6), ym(2022, 1), [
          "Built marketing landing pages and interactive widgets in React and plain JavaScript.",
          "Set up Jest and Testing Library for the main web app and wrote its first 300 tests.",
        ]),
      ],
      education: [
        school("B.A. Interactive Media", "University of Colorado Denver", ym(2020, 5)),
      ],
      certifications: [
        cert("Meta Front-End Developer Professional Certificate", "Meta"),
      ],
    }),

    // --- Full-stack JavaScript. Messy: skills written as aliases.
    resume({
      firstName: "Tyler",
      lastName: "Nguyen",
      email: "tyler.nguyen@example.net",
      phone: "+1-619-555-0108",
      summary:
        "Full-stack developer with four years of experience shipping React front ends and Node " +
        "back ends for early-stage startups.",
      skills: skillSet({
        Advanced: ["JS", "React.js", "Node", "Express", "Postgres", "TS"],
        Intermediate: ["Mongo", "K8s", "Docker", "GCP", "Tailwind"],
      }),
      workExperience: [
        job("Full-Stack Developer", "Saltmarsh Labs", ym(2023, 1), "present", [
          "Develop the customer portal in React and TypeScript with an Express API on Postgres.",
          "Moved the API from a single VM to a small Kubernetes cluster on GCP with automated deploys.",
          "Built the Stripe billing integration, including webhooks and retry handling.",
        ]),
        job("Software Developer", "Gullwing Studios", ym(2021, 3), ym(2022, 12), [
          "Built internal admin dashboards in React backed by a Node and MongoDB service.",
          "Wrote integration tests for the booking API and fixed long-standing timezone bugs.",
        ]),
      ],
      education: [
        school("B.S. Computer Science", "San Diego State University", ym(2021, 1)),
      ],
      certifications: [
        cert("Associate Cloud Engineer", "Google Cloud"),
      ],
    }),

    // --- Data science / machine learning.
    resume({
      firstName: "Aisha",
      lastName: "Bello",
      email: "aisha.bello@example.org",
      phone: "+1-617-555-0139",
      summary:
        "Data scientist with seven years of experience turning messy data into production models " +
        "for forecasting, ranking and natural language processing. Strong in Python, SQL and " +
        "experiment design.",
      skills: skillSet({
        Expert: ["Python", "Machine Learning", "SQL"],
        Advanced: ["PyTorch", "scikit-learn", "pandas", "NLP", "Statistics", "A/B Testing", "Spark"],
        Intermediate: ["AWS SageMaker", "Airflow", "Docker", "Tableau"],
      }),
      workExperience: [
        job("Senior Data Scientist", "Lumenfield", ym(2021, 4), "present", [
          "Built a transformer-based ticket classifier in PyTorch that routes 70% of support tickets automatically.",
          "Designed the company's A/B testing guidelines and review process for product experiments.",
          "Productionised demand-forecasting models on SageMaker with Airflow-scheduled retraining.",
        ]),
        job("Data Scientist", "Brightpath Insurance", ym(2018, 8), ym(2021, 3), [
          "Developed gradient-boosted churn models in scikit-learn that guided a retention campaign saving $1.2M a year.",
          "Wrote Spark jobs to build customer features from 300 million policy events.",
        ]),
        job("Data Analyst", "Brightpath Insurance", ym(2017, 6), ym(2018, 7), [
          "Built weekly claims dashboards in Tableau from SQL queries against the data warehouse.",
        ]),
      ],
      education: [
        school("M.S. Statistics", "Boston University", ym(2017, 5)),
        school("B.S. Mathematics", "University of Lagos", ym(2014, 11)),
      ],
      certifications: [
        cert("AWS Certified Machine Learning – Specialty", "Amazon Web Services"),
      ],
    }),

    // --- DevOps / SRE.
    resume({
      firstName: "Erik",
      lastName: "Johansson",
      email: "erik.johansson@example.com",
      phone: "+1-612-555-0176",
      summary:
        "Site reliability engineer with nine years of experience running large AWS and Kubernetes " +
        "estates. Focused on infrastructure as code, observability and calm incident response.",
      skills: skillSet({
        Expert: ["AWS", "Kubernetes", "Terraform", "Linux"],
        Advanced: ["Docker", "Helm", "Argo CD", "Prometheus", "Grafana", "Python", "Bash", "CI/CD"],
        Intermediate: ["Go", "Ansible", "PostgreSQL"],
      }),
      workExperience: [
        job("Senior Site Reliability Engineer", "Kestrel Cloud Systems", ym(2021, 1), "present", [
          "Operate 30 production Kubernetes clusters on EKS serving over 99.95% availability.",
          "Rolled out Argo CD GitOps deployments and reduced failed releases by 40%.",
          "Built SLO dashboards in Prometheus and Grafana and coach teams on error budgets.",
        ]),
        job("DevOps Engineer", "Orbitline Mobile", ym(2017, 9), ym(2020, 12), [
          "Migrated all infrastructure from hand-built EC2 instances to Terraform-managed AWS resources.",
          "Built Jenkins and later GitHub Actions pipelines for 60 services.",
        ]),
        job("Linux Systems Administrator", "Northstar Regional Health", ym(2015, 6), ym(2017, 8), [
          "Administered 250 Red Hat servers and automated patching with Ansible.",
          "Maintained the on-call runbook and led post-incident reviews.",
        ]),
      ],
      education: [
        school("B.S. Information Technology", "University of Minnesota", ym(2015, 5)),
      ],
      certifications: [
        cert("Certified Kubernetes Administrator (CKA)", "The Linux Foundation"),
        cert("AWS Certified DevOps Engineer – Professional", "Amazon Web Services"),
        cert("HashiCorp Certified: Terraform Associate", "HashiCorp"),
      ],
    }),

    // --- Mobile: iOS.
    resume({
      firstName: "Sofia",
      lastName: "Marquez",
      email: "sofia.marquez@example.net",
      phone: "+1-415-555-0191",
      summary:
        "iOS engineer with six years of experience building polished consumer apps in Swift and " +
        "SwiftUI, with a strong focus on performance and accessibility.",
      skills: skillSet({
        Expert: ["Swift", "iOS", "UIKit"],
        Advanced: ["SwiftUI", "Combine", "Core Data", "Xcode", "XCTest", "REST APIs"],
        Intermediate: ["Objective-C", "Firebase", "CI/CD"],
      }),
      workExperience: [
        job("Senior iOS Engineer", "Orbitline Mobile", ym(2022, 5), "present", [
          "Lead development of the flagship iOS app with 2 million monthly active users.",
          "Migrated the onboarding and settings screens from UIKit to SwiftUI.",
          "Cut cold-start time by 45% by profiling with Instruments and deferring work.",
        ]),
        job("iOS Developer", "Pebblestone Fitness", ym(2020, 8), ym(2022, 4), [
          "Built workout-tracking features with HealthKit and Core Data.",
          "Set up XCTest UI tests and automated TestFlight builds.",
        ]),
      ],
      education: [
        school("B.S. Software Engineering", "San Jose State University", ym(2020, 5)),
      ],
      certifications: [],
    }),

    // --- Mobile: Android.
    resume({
      firstName: "Kwame",
      lastName: "Mensah",
      email: "kwame.mensah@example.org",
      phone: "+1-404-555-0155",
      summary:
        "Android developer with five years of experience in Kotlin and Jetpack Compose, shipping " +
        "fintech and retail apps to millions of users.",
      skills: skillSet({
        Expert: ["Kotlin", "Android"],
        Advanced: ["Jetpack Compose", "Coroutines", "Room", "Java", "Gradle", "MVVM"],
        Intermediate: ["Firebase", "GraphQL", "Espresso"],
      }),
      workExperience: [
        job("Android Engineer", "Quayside Payments", ym(2022, 3), "present", [
          "Built the tap-to-pay feature in Kotlin with Jetpack Compose for 1.5 million merchants.",
          "Modularised the Gradle build, cutting clean build times from 11 to 4 minutes.",
          "Introduced Espresso screenshot tests to catch UI regressions before release.",
        ]),
        job("Mobile Developer", "Redwood Cart", ym(2021, 1), ym(2022, 2), [
          "Maintained the shopping app in Kotlin and Java and moved networking to coroutines.",
          "Implemented offline cart storage with Room.",
        ]),
      ],
      education: [
        school("B.S. Computer Science", "Georgia State University", ym(2020, 12)),
      ],
      certifications: [
        cert("Associate Android Developer", "Google"),
      ],
    }),

    // --- ICU registered nurse. Messy: overlapping jobs (full-time ICU + per-diem ER).
    resume({
      firstName: "Rachel",
      lastName: "O'Connor",
      email: "rachel.oconnor@example.com",
      phone: "+1-614-555-0117",
      summary:
        "Critical care registered nurse with eight years of bedside experience, six of them in a " +
        "24-bed medical-surgical ICU. Skilled in ventilator management, titrating vasoactive drips " +
        "and precepting new graduate nurses.",
      skills: skillSet({
        Expert: ["Critical Care Nursing", "Patient Assessment", "Ventilator Management"],
        Advanced: ["Hemodynamic Monitoring", "IV Therapy", "Sepsis Management", "Epic EHR", "Patient Education"],
        Intermediate: ["CRRT", "Charge Nurse Duties"],
      }),
      workExperience: [
        job("ICU Registered Nurse", "Scioto Valley Medical Center", ym(2020, 6), "present", [
          "Provide care for up to two critically ill patients per shift, including ventilated and post-surgical patients.",
          "Titrate vasoactive and sedation infusions according to hemodynamic monitoring and unit protocols.",
          "Precept new graduate nurses through their twelve-week ICU orientation.",
          "Serve as relief charge nurse, coordinating admissions, staffing and rapid-response calls.",
        ]),
        job("Per Diem Emergency Department RN", "Riverside Community Hospital", ym(2021, 2), ym(2023, 8), [
          "Worked two weekend shifts a month triaging and stabilising patients in a Level II trauma center.",
          "Started IV lines, administered medications and documented care in Epic.",
        ]),
        job("Registered Nurse, Medical-Surgical", "Scioto Valley Medical Center", ym(2018, 7), ym(2020, 5), [
          "Cared for five to six post-operative and medical patients per shift on a 32-bed unit.",
          "Educated patients and families on discharge plans and medications.",
        ]),
      ],
      education: [
        school("Bachelor of Science in Nursing (BSN)", "The Ohio State University", ym(2018, 5)),
      ],
      certifications: [
        cert("Registered Nurse License (RN)", "Ohio Board of Nursing"),
        cert("CCRN (Adult)", "American Association of Critical-Care Nurses"),
        cert("Advanced Cardiovascular Life Support (ACLS)", "American Heart Association"),
        cert("Basic Life Support (BLS)", "American Heart Association"),
      ],
    }),

    // --- Medical-surgical registered nurse, earlier career.
    resume({
      firstName: "Daniel",
      lastName: "Kim",
      email: "daniel.kim@example.net",
      phone: "+1-602-555-0128",
      summary:
        "Registered nurse with three years of medical-surgical experience, known for careful " +
        "assessments and clear patient education. Interested in moving into critical care.",
      skills: skillSet({
        Advanced: ["Patient Assessment", "Medication Administration", "Wound Care", "Patient Education"],
        Intermediate: ["IV Therapy", "Cerner EHR", "Telemetry Monitoring"],
      }),
      workExperience: [
        job("Registered Nurse, Medical-Surgical", "Desert Bloom Regional Hospital", ym(2023, 8), "present", [
          "Care for five patients per shift on a busy medical-surgical and telemetry floor.",
          "Monitor cardiac rhythms and escalate changes to the rapid response team.",
          "Serve on the unit's fall-prevention committee, which reduced falls by 20% in one year.",
        ]),
        job("Graduate Nurse Resident", "Desert Bloom Regional Hospital", ym(2022, 7), ym(2023, 7), [
          "Completed a one-year nurse residency with rotations in med-surg, step-down and oncology units.",
        ]),
      ],
      education: [
        school("Bachelor of Science in Nursing (BSN)", "Arizona State University", ym(2022, 5)),
      ],
      certifications: [
        cert("Registered Nurse License (RN)", "Arizona State Board of Nursing"),
        cert("Basic Life Support (BLS)", "American Heart Association"),
      ],
    }),

    // --- Accountant (CPA).
    resume({
      firstName: "Laura",
      lastName: "Whitfield",
      email: "laura.whitfield@example.org",
      phone: "+1-312-555-0149",
      summary:
        "Certified public accountant with seven years of experience in corporate accounting and " +
        "audit. Runs a clean, fast month-end close and enjoys automating reconciliations.",
      skills: skillSet({
        Expert: ["GAAP", "Month-End Close", "Account Reconciliation"],
        Advanced: ["NetSuite", "Excel", "Audit Preparation", "Revenue Recognition (ASC 606)", "Financial Reporting"],
        Intermediate: ["QuickBooks", "SQL", "Tax Compliance"],
      }),
      workExperience: [
        job("Senior Accountant", "Sable & Finch Manufacturing", ym(2021, 9), "present", [
          "Own the month-end close for three entities and shortened it from ten to six business days.",
          "Prepare revenue recognition schedules under ASC 606 and support the annual external audit.",
          "Automated bank and intercompany reconciliations in NetSuite, saving 25 hours a month.",
        ]),
        job("Audit Associate", "Holloway Kerr LLP", ym(2019, 9), ym(2021, 8), [
          "Performed substantive testing for manufacturing and nonprofit audit clients.",
          "Drafted financial statement footnotes and management letter comments.",
        ]),
      ],
      education: [
        school("Master of Accountancy", "University of Illinois Chicago", ym(2019, 5)),
        school("B.S. Accounting", "Illinois State University", ym(2018, 5)),
      ],
      certifications: [
        cert("Certified Public Accountant (CPA)", "Illinois Board of Examiners"),
      ],
    }),

    // --- Financial analyst.
    resume({
      firstName: "Ben",
      lastName: "Hartley",
      email: "ben.hartley@example.com",
      phone: "+1-212-555-0172",
      summary:
        "Financial analyst with four years of FP&A experience building budgets, forecasts and " +
        "board-level reporting for high-growth technology companies.",
      skills: skillSet({
        Expert: ["Financial Modeling", "Excel"],
        Advanced: ["Forecasting", "Budgeting", "Variance Analysis", "FP&A", "SQL"],
        Intermediate: ["Tableau", "Power BI", "Python"],
      }),
      workExperience: [
        job("Financial Analyst, FP&A", "Lumenfield", ym(2022, 6), "present", [
          "Build the three-statement model and quarterly reforecast for a $180M revenue business.",
          "Partner with engineering and sales leaders on headcount and budget planning.",
          "Created Tableau dashboards that replaced a manual 40-tab monthly reporting workbook.",
        ]),
        job("Financial Analyst", "Fernhill Bank", ym(2021, 7), ym(2022, 5), [
          "Prepared monthly variance analyses for the consumer lending division.",
          "Wrote SQL queries to reconcile loan balances between the ledger and the servicing system.",
        ]),
      ],
      education: [
        school("B.S. Finance", "Fordham University", ym(2021, 5)),
      ],
      certifications: [
        cert("CFA Level I", "CFA Institute"),
      ],
    }),

    // --- Sales / account executive.
    resume({
      firstName: "Nicole",
      lastName: "Brooks",
      email: "nicole.brooks@example.net",
      phone: "+1-512-555-0196",
      summary:
        "Account executive with six years of B2B SaaS sales experience and a consistent record of " +
        "beating quota in mid-market and enterprise segments.",
      skills: skillSet({
        Expert: ["B2B Sales", "Salesforce", "Pipeline Management"],
        Advanced: ["Negotiation", "Prospecting", "MEDDIC", "Contract Negotiation", "Account Management"],
        Intermediate: ["HubSpot", "Gong", "Cold Calling"],
      }),
      workExperience: [
        job("Account Executive, Mid-Market", "Pinecrest Software", ym(2022, 1), "present", [
          "Closed $1.9M in new annual recurring revenue in 2024, finishing at 128% of quota.",
          "Run full-cycle deals from discovery to signature with sales cycles of 60 to 120 days.",
          "Coach two sales development representatives on discovery calls and qualification.",
        ]),
        job("Sales Development Representative", "Copperline Media", ym(2020, 5), ym(2021, 12), [
          "Booked an average of 18 qualified meetings per month through calls, email and LinkedIn.",
          "Was promoted to account executive after five consecutive quarters above target.",
        ]),
      ],
      education: [
        school("B.A. Communications", "Baylor University", ym(2020, 5)),
      ],
      certifications: [
        cert("Sandler Sales Foundations", "Sandler Training"),
      ],
    }),

    // --- UX / UI designer.
    resume({
      firstName: "Hannah",
      lastName: "Lindqvist",
      email: "hannah.lindqvist@example.org",
      phone: "+1-503-555-0133",
      summary:
        "Product designer with five years of experience across research, interaction design and " +
        "design systems for web and mobile products.",
      skills: skillSet({
        Expert: ["Figma", "Interaction Design", "Prototyping"],
        Advanced: ["User Research", "Usability Testing", "Wireframing", "Design Systems", "Accessibility (WCAG)"],
        Intermediate: ["HTML", "CSS", "Adobe Illustrator"],
      }),
      workExperience: [
        job("Product Designer", "Pebblestone Fitness", ym(2022, 4), "present", [
          "Lead design for the coaching and subscription experiences in the iOS and Android apps.",
          "Run monthly usability studies and turn the findings into prioritised design changes.",
          "Built the Figma design system and documentation adopted by all product squads.",
        ]),
        job("UX/UI Designer", "Copperline Media", ym(2020, 9), ym(2022, 3), [
          "Designed responsive websites and client dashboards from wireframes to high-fidelity prototypes.",
          "Introduced accessibility reviews that caught contrast and keyboard issues before launch.",
        ]),
      ],
      education: [
        school("B.F.A. Graphic Design", "Portland State University", ym(2020, 6)),
      ],
      certifications: [
        cert("Google UX Design Professional Certificate", "Google"),
      ],
    }),

    // --- Warehouse / logistics.
    resume({
      firstName: "Luis",
      lastName: "Ortega",
      email: "luis.ortega@example.com",
      phone: "+1-214-555-0158",
      summary:
        "Warehouse operations supervisor with ten years of experience in distribution centers, " +
        "leading shifts of up to 40 associates with a strong safety record.",
      skills: skillSet({
        Expert: ["Warehouse Operations", "Inventory Management", "Shipping and Receiving"],
        Advanced: ["Team Leadership", "OSHA Safety", "Forklift Operation", "Warehouse Management Systems (WMS)", "Cycle Counting"],
        Intermediate: ["Lean Six Sigma", "Excel", "SAP"],
      }),
      workExperience: [
        job("Warehouse Shift Supervisor", "Cobalt Harbor Logistics", ym(2019, 4), "present", [
          "Supervise a night shift of 35 to 40 associates picking and shipping about 12,000 orders.",
          "Raised inventory accuracy from 96% to 99.6% by introducing daily cycle counts.",
          "Led the shift through 900 days without a recordable safety incident.",
        ]),
        job("Lead Warehouse Associate", "Granite Peak Supply", ym(2016, 2), ym(2019, 3), [
          "Operated forklifts and reach trucks and trained new hires on safe equipment use.",
          "Coordinated inbound trailers and resolved receiving discrepancies with vendors.",
        ]),
        job("Warehouse Associate", "Granite Peak Supply", ym(2014, 6), ym(2016, 1), [
          "Picked, packed and loaded orders accurately in a fast-paced distribution center.",
        ]),
      ],
      education: [
        school("A.A.S. Supply Chain Management", "Dallas College", ym(2018, 5)),
      ],
      certifications: [
        cert("OSHA 30-Hour General Industry", "OSHA Training Institute"),
        cert("Certified Forklift Operator", "National Safety Council"),
      ],
    }),

    // --- Teacher.
    resume({
      firstName: "Emily",
      lastName: "Carter",
      email: "emily.carter@example.net",
      phone: "+1-614-555-0189",
      summary:
        "High school mathematics teacher with nine years of classroom experience, including AP " +
        "Calculus, and a track record of raising student achievement.",
      skills: skillSet({
        Expert: ["Classroom Management", "Curriculum Development", "Mathematics Instruction"],
        Advanced: ["Differentiated Instruction", "Student Assessment", "AP Calculus", "Google Classroom"],
        Intermediate: ["IEP Collaboration", "Desmos", "Parent Communication"],
      }),
      workExperience: [
        job("Mathematics Teacher", "Westerville Heights High School", ym(2019, 8), "present", [
          "Teach Algebra II, Pre-Calculus and AP Calculus AB to about 140 students each year.",
          "Raised the AP Calculus pass rate from 58% to 81% over three years.",
          "Lead the mathematics department's curriculum alignment with state standards.",
        ]),
        job("Mathematics Teacher", "Lincoln Park Middle School", ym(2017, 8), ym(2019, 6), [
          "Taught seventh and eighth grade mathematics with differentiated small-group instruction.",
          "Collaborated with special education staff to implement IEP accommodations.",
        ]),
      ],
      education: [
        school("M.Ed. Curriculum and Instruction", "Ohio University", ym(2021, 8)),
        school("B.S. Mathematics Education", "Miami University", ym(2017, 5)),
      ],
      certifications: [
        cert("Professional Teaching License – Mathematics (Grades 7-12)", "Ohio Department of Education"),
      ],
    }),

    // --- HR / recruiter.
    resume({
      firstName: "Grace",
      lastName: "Whitman",
      email: "grace.whitman@example.org",
      phone: "+1-617-555-0104",
      summary:
        "Technical recruiter and HR generalist with six years of experience hiring engineers and " +
        "building fair, efficient interview processes.",
      skills: skillSet({
        Expert: ["Full-Cycle Recruiting", "Sourcing", "Interviewing"],
        Advanced: ["Greenhouse", "LinkedIn Recruiter", "Onboarding", "Employee Relations", "Workday"],
        Intermediate: ["Compensation Benchmarking", "HR Compliance"],
      }),
      workExperience: [
        job("Senior Technical Recruiter", "Kestrel Cloud Systems", ym(2022, 2), "present", [
          "Hired 45 engineers in 2024 across backend, infrastructure and data teams.",
          "Redesigned structured interview scorecards, reducing time-to-hire from 48 to 31 days.",
          "Partner with hiring managers on workforce planning and offer strategy.",
        ]),
        job("HR Generalist", "Bramblewood Analytics", ym(2020, 1), ym(2022, 1), [
          "Ran onboarding for about 120 new employees a year and maintained records in Workday.",
          "Handled employee relations cases and supported annual performance reviews.",
        ]),
      ],
      education: [
        school("B.A. Psychology", "University of Massachusetts Amherst", ym(2019, 5)),
      ],
      certifications: [
        cert("SHRM Certified Professional (SHRM-CP)", "Society for Human Resource Management"),
      ],
    }),

    // --- Marketing.
    resume({
      firstName: "Oliver",
      lastName: "Grant",
      email: "oliver.grant@example.com",
      phone: "+1-720-555-0111",
      summary:
        "Digital marketing manager with seven years of experience in SEO, paid acquisition and " +
        "lifecycle email for consumer and B2B brands.",
      skills: skillSet({
        Expert: ["SEO", "Google Analytics", "Content Strategy"],
        Advanced: ["Google Ads", "Paid Social", "Email Marketing", "HubSpot", "A/B Testing", "Copywriting"],
        Intermediate: ["SQL", "Looker Studio"],
      }),
      workExperience: [
        job("Digital Marketing Manager", "Redwood Cart", ym(2021, 10), "present", [
          "Manage a $2.4M annual paid media budget across Google Ads and Meta with a 4.1x return on ad spend.",
          "Grew organic traffic by 160% in two years through technical SEO fixes and a content program.",
          "Built lifecycle email journeys in HubSpot that lifted repeat purchases by 12%.",
        ]),
        job("Marketing Specialist", "Copperline Media", ym(2019, 3), ym(2021, 9), [
          "Wrote and optimised landing pages and blog content for B2B clients.",
          "Ran A/B tests on email subject lines and calls to action.",
        ]),
      ],
      education: [
        school("B.A. Marketing", "University of Denver", ym(2018, 12)),
      ],
      certifications: [
        cert("Google Analytics Certification", "Google"),
        cert("Inbound Marketing Certification", "HubSpot Academy"),
      ],
    }),

    // --- Sparse junior resume: no phone, summary or certifications.
    resume({
      firstName: "Sam",
      lastName: "Patel",
      email: "sam.patel@example.net",
      skills: skillSet({
        Intermediate: ["Python", "HTML", "CSS"],
        Beginner: ["SQL", "Git", "Flask"],
      }),
      workExperience: [
        job("Software Engineering Intern", "Bramblewood Analytics", ym(2025, 6), ym(2025, 8), [
          "Wrote Python scripts to clean CSV exports and load them into a reporting database.",
          "Added a small Flask endpoint that returns report status to the internal dashboard.",
        ]),
      ],
      education: [
        school("B.S. Computer Science", "Kennesaw State University", ym(2026, 5)),
      ],
    }),
  ];
}

// ---------------------------------------------------------------------------
// Job postings
// ---------------------------------------------------------------------------

export function makeJobPostings() {
  return [
    // --- Python backend
    posting("Senior Python Backend Engineer", "Pinecrest Software", "Austin, TX", "Senior", "active",
      "Python, Django, PostgreSQL, AWS, Kubernetes, Docker, Redis, REST APIs",
      [
        "5+ years of professional Python experience",
        "Production experience with Django or FastAPI",
        "Hands-on experience deploying services on AWS",
        "Familiarity with Kubernetes and containerized deployments",
        "Bachelor's degree in Computer Science or equivalent experience",
      ],
      "Pinecrest Software builds scheduling and billing tools for field-service companies. As a senior backend engineer you will design Django services and APIs, own their deployment on AWS and Kubernetes, and mentor engineers on the team."),
    posting("Python Backend Engineer (Django)", "Larkspur Health Software", "Remote (US)", "Mid", "active",
      "Python, Django, Django REST Framework, PostgreSQL, Celery, Redis, pytest",
      [
        "3+ years of Python experience building web applications",
        "Strong knowledge of Django and relational database design",
        "Experience with asynchronous task queues such as Celery",
        "Comfort writing automated tests with pytest",
      ],
      "Join the team that builds Larkspur's patient-scheduling platform. You will extend our Django REST APIs, improve background processing and help keep a HIPAA-compliant codebase clean and well tested."),
    posting("Backend Engineer, Python/FastAPI", "Quayside Payments", "New York, NY", "Mid", "active",
      "Python, FastAPI, PostgreSQL, Kafka, Docker, AWS, gRPC",
      [
        "3+ years of backend development experience in Python",
        "Experience designing REST or gRPC APIs",
        "Familiarity with event streaming platforms such as Kafka",
        "Experience with payments or other regulated domains is a plus",
      ],
      "Quayside processes card payments for small businesses. Our ledger team builds high-throughput FastAPI services that move money safely, and we are looking for an engineer who cares about correctness and observability."),
    posting("Senior Software Engineer, Platform (Python/AWS)", "Kestrel Cloud Systems", "Seattle, WA", "Senior", "active",
      "Python, AWS, Terraform, Kubernetes, Docker, CI/CD, PostgreSQL, Go",
      [
        "6+ years of software engineering experience, mostly in Python",
        "Deep experience with AWS services and infrastructure as code with Terraform",
        "Experience operating workloads on Kubernetes",
        "Track record of leading projects across teams",
      ],
      "Our platform team builds the internal tools that let 200 engineers ship safely. You will design Python services and Terraform modules, improve our Kubernetes deployment pipeline and set technical direction with other senior engineers."),
    posting("Junior Python Developer", "Bramblewood Analytics", "Columbus, OH", "Entry", "active",
      "Python, SQL, Flask, Git, pandas, REST APIs",
      [
        "Bachelor's degree in Computer Science or a related field, or equivalent experience",
        "Working knowledge of Python and SQL",
        "Familiarity with Git and code review",
        "Eagerness to learn and to ask questions",
      ],
      "Bramblewood builds retail analytics dashboards. As a junior developer you will write Python data pipelines and Flask APIs alongside experienced engineers, with a structured mentorship plan for your first year."),
    posting("Staff Backend Engineer (Python)", "Lumenfield", "San Francisco, CA", "Senior", "closed",
      "Python, Django, PostgreSQL, AWS, Kubernetes, Kafka, System Design",
      [
        "8+ years of backend engineering experience",
        "Expert-level Python and experience scaling Django applications",
        "Experience designing distributed systems on AWS",
        "Demonstrated technical leadership across multiple teams",
      ],
      "Lumenfield is hiring a staff engineer to shape the architecture of our analytics platform, lead the migration to event-driven services and raise the engineering bar across the backend organisation."),

    // --- Java backend
    posting("Senior Java Engineer (Spring Boot)", "Fernhill Bank", "Charlotte, NC", "Senior", "active",
      "Java, Spring Boot, Microservices, Kafka, Oracle Database, Kubernetes, JUnit",
      [
        "6+ years of Java development experience",
        "Strong experience with Spring Boot and microservice architecture",
        "Experience with messaging systems such as Kafka or MQ",
        "Experience in banking or financial services preferred",
      ],
      "Fernhill Bank's payments technology group is modernising core transfer systems. You will design Spring Boot microservices, lead code reviews and work with architects on our move to Kubernetes."),
    posting("Java Backend Developer", "Ironbridge Insurance Group", "Hartford, CT", "Mid", "active",
      "Java, Spring Boot, Hibernate, SQL, REST APIs, Maven, Docker",
      [
        "3+ years of experience developing Java applications",
        "Experience with Spring and Hibernate",
        "Solid SQL skills with Oracle or PostgreSQL",
        "Experience writing unit and integration tests",
      ],
      "Help Ironbridge rebuild its policy administration platform as modern Spring Boot services. You will work in a cross-functional agile team with product owners and QA engineers."),
    posting("Associate Java Developer", "Granite Peak Supply", "Dallas, TX", "Entry", "closed",
      "Java, Spring, SQL, Git, REST APIs",
      [
        "Bachelor's degree in Computer Science or related field",
        "Coursework or internship experience with Java",
        "Basic understanding of relational databases",
      ],
      "An entry-level role on the team that builds Granite Peak's ordering and inventory systems, with training in Spring and our development practices."),

    // --- Frontend / full-stack
    posting("Senior Frontend Engineer (React/TypeScript)", "Redwood Cart", "Denver, CO", "Senior", "active",
      "React, TypeScript, JavaScript, Next.js, CSS, Jest, GraphQL, Accessibility (WCAG)",
      [
        "5+ years of frontend development experience",
        "Expert knowledge of React and TypeScript",
        "Experience building and maintaining component libraries",
        "Strong understanding of web accessibility and performance",
      ],
      "Redwood Cart powers online stores for independent retailers. You will lead frontend architecture for the storefront and checkout, partner closely with design and mentor other engineers."),
    posting("Full-Stack JavaScript Engineer (React/Node)", "Saltmarsh Labs", "San Diego, CA", "Mid", "active",
      "JavaScript, TypeScript, React, Node.js, Express, PostgreSQL, Docker",
      [
        "3+ years of full-stack experience with React and Node.js",
        "Experience designing REST APIs and relational schemas",
        "Comfortable working in a small team with broad ownership",
      ],
      "Saltmarsh builds software for marine research labs. As one of six engineers you will ship features end to end, from React screens to Node APIs and PostgreSQL migrations."),
    posting("Junior Frontend Developer", "Copperline Media", "Remote (US)", "Entry", "closed",
      "HTML, CSS, JavaScript, React, Git",
      [
        "A portfolio of web projects using HTML, CSS and JavaScript",
        "Some experience with React",
        "Good communication skills and attention to detail",
      ],
      "Copperline builds websites and dashboards for media clients. Junior developers start on landing pages and component work and grow into full feature ownership."),

    // --- Data science / ML
    posting("Senior Data Scientist", "Brightpath Insurance", "Boston, MA", "Senior", "active",
      "Python, Machine Learning, SQL, scikit-learn, Statistics, A/B Testing, Spark",
      [
        "5+ years of experience applying machine learning to business problems",
        "Master's or PhD in Statistics, Computer Science or a quantitative field",
        "Strong SQL and Python skills",
        "Experience communicating results to non-technical stakeholders",
      ],
      "Lead modelling projects for pricing, claims fraud and customer retention. You will own models from problem framing through deployment and monitoring."),
    posting("Machine Learning Engineer", "Lumenfield", "Remote (US)", "Mid", "active",
      "Python, PyTorch, MLOps, Docker, Kubernetes, AWS, SQL, NLP",
      [
        "3+ years of experience building and deploying ML models",
        "Strong Python and experience with PyTorch or TensorFlow",
        "Experience with model serving and monitoring in production",
        "Familiarity with cloud platforms such as AWS",
      ],
      "Build the NLP models and serving infrastructure behind Lumenfield's automated ticket routing and search features."),
    posting("Data Analyst", "Bramblewood Analytics", "Columbus, OH", "Entry", "active",
      "SQL, Excel, Tableau, Python, Statistics",
      [
        "Bachelor's degree in a quantitative field",
        "Proficiency with SQL and spreadsheets",
        "Experience with a visualisation tool such as Tableau or Power BI",
      ],
      "Turn retail sales data into clear dashboards and analyses for our clients, working with senior analysts and data engineers."),

    // --- DevOps / SRE
    posting("Senior Site Reliability Engineer", "Kestrel Cloud Systems", "Seattle, WA", "Senior", "active",
      "AWS, Kubernetes, Terraform, Prometheus, Grafana, Linux, Python, Go",
      [
        "6+ years of experience in SRE, DevOps or infrastructure engineering",
        "Deep hands-on experience with AWS and Kubernetes in production",
        "Infrastructure as code with Terraform",
        "Experience leading incident response and post-incident reviews",
      ],
      "Keep Kestrel's multi-region platform reliable. You will own SLOs, automate toil away, improve observability and lead our on-call practice."),
    posting("DevOps Engineer (AWS/Terraform)", "Quayside Payments", "New York, NY", "Mid", "active",
      "AWS, Terraform, Docker, CI/CD, GitHub Actions, Linux, Bash, Python",
      [
        "3+ years of DevOps or cloud engineering experience",
        "Experience managing AWS infrastructure with Terraform",
        "Experience building CI/CD pipelines",
        "AWS certification is a plus",
      ],
      "Build and maintain the AWS infrastructure and delivery pipelines behind Quayside's payment services, with a strong focus on security and compliance."),
    posting("Cloud Infrastructure Engineer (Kubernetes)", "Orbitline Mobile", "Austin, TX", "Mid", "active",
      "Kubernetes, Helm, Docker, AWS, Argo CD, Prometheus, Terraform",
      [
        "3+ years of experience operating Kubernetes clusters",
        "Experience with Helm and GitOps tooling such as Argo CD",
        "Solid Linux and networking fundamentals",
        "CKA certification preferred",
      ],
      "Run the Kubernetes platform that hosts Orbitline's mobile back ends, and help product teams deploy quickly and safely."),
    posting("Platform Engineer", "Pinecrest Software", "Remote (US)", "Mid", "closed",
      "Kubernetes, Terraform, AWS, Docker, Python, CI/CD",
      [
        "3+ years of platform or infrastructure experience",
        "Experience with Terraform and a major cloud provider",
        "Scripting experience in Python or Bash",
      ],
      "Build self-service infrastructure and deployment tooling for Pinecrest's product engineering teams."),

    // --- Mobile
    posting("Senior iOS Engineer", "Pebblestone Fitness", "Portland, OR", "Senior", "active",
      "Swift, SwiftUI, UIKit, iOS, Combine, Core Data, XCTest",
      [
        "5+ years of native iOS development experience",
        "Expert knowledge of Swift, with SwiftUI experience",
        "Apps published on the App Store",
        "Experience mentoring other engineers",
      ],
      "Lead development of Pebblestone's iOS app used by over a million people to plan and track workouts."),
    posting("Android Developer", "Redwood Cart", "Denver, CO", "Mid", "active",
      "Kotlin, Android, Jetpack Compose, Coroutines, Room, Gradle, Firebase",
      [
        "3+ years of Android development with Kotlin",
        "Experience with Jetpack Compose",
        "Understanding of MVVM and modern Android architecture components",
      ],
      "Build new shopping and merchant features in Redwood Cart's Android apps and help modernise the codebase."),
    posting("React Native Mobile Developer", "Saltmarsh Labs", "San Diego, CA", "Mid", "closed",
      "React Native, JavaScript, TypeScript, iOS, Android, REST APIs",
      [
        "3+ years of mobile development experience",
        "Shipped at least one React Native app to production",
        "Familiarity with native iOS or Android tooling",
      ],
      "Build the field-data collection app that marine researchers use on research vessels, including offline sync."),

    // --- Nursing
    posting("ICU Registered Nurse", "Scioto Valley Medical Center", "Columbus, OH", "Mid", "active",
      "Critical Care Nursing, Ventilator Management, Hemodynamic Monitoring, Patient Assessment, IV Therapy, Epic EHR, Sepsis Management",
      [
        "BSN and active RN license in Ohio or a compact state",
        "2+ years of ICU experience",
        "Current ACLS and BLS certification",
        "CCRN certification preferred",
      ],
      "Provide expert care to critically ill adults in our 24-bed medical-surgical ICU. Three 12-hour shifts per week with rotating weekends; sign-on bonus available."),
    posting("Registered Nurse – Medical/Surgical", "Desert Bloom Regional Hospital", "Phoenix, AZ", "Entry", "active",
      "Patient Assessment, Medication Administration, Wound Care, IV Therapy, Patient Education, Cerner EHR",
      [
        "Active RN license in Arizona or a compact state",
        "BSN preferred; ADN considered with enrolment in a BSN program",
        "Current BLS certification",
        "New graduates welcome",
      ],
      "Care for adult medical and surgical patients on a supportive unit with a strong preceptor program and tuition assistance."),
    posting("Charge Nurse – Emergency Department", "Riverside Community Hospital", "Columbus, OH", "Senior", "active",
      "Emergency Nursing, Triage, Charge Nurse Duties, Patient Assessment, Trauma Care, Team Leadership",
      [
        "BSN and active RN license",
        "5+ years of emergency department nursing experience",
        "Current ACLS, PALS and BLS certification",
        "Previous charge nurse experience",
      ],
      "Lead shift operations in a busy Level II trauma center, coordinating patient flow, staffing and escalations."),
    posting("Travel ICU RN (13 weeks)", "Meadowlark Staffing Partners", "Denver, CO", "Mid", "active",
      "Critical Care Nursing, Ventilator Management, CRRT, Hemodynamic Monitoring, Patient Assessment",
      [
        "Active RN license (compact license preferred)",
        "2+ years of recent ICU experience",
        "Current ACLS and BLS certification",
      ],
      "Thirteen-week travel assignment in a cardiovascular ICU with housing stipend and guaranteed hours."),
    posting("New Graduate RN Residency", "Northstar Regional Health", "Minneapolis, MN", "Entry", "active",
      "Patient Assessment, Medication Administration, Patient Education, Epic EHR, Teamwork",
      [
        "BSN from an accredited program completed within the last 12 months",
        "RN license or NCLEX scheduled before start date",
        "Current BLS certification",
      ],
      "A twelve-month residency for newly licensed nurses with classroom learning, preceptorship and rotations across acute care units."),
    posting("Nurse Manager, Cardiac ICU", "Scioto Valley Medical Center", "Columbus, OH", "Senior", "closed",
      "Critical Care Nursing, Team Leadership, Staffing and Scheduling, Quality Improvement, Budgeting",
      [
        "BSN required; MSN preferred",
        "Active RN license",
        "5+ years of critical care experience with 2+ years in leadership",
      ],
      "Lead a team of 60 nurses and support staff in the cardiac ICU, with responsibility for quality, staffing and the unit budget."),

    // --- Accounting / finance
    posting("Senior Accountant", "Sable & Finch Manufacturing", "Chicago, IL", "Mid", "active",
      "GAAP, Month-End Close, Account Reconciliation, NetSuite, Excel, Financial Reporting",
      [
        "Bachelor's degree in Accounting",
        "CPA license or actively pursuing",
        "4+ years of corporate accounting or public accounting experience",
        "Experience with NetSuite or a comparable ERP",
      ],
      "Own the close for several entities, prepare reconciliations and journal entries, and support audits and process improvements."),
    posting("Staff Accountant", "Holloway Kerr LLP", "Chicago, IL", "Entry", "active",
      "Accounting, GAAP, Excel, QuickBooks, Account Reconciliation",
      [
        "Bachelor's degree in Accounting or Finance",
        "Solid understanding of GAAP",
        "Strong Excel skills",
      ],
      "Support client bookkeeping, reconciliations and year-end work in a growing accounting firm with CPA exam support."),
    posting("Financial Analyst, FP&A", "Pinecrest Software", "Austin, TX", "Mid", "active",
      "Financial Modeling, Forecasting, Budgeting, Excel, Variance Analysis, SQL, Tableau",
      [
        "3+ years of FP&A, investment banking or corporate finance experience",
        "Advanced Excel and financial modeling skills",
        "Experience with SaaS metrics preferred",
      ],
      "Build forecasts and operating plans with business leaders and prepare monthly reporting for the executive team."),
    posting("Accounting Manager", "Granite Peak Supply", "Dallas, TX", "Senior", "closed",
      "GAAP, Month-End Close, Team Leadership, SAP, Financial Reporting, Internal Controls",
      [
        "CPA required",
        "7+ years of accounting experience with 2+ years managing a team",
        "Experience with SOX controls",
      ],
      "Lead the general ledger team, own the consolidated close and maintain internal controls."),

    // --- Sales
    posting("Account Executive (SaaS)", "Lumenfield", "Remote (US)", "Mid", "active",
      "B2B Sales, Salesforce, Prospecting, Negotiation, Pipeline Management, MEDDIC",
      [
        "3+ years of quota-carrying B2B SaaS sales experience",
        "Track record of meeting or exceeding quota",
        "Experience with Salesforce and a structured sales methodology",
      ],
      "Sell Lumenfield's analytics platform to mid-market companies, running deals from discovery to close."),
    posting("Senior Enterprise Account Executive", "Kestrel Cloud Systems", "New York, NY", "Senior", "active",
      "Enterprise Sales, Salesforce, Negotiation, Account Management, Contract Negotiation, Forecasting",
      [
        "7+ years of enterprise software sales experience",
        "Experience closing six- and seven-figure deals",
        "Experience selling to technical buyers",
      ],
      "Own a territory of Fortune 1000 accounts and lead complex, multi-stakeholder sales cycles."),
    posting("Sales Development Representative", "Pinecrest Software", "Austin, TX", "Entry", "active",
      "Prospecting, Cold Calling, Salesforce, Communication, HubSpot",
      [
        "Bachelor's degree or equivalent experience",
        "Excellent written and verbal communication",
        "Interest in a career in technology sales",
      ],
      "Generate qualified pipeline for account executives through outbound calls and email, with a clear promotion path."),

    // --- UX / UI design
    posting("Senior Product Designer", "Orbitline Mobile", "Austin, TX", "Senior", "active",
      "Figma, Interaction Design, Prototyping, User Research, Design Systems, Usability Testing",
      [
        "5+ years of product design experience",
        "A portfolio showing end-to-end design of shipped products",
        "Experience leading user research",
      ],
      "Lead design for Orbitline's consumer mobile apps and shape the design system used across the company."),
    posting("UX/UI Designer", "Copperline Media", "Remote (US)", "Mid", "active",
      "Figma, Wireframing, Prototyping, UI Design, Accessibility (WCAG), Adobe Creative Suite",
      [
        "3+ years of UX or UI design experience",
        "Strong portfolio of web and mobile work",
        "Understanding of accessibility standards",
      ],
      "Design websites and dashboards for media clients, from wireframes through high-fidelity prototypes."),
    posting("UX Researcher", "Brightpath Insurance", "Boston, MA", "Mid", "closed",
      "User Research, Usability Testing, Interviewing, Survey Design, Data Analysis",
      [
        "3+ years of UX research experience",
        "Experience with qualitative and quantitative research methods",
        "A portfolio or case studies showing how research changed product decisions",
      ],
      "Plan and run research that shapes Brightpath's customer claims experience."),

    // --- Warehouse / logistics
    posting("Warehouse Supervisor", "Cobalt Harbor Logistics", "Fort Worth, TX", "Mid", "active",
      "Warehouse Operations, Team Leadership, Inventory Management, OSHA Safety, WMS, Shipping and Receiving",
      [
        "3+ years of warehouse experience including 1+ year in a supervisory role",
        "Experience with a warehouse management system",
        "Forklift certification or willingness to obtain",
        "Ability to work night shifts",
      ],
      "Lead a shift of 30+ associates in a high-volume e-commerce fulfilment center, with responsibility for safety, productivity and accuracy."),
    posting("Logistics Coordinator", "Granite Peak Supply", "Dallas, TX", "Entry", "active",
      "Logistics, Shipping and Receiving, Excel, Communication, Inventory Management",
      [
        "High school diploma; associate degree in supply chain preferred",
        "Strong organisational skills",
        "Experience with Excel",
      ],
      "Schedule inbound and outbound freight, track shipments and work with carriers to resolve delays."),
    posting("Warehouse Associate – Forklift Operator", "Cobalt Harbor Logistics", "Memphis, TN", "Entry", "active",
      "Forklift Operation, Picking and Packing, Shipping and Receiving, OSHA Safety, Inventory Management, RF Scanners",
      [
        "Forklift certification preferred",
        "Ability to lift up to 50 lbs",
        "Commitment to safe work practices",
      ],
      "Move, pick and load freight safely in a modern distribution center; weekly pay and shift differentials."),

    // --- Teaching
    posting("High School Mathematics Teacher", "Westerville City Schools", "Westerville, OH", "Mid", "active",
      "Mathematics Instruction, Classroom Management, Curriculum Development, Differentiated Instruction, Student Assessment",
      [
        "Ohio teaching license in Mathematics (grades 7-12)",
        "3+ years of classroom teaching experience",
        "Experience teaching AP or honors courses preferred",
      ],
      "Teach Algebra, Geometry and AP Calculus in a collaborative department with strong community support."),
    posting("Elementary School Teacher (Grade 3)", "Maple Grove Elementary", "Raleigh, NC", "Entry", "active",
      "Classroom Management, Lesson Planning, Literacy Instruction, Parent Communication, Differentiated Instruction",
      [
        "Bachelor's degree in Elementary Education",
        "North Carolina teaching license or eligibility",
        "Student teaching experience",
      ],
      "Teach a third-grade class in a school known for its literacy program and mentoring for new teachers."),
    posting("Instructional Coach, Mathematics", "Westerville City Schools", "Westerville, OH", "Senior", "closed",
      "Curriculum Development, Teacher Coaching, Data Analysis, Mathematics Instruction, Professional Development",
      [
        "Master's degree in Education",
        "7+ years of mathematics teaching experience",
        "Experience leading professional development",
      ],
      "Coach mathematics teachers across three schools and lead district curriculum work."),

    // --- HR / recruiting
    posting("Technical Recruiter", "Pinecrest Software", "Austin, TX", "Mid", "active",
      "Full-Cycle Recruiting, Sourcing, Greenhouse, LinkedIn Recruiter, Interviewing",
      [
        "3+ years of technical recruiting experience",
        "Experience hiring software engineers",
        "Familiarity with an applicant tracking system such as Greenhouse",
      ],
      "Partner with engineering leaders to hire backend, frontend and data engineers as Pinecrest grows."),
    posting("HR Generalist", "Northstar Regional Health", "Minneapolis, MN", "Mid", "active",
      "Employee Relations, Onboarding, HR Compliance, Workday, Benefits Administration",
      [
        "3+ years of HR generalist experience",
        "Knowledge of employment law",
        "SHRM-CP or PHR preferred",
      ],
      "Support employees and managers across two hospital campuses with onboarding, employee relations and HR programs."),
    posting("HR Business Partner", "Fernhill Bank", "Charlotte, NC", "Senior", "closed",
      "Employee Relations, Talent Management, Organizational Development, Compensation, Coaching",
      [
        "7+ years of HR experience including business-partner roles",
        "SHRM-SCP or SPHR preferred",
        "Experience supporting leaders through reorganisations and change",
      ],
      "Advise leaders in the technology division on talent, organisation design and performance."),

    // --- Marketing
    posting("Digital Marketing Manager", "Pebblestone Fitness", "Portland, OR", "Mid", "active",
      "SEO, Google Ads, Paid Social, Google Analytics, Email Marketing, A/B Testing",
      [
        "4+ years of digital marketing experience",
        "Hands-on experience managing paid media budgets",
        "Strong analytical skills with Google Analytics",
      ],
      "Own acquisition channels for Pebblestone's subscription app, from paid search and social to SEO and lifecycle email."),
    posting("Content Marketing Specialist", "Copperline Media", "Remote (US)", "Entry", "active",
      "Copywriting, Content Strategy, SEO, WordPress, Social Media",
      [
        "Bachelor's degree in Marketing, Communications or English",
        "Excellent writing skills with a portfolio of samples",
        "Basic understanding of SEO",
      ],
      "Write blog posts, case studies and social content for Copperline and its clients."),
    posting("Senior Growth Marketing Manager", "Redwood Cart", "Denver, CO", "Senior", "active",
      "Growth Marketing, A/B Testing, SQL, Google Analytics, HubSpot, Lifecycle Marketing, Paid Acquisition",
      [
        "6+ years of growth or performance marketing experience",
        "Experience running experiments and analysing results with SQL",
        "Experience leading a small team",
      ],
      "Lead experimentation across the funnel to grow merchant sign-ups and retention."),
  ];
}
