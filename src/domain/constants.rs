//! Every weight, threshold and limit used by the domain rules, in one place. (How long cached
//! results live is the store's business: `store::ttl`.)
//!
//! Scores are on a 0–100 scale. Curves are `(x, score)` points sorted by `x`;
//! values between points are interpolated linearly and values outside the
//! range take the nearest end point (see `scoring::piecewise_linear`).

use super::labels::{Grade, RecommendationLevel};

// ---------------------------------------------------------------------------
// Resume score: overall = Σ weight × component (components are 0–100)
// ---------------------------------------------------------------------------

/// Weight of the completeness component (which sections are filled in).
pub const COMPLETENESS_WEIGHT: f64 = 0.30;
/// Weight of the experience component (total years of work).
pub const EXPERIENCE_WEIGHT: f64 = 0.30;
/// Weight of the skills component (number of distinct skills).
pub const SKILLS_WEIGHT: f64 = 0.30;
/// Weight of the certifications component. Lowest because many good
/// resumes in many fields legitimately have none.
pub const CERTIFICATIONS_WEIGHT: f64 = 0.10;

// Completeness: points per present field or section; they sum to 100.

/// First and last name both present.
pub const COMPLETENESS_NAME_POINTS: f64 = 10.0;
/// Email present.
pub const COMPLETENESS_EMAIL_POINTS: f64 = 10.0;
/// Phone present.
pub const COMPLETENESS_PHONE_POINTS: f64 = 5.0;
/// Professional summary present.
pub const COMPLETENESS_SUMMARY_POINTS: f64 = 15.0;
/// At least one skill.
pub const COMPLETENESS_SKILLS_POINTS: f64 = 15.0;
/// At least one work-experience entry.
pub const COMPLETENESS_WORK_POINTS: f64 = 15.0;
/// Quality signal: share of work entries that list responsibilities,
/// so 2 of 4 described entries earn half of these points.
pub const COMPLETENESS_RESPONSIBILITIES_POINTS: f64 = 10.0;
/// At least one education entry.
pub const COMPLETENESS_EDUCATION_POINTS: f64 = 15.0;
/// At least one certification (also scored by its own component, so small here).
pub const COMPLETENESS_CERTIFICATIONS_POINTS: f64 = 5.0;

/// Years of experience → experience score. Saturates at 10 years.
pub const EXPERIENCE_SCORE_CURVE: &[(f64, f64)] = &[
    (0.0, 0.0),
    (1.0, 40.0),
    (2.0, 55.0),
    (5.0, 80.0),
    (10.0, 100.0),
];

/// Number of distinct skills (after normalisation) → skills score. Saturates at 15.
pub const SKILLS_SCORE_CURVE: &[(f64, f64)] = &[
    (0.0, 0.0),
    (3.0, 45.0),
    (6.0, 70.0),
    (10.0, 90.0),
    (15.0, 100.0),
];

/// Number of certifications → certifications score. Saturates at 5.
pub const CERTIFICATIONS_SCORE_CURVE: &[(f64, f64)] = &[
    (0.0, 0.0),
    (1.0, 50.0),
    (2.0, 75.0),
    (3.0, 90.0),
    (5.0, 100.0),
];

/// A score component at or above this is reported as a strength;
/// below it, skills and certifications get an "add more" improvement.
pub const STRENGTH_THRESHOLD: f64 = 80.0;

/// Maximum number of `"Learn <Skill>"` recommendations.
pub const MAX_RECOMMENDATIONS: usize = 5;

/// Maximum number of skills named in one strength/improvement sentence;
/// the rest are summarised as "and N more".
pub const MAX_SKILLS_IN_SENTENCE: usize = 3;

/// Letter grades, highest first: a score gets the first grade whose lower
/// bound it reaches. Bounds follow the seed scale (A+ 95–100 … F 0–59).
pub const GRADE_BOUNDARIES: &[(f64, Grade)] = &[
    (95.0, Grade::APlus),
    (90.0, Grade::A),
    (85.0, Grade::BPlus),
    (80.0, Grade::B),
    (75.0, Grade::CPlus),
    (70.0, Grade::C),
    (60.0, Grade::D),
    (0.0, Grade::F),
];

// ---------------------------------------------------------------------------
// Experience
// ---------------------------------------------------------------------------

/// End-date words (case-insensitive, trimmed) meaning "still working here".
pub const PRESENT_KEYWORDS: &[&str] = &["present", "current", "now"];

/// Average days per year including leap years.
pub const DAYS_PER_YEAR: f64 = 365.25;

// ---------------------------------------------------------------------------
// Resume ↔ job matching: match = Σ weight × sub-score (sub-scores are 0–100)
// ---------------------------------------------------------------------------

/// Weight of the skills similarity in the match percentage (seed algorithm).
pub const SKILLS_MATCH_WEIGHT: f64 = 0.65;
/// Weight of the experience similarity in the match percentage (seed algorithm).
/// The requirements similarity is informational only and has no weight.
pub const EXPERIENCE_MATCH_WEIGHT: f64 = 0.35;

/// Recommendation levels, highest first: a match percentage gets the first
/// level whose lower bound it reaches (the seed's 72.1 → "Good Match").
pub const RECOMMENDATION_LEVELS: &[(f64, RecommendationLevel)] = &[
    (80.0, RecommendationLevel::Excellent),
    (65.0, RecommendationLevel::Good),
    (50.0, RecommendationLevel::Fair),
    (0.0, RecommendationLevel::Poor),
];

/// How many results `batch_compare` and `get_recommendations` return when the caller
/// gives no limit (the seed's CLI examples use 20).
pub const DEFAULT_RESULT_LIMIT: usize = 20;
/// The largest limit accepted; larger asks are a caller's mistake, not a wish for everything.
pub const MAX_RESULT_LIMIT: usize = 10_000;

/// A match sub-score at or above this is reported as a strength.
pub const MATCH_STRENGTH_THRESHOLD: f64 = 70.0;
/// A match sub-score below this gets an improvement.
pub const MATCH_IMPROVEMENT_THRESHOLD: f64 = 50.0;

/// Cosine similarity at or above which a resume skill counts as the same
/// skill as a job skill ("JS" ≈ "JavaScript" 0.83, "CPA" ≈ "Certified Public
/// Accountant" 0.76, "NLP" ≈ "Natural Language Processing" 0.71). Calibrated on
/// all-mpnet-base-v2: distinct skills that are close cousins stay below it
/// ("Sales"/"Marketing" 0.70, "iOS"/"Android" 0.68, "Java"/"JavaScript" 0.68,
/// "TensorFlow"/"PyTorch" 0.63); `tests/integration/skill_threshold.rs` re-checks both sides.
pub const SKILL_SIMILARITY_THRESHOLD: f32 = 0.71;

/// Well-known abbreviations and their full names (normalised forms). The model
/// cannot be relied on for these ("K8s"/"Kubernetes" 0.26, "TS"/"TypeScript"
/// 0.34), so skill matching expands them before comparing names.
pub const SKILL_ALIASES: &[(&str, &str)] = &[
    ("js", "javascript"),
    ("ts", "typescript"),
    ("k8s", "kubernetes"),
    ("aws", "amazon web services"),
    ("gcp", "google cloud platform"),
    ("ml", "machine learning"),
    ("ai", "artificial intelligence"),
    ("nlp", "natural language processing"),
    ("golang", "go"),
    ("postgres", "postgresql"),
    ("mongo", "mongodb"),
    ("ci/cd", "continuous integration"),
    ("rn", "registered nurse"),
    ("cpa", "certified public accountant"),
    ("ux", "user experience"),
    ("ui", "user interface"),
    ("dotnet", ".net"),
];

// ---------------------------------------------------------------------------
// Skills read from free text (see `extraction`, `taxonomy`)
// ---------------------------------------------------------------------------

/// Longest phrase embedded when reading skills from text, in words: ESCO's names are short
/// ("manage budgets", "use spreadsheets software"); a longer run is cut into pieces.
pub const EXTRACTION_MAX_PHRASE_WORDS: usize = 6;
/// Concepts kept per phrase when reading skills from text: a phrase rarely names more.
pub const EXTRACTION_NEAREST_PER_PHRASE: usize = 5;
/// Score at or above which a phrase's nearest concept is reported as found in the text.
/// Tuned with [`EXTRACTION_SENTENCE_WEIGHT`] on the validation files of Decorte et al.'s
/// skill-extraction benchmark (`npm run bench:real`): 0.60–0.70 are within 0.01 of the best
/// F1 there; higher trades recall for precision.
pub const EXTRACTION_MIN_SCORE: f32 = 0.65;
/// Weight of the sentence's cosine with a concept in a phrase's score (the phrase's own
/// cosine weighs the rest): 0.35–0.5 gave the best F1 and RP@5 on the same validation files,
/// 0 (the phrase alone) 0.03 less F1.
pub const EXTRACTION_SENTENCE_WEIGHT: f32 = 0.35;
/// Least cosine between a sentence and an ESCO concept for one of the concept's alternative
/// labels, found in that sentence by its words, to count as naming it. ESCO's alternative
/// labels include everyday words ("design" for *think creatively*, "processes" for *perform
/// ground-handling maintenance procedures*): on the validation files of the same benchmark,
/// 25 of 31 such hits in the tech file and 24 of 28 in the other were wrong. With the model
/// at hand, the sentence decides; 0.30–0.55 all gave within 0.01 of the best F1 there, 0.40
/// the best in both files. Preferred names, and aliases of the technology layer's own tools
/// (`kind: 'tool'`), need no context.
pub const EXTRACTION_ALIAS_MIN_CONTEXT: f32 = 0.40;
/// Skills `extractSkills` returns unless told otherwise.
pub const EXTRACTION_DEFAULT_LIMIT: usize = 30;

// ---------------------------------------------------------------------------
// Job clusters, similar jobs, market insights and skill gaps (see `clustering`, `market`,
// `skill_gap`)
// ---------------------------------------------------------------------------

/// Smallest k tried when `clusterJobs` chooses k itself.
pub const AUTO_K_MIN: usize = 2;
/// Largest k tried when `clusterJobs` chooses k itself: more families than this are not a
/// summary of a board any more.
pub const AUTO_K_MAX: usize = 20;
/// When choosing k, clusters average at least this many postings (k ≤ postings / 3): a
/// "family" of one or two postings is not one.
pub const MIN_MEAN_CLUSTER_SIZE: usize = 3;
/// The largest k a caller may ask for.
pub const MAX_CLUSTERS: usize = 200;
/// K-means restarts (k-means++ seeding each) of the clustering returned, the run with the
/// lowest inertia winning: as many as fit a budget of postings × k (so a small board gets
/// the full 10 and one of 10,000 postings in 20 clusters gets 3), never fewer than 3.
pub const KMEANS_RESTARTS: (usize, usize) = (3, 10);
pub const KMEANS_RESTART_BUDGET: usize = 600_000;
/// Restarts of each trial k when k is chosen by silhouette (k-means++ alone is usually
/// near the best; the trials only rank the ks).
pub const AUTO_K_RESTARTS: usize = 2;
/// Lloyd iterations at most per restart (they usually converge in far fewer).
pub const KMEANS_MAX_ITERATIONS: usize = 100;
/// Power iterations at most for the 2-D map of the board (`positions`); a picture needs
/// no more precision than they reach, and they stop early once both axes settle.
pub const PROJECTION_MAX_ITERATIONS: usize = 60;
/// Postings, drawn by the seed, on which k is chosen by silhouette and the silhouette is
/// reported: silhouette costs postings², and a sample of this size estimates it closely.
pub const SILHOUETTE_SAMPLE: usize = 1_500;
/// The seed used when the caller gives none.
pub const DEFAULT_CLUSTER_SEED: u32 = 42;
/// Skills listed per cluster (`topSkills`).
pub const CLUSTER_TOP_SKILLS: usize = 8;
/// A cached clustering is served while the postings it covered and the postings the filter
/// selects now differ by at most this share (symmetric difference over the current count).
pub const CLUSTER_CHANGE_TOLERANCE: f64 = 0.05;
/// How many postings `similarJobs` returns when the caller gives no limit.
pub const DEFAULT_SIMILAR_JOBS: usize = 10;
/// Skills listed in `marketInsights().skillDemand`, and locations in `locations`.
pub const INSIGHTS_TOP_SKILLS: usize = 30;
pub const INSIGHTS_TOP_LOCATIONS: usize = 10;
/// A cluster's skill-gap target: the skills at least this share of its postings ask for…
pub const CLUSTER_GAP_MIN_SHARE: f64 = 0.2;
/// …at most this many, most asked first.
pub const CLUSTER_GAP_MAX_SKILLS: usize = 20;
/// A missing skill whose closest resume skill has at least this cosine is "adjacent": it
/// earns that similarity as partial credit in a skill gap's coverage ("PyTorch" for a
/// "TensorFlow" ask, 0.63). Below it, unrelated skills ("Python"/"Excel" ≈ 0.3) earn nothing.
pub const ADJACENT_SKILL_SIMILARITY: f32 = 0.5;
/// Words dropped from titles when naming a cluster, so "Senior Data Engineer" and "Data
/// Engineer" name one family.
pub const FAMILY_NAME_DROPPED_WORDS: &[&str] = &[
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "principal",
    "staff",
    "head",
    "chief",
    "intern",
    "trainee",
    "entry",
    "level",
    "mid",
    "i",
    "ii",
    "iii",
    "iv",
];

// ---------------------------------------------------------------------------
// Per-document limits on what the model embeds (see `limits`; `configure({ limits })`)
// ---------------------------------------------------------------------------

/// Skills embedded per resume or posting (and so at most this many matched + missing
/// skills in a comparison). Real resumes and postings list far fewer.
pub const MAX_SKILLS_EMBEDDED: usize = 100;
/// Work entries embedded per resume (the experience years still count every entry).
pub const MAX_WORK_ENTRIES_EMBEDDED: usize = 15;
/// Responsibilities kept per work entry.
pub const MAX_RESPONSIBILITIES_PER_ENTRY: usize = 8;
/// Requirements embedded per posting.
pub const MAX_REQUIREMENTS_EMBEDDED: usize = 50;
/// Certifications embedded per resume.
pub const MAX_CERTIFICATIONS_EMBEDDED: usize = 30;
/// Characters kept of a name: a skill, a certification, a title, an experience level, a
/// location. Real ones are far shorter; a long one is not a name.
pub const MAX_NAME_CHARS: usize = 150;
/// Characters kept of a sentence: a responsibility or a requirement. Ordinary sentences are
/// far shorter; the model reads at most 384 tokens of any text anyway.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// Version of what the sections embed, stored in every cached result's limits fingerprint:
/// a result computed under another version is recomputed, not served. 2: a posting without
/// a skills list embeds its whole text as its skills section.
pub const SECTIONS_VERSION: u32 = 2;
/// Characters read of a free text: a posting's description, a resume's summary, a text
/// given to `extractSkills` (its skills, the factors, the document vector). About 3,000
/// words: the document vector reads only the first 1,600, and a 2 MB description must not
/// hold the compute queue. The cut is reported (`job.description`, `resume.summary`).
pub const MAX_FREE_TEXT_CHARS: usize = 20_000;
/// Words per window of a document vector: ~260 tokens of English, within the model's 384.
pub const DOCUMENT_WINDOW_WORDS: usize = 200;
/// Windows of a document vector: its first 1,600 words (a long posting's tail is benefits
/// and legal text).
pub const DOCUMENT_MAX_WINDOWS: usize = 8;

// ---------------------------------------------------------------------------
// Extended matching (`configure({ matching: 'extended' })`; see `factors`)
// ---------------------------------------------------------------------------

/// Weights of the extended match: the seed's match percentage and each factor's 0–100 score.
/// A factor without a score (unknown, or not asked by the posting) drops out and the others
/// are scaled up, so missing data never costs anything. They sum to 1. Skills count by
/// coverage and experience against the whole posting; the seed's mean-to-mean cosines keep a
/// small weight, because a long generic skill list sits near every resume's mean (a "hub").
pub const BLEND_SEED_MATCH: f64 = 0.15;
pub const BLEND_WEIGHTED_SKILLS: f64 = 0.25;
pub const BLEND_EXPERIENCE: f64 = 0.20;
pub const BLEND_SENIORITY: f64 = 0.15;
pub const BLEND_LOCATION: f64 = 0.10;
pub const BLEND_ROLE_TYPE: f64 = 0.07;
pub const BLEND_EDUCATION: f64 = 0.05;
pub const BLEND_SOFT_SKILLS: f64 = 0.03;
/// Share of the extended match taken by the document factor (the whole resume against the
/// whole posting), the weights above sharing the rest. Chosen on
/// `__test__/support/matching-set.mjs` (`__test__/matching.spec.mjs` prints nDCG@5): 0 / 0.10
/// / 0.15 / 0.25 / 0.35 gave 0.803 / 0.818 / 0.809 / 0.798 / 0.798 on the board, and 0.35 let
/// a hub above a fitting posting.
pub const BLEND_DOCUMENT: f64 = 0.10;

/// A work entry's weight in the experience factor halves every this many years after it ended.
pub const RECENCY_HALF_LIFE_YEARS: f64 = 5.0;
/// The weight of a work entry whose dates cannot be read.
pub const UNDATED_ENTRY_WEIGHT: f64 = 0.5;

/// Importance of a posting skill by how the posting asks for it: named in a requirement with
/// must-wording (or in the title), listed without wording, or wished for ("nice to have").
pub const MUST_HAVE_IMPORTANCE: f64 = 1.0;
pub const LISTED_SKILL_IMPORTANCE: f64 = 0.6;
pub const NICE_TO_HAVE_IMPORTANCE: f64 = 0.25;

/// Years of experience that fit each seniority level, `(from, to)`, for Intern, Entry, Mid,
/// Senior, Lead and Executive in that order (`factors::Seniority`'s); `to` is open for the
/// top. A posting's "5+ years" requirement moves `from` to 5.
pub const SENIORITY_YEAR_BANDS: [(f64, f64); 6] = [
    (0.0, 1.0),
    (0.0, 2.0),
    (2.0, 5.0),
    (5.0, 10.0),
    (8.0, 15.0),
    (10.0, f64::INFINITY),
];
/// Points lost per year short of a level's band (a 1-year junior for a 5-year senior role: 0).
pub const UNDER_QUALIFIED_POINTS_PER_YEAR: f64 = 25.0;
/// Points lost per year beyond a level's band, never below [`OVER_QUALIFIED_FLOOR`]: being
/// over-qualified is a weaker signal than lacking years.
pub const OVER_QUALIFIED_POINTS_PER_YEAR: f64 = 10.0;
pub const OVER_QUALIFIED_FLOOR: f64 = 40.0;
/// Years beyond a band before a resume counts as over-qualified.
pub const OVER_QUALIFIED_MARGIN_YEARS: f64 = 2.0;

/// Education scores when the resume's highest degree is below the posting's: one level below,
/// two or more below, below a degree the posting only prefers, below one it accepts "or
/// equivalent experience" for.
pub const EDUCATION_ONE_LEVEL_BELOW: f64 = 40.0;
pub const EDUCATION_LEVELS_BELOW: f64 = 15.0;
pub const EDUCATION_BELOW_PREFERRED: f64 = 85.0;
pub const EDUCATION_BELOW_FLEXIBLE: f64 = 75.0;

/// Location scores (a remote posting, or the same city, is 100).
pub const LOCATION_SAME_REGION_HYBRID: f64 = 70.0;
pub const LOCATION_SAME_REGION_ON_SITE: f64 = 60.0;
pub const LOCATION_OTHER_REGION_HYBRID: f64 = 25.0;
pub const LOCATION_OTHER_REGION_ON_SITE: f64 = 10.0;
/// A candidate who asks for remote work only, against a hybrid or an on-site posting.
pub const LOCATION_REMOTE_WANTED_HYBRID: f64 = 50.0;
pub const LOCATION_REMOTE_WANTED_ON_SITE: f64 = 20.0;

/// Role-type scores: same role, adjacent roles (Full Stack / Backend, Data / ML, …), others.
pub const ROLE_SAME: f64 = 100.0;
pub const ROLE_ADJACENT: f64 = 60.0;
pub const ROLE_DIFFERENT: f64 = 10.0;
/// A role guess needs at least this confidence (0–1) to be compared, and to beat the next role
/// by this margin.
pub const ROLE_MIN_CONFIDENCE: f64 = 0.2;
pub const ROLE_MIN_MARGIN: f64 = 0.05;
/// A role's evidence: its skill/title signature (share of the document's skills in the
/// signature, plus [`ROLE_TITLE_BONUS`] when the title names it) and its prototype's cosine
/// with the document's vectors, rescaled from [`ROLE_PROTOTYPE_COSINE`] to 0–1.
pub const ROLE_SIGNATURE_WEIGHT: f64 = 0.6;
pub const ROLE_PROTOTYPE_WEIGHT: f64 = 0.4;
pub const ROLE_TITLE_BONUS: f64 = 0.5;
pub const ROLE_PROTOTYPE_COSINE: (f64, f64) = (0.15, 0.6);
/// Full Stack without the words: frontend and backend signatures both at least this share.
pub const FULL_STACK_MIN_SHARE: f64 = 0.25;

/// A text needs this many common words of one language before its language is told.
pub const LANGUAGE_MIN_WORDS: usize = 4;

/// Extended recommendations re-rank this many of the seed's best per result asked (at least
/// [`EXTENDED_MIN_POOL`]): factors can lift a posting the seed ranked lower.
pub const EXTENDED_POOL_PER_RESULT: usize = 5;
pub const EXTENDED_MIN_POOL: usize = 50;
/// …and at most this many (or `limit`, when larger): each is compared in full.
pub const EXTENDED_MAX_POOL: usize = 500;

/// Collaborative filtering (item-to-item over `applications`): a posting is suggested when at
/// least this many other applicants who share an application with the user applied to it…
pub const CF_MIN_CO_APPLICANTS: usize = 2;
/// …and blends into the ranking as `(1 − w) × match + w × co-application score` (0–100).
pub const CF_BLEND_WEIGHT: f64 = 0.35;
/// Co-applied postings added to the candidates per result asked.
pub const CF_CANDIDATES_PER_RESULT: usize = 2;
/// Applications read per call at most (the user's co-applicants' histories).
pub const CF_MAX_APPLICATIONS: usize = 50_000;
