/* Hand-written: the error type every function rejects with. Everything below it, result
   types and their string unions included, is generated from src/binding. */

/** The `code` of every Error resume-ai rejects with. */
export type ErrorCode =
  | 'RESUME_NOT_FOUND'
  | 'JOB_NOT_FOUND'
  | 'INVALID_ID'
  | 'INVALID_ARGUMENT'
  | 'EMBEDDING_FAILED'
  | 'DB_UNAVAILABLE'
  | 'DB_ERROR'
  | 'ABORTED'
  | 'INTERNAL_ERROR'

export interface ResumeAiError extends Error {
  code: ErrorCode
}

/** The options of `backfillJobEmbeddings`, by the name earlier versions gave them. */
export type BackfillOptions = FilterOptions

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * A configuration of its own (database, collections, limits, matching) with every function
 * as a method. `precision` is process-wide: every client shares the one model.
 */
export declare class Client {
  /** Changes this client's configuration, as `configure` does the default client's. */
  configure(options: ConfigureOptions): void
  /** As the free `engineStats()`: the process's one model. */
  engineStats(): EngineStats
  /** As the free `metrics()`, with this client's catalogue. */
  metrics(): Promise<Metrics>
  /** Embeds texts with all-mpnet-base-v2: one L2-normalised 768-d `Float32Array` per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>
  /** Loads the model if it is not loaded yet and describes it. */
  modelInfo(): Promise<ModelInfo>
  /** Token ids exactly as the model sees them (special tokens included, truncated to maxTokens). */
  tokenize(texts: string[]): Promise<number[][]>
  /** `score_resume <resume_id>`: quality score 0–100, grade, breakdown, advice. */
  scoreResume(resumeId: string, opts?: CallOptions | undefined | null): Promise<ResumeScore>
  /** `generate_resume_embeddings <resume_id>`: mean embeddings of skills, workExperience, certifications. */
  generateResumeEmbeddings(resumeId: string, opts?: CallOptions | undefined | null): Promise<ResumeEmbeddings>
  /** `generate_job_embeddings <job_id>`: mean embeddings of jobTitle, skills, requirements, experienceLevel, location. */
  generateJobEmbeddings(jobId: string, opts?: CallOptions | undefined | null): Promise<JobEmbeddings>
  /** `compare_resume_job <resume_id> <job_id>`: match percentage, level, breakdown, skills. */
  compareResumeJob(resumeId: string, jobId: string, opts?: CallOptions | undefined | null): Promise<Comparison>
  /**
   * `batch_compare <resume_id> <job_ids> <limit>`: comparisons with the existing postings among
   * `jobIds`, best first, at most `limit` (default 20).
   */
  batchCompare(resumeId: string, jobIds: string[], limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<Comparison[]>
  /**
   * `get_recommendations <user_id> <resume_id> <limit>`: active postings the user has not
   * applied to, best match first, at most `limit` (default 20).
   */
  getRecommendations(userId: string, resumeId: string, limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<Comparison[]>
  /**
   * Embeds every posting matching `filter` (and among `jobIds` when given) that lacks fresh
   * cached embeddings. Processes sharing the database embed each new text once: see
   * `planBackfill` for a backfill split across workers.
   */
  backfillJobEmbeddings(opts?: FilterOptions | undefined | null): Promise<Backfill>
  /**
   * What `backfillJobEmbeddings` would embed, as chunks of posting ids (in id order, at most
   * `chunkSize` each, default 200) for the jobs of a queue: a worker backfills one chunk with
   * `backfillJobEmbeddings({ jobIds: chunk })`. Any number of workers, in any processes,
   * embed each new text once between them. Embeds nothing.
   */
  planBackfill(opts?: PlanBackfillOptions | undefined | null): Promise<BackfillPlan>
  /**
   * `cluster_jobs [k]`: families of active postings (k-means over their skills and title
   * vectors), each named, with its top skills and postings. Cached in `jobclusters`.
   */
  clusterJobs(opts?: ClusterOptions | undefined | null): Promise<JobClusters>
  /**
   * `similar_jobs <job_id> [limit]`: the active postings nearest to a posting (default 10),
   * most similar first.
   */
  similarJobs(jobId: string, limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<SimilarJob[]>
  /**
   * `market_insights`: skill demand, experience levels, locations, postings by status and the
   * clusters' top skills, over the active postings.
   */
  marketInsights(opts?: FilterOptions | undefined | null): Promise<MarketInsights>
  /**
   * `extract_skills <text>`: the skills a free text names on the taxonomy (ESCO and the tool
   * layer), by name and by embedding, best first.
   */
  extractSkills(text: string, opts?: ExtractSkillsOptions | undefined | null): Promise<SkillExtraction>
  /**
   * `skill_gap <resume_id> [job_id]`: the skills a posting (`{ jobId }`), a cluster of
   * `clusterJobs()` (`{ clusterId }`) or, by default, the cluster nearest to the resume asks
   * for that the resume lacks, most important first, each with the resume's closest skill.
   */
  skillGap(resumeId: string, target?: { jobId: string } | { clusterId: number } | undefined | null): Promise<SkillGap>
  /**
   * The Python service's CLI as a function: `run('score_resume', [id])` returns what
   * `python main.py score_resume <id>` printed. `force` applies to every command; the long
   * ones also accept `onProgress` and `signal`.
   */
  run(command: string, args: string[], opts?: LongCallOptions | undefined | null): Promise<ResumeScore | ResumeEmbeddings | JobEmbeddings | Comparison | Comparison[] | JobClusters | SimilarJob[] | MarketInsights | SkillGap>
  /**
   * Whether the configured database answers and which cache indexes it has (for deployment
   * checks: `resume-ai doctor`). Creates nothing; an unreachable server rejects with
   * `DB_UNAVAILABLE`.
   */
  databaseStatus(): Promise<DatabaseStatus>
  /**
   * `resume-ai init`: creates the cache collections' indexes (unique keys, TTLs) in the
   * configured database now instead of on the first call, and reports them. Safe to run
   * again; a user without the createIndex privilege gets `DB_ERROR` with the server's
   * message.
   */
  initDatabase(): Promise<DatabaseStatus>
  /** What the in-process catalogue of active postings holds, and what its last ranking cost. */
  catalogueStats(): Promise<CatalogueStats>
  /**
   * Writes the catalogue of active postings to the database as its snapshot now (listing
   * the postings first if this process has not), and returns the snapshot's bytes. Run it
   * after a backfill so that processes started next begin from it; listings also write one
   * when the database's is older than `catalogue.snapshotSeconds`.
   */
  saveCatalogueSnapshot(): Promise<number>
  /** The webhook path: drops the resume's cached embeddings, score and comparisons. */
  invalidateResume(resumeId: string): Promise<Invalidation>
  /** Drops the posting's cached embeddings and comparisons. */
  invalidateJob(jobId: string): Promise<Invalidation>
}

export interface Backfill {
  /** Postings matching the filter. */
  total: number
  /** Postings embedded by this call. */
  embedded: number
  /** Postings that already had fresh cached embeddings. */
  fresh: number
}

/**
 * Embeds every posting matching `filter` (and among `jobIds` when given) that lacks fresh
 * cached embeddings. Processes sharing the database embed each new text once: see
 * `planBackfill` for a backfill split across workers.
 */
export declare function backfillJobEmbeddings(opts?: FilterOptions | undefined | null): Promise<Backfill>

/** `planBackfill()`: what a backfill would embed, in chunks for a queue's jobs. */
export interface BackfillPlan {
  /** Postings matching the filter. */
  total: number
  /** Postings that already have fresh cached embeddings (in no chunk). */
  fresh: number
  /**
   * The ids of the others, in id order, in chunks of at most `chunkSize`: pass each to
   * `backfillJobEmbeddings({ jobIds })`.
   */
  chunks: Array<Array<string>>
}

/**
 * `batch_compare <resume_id> <job_ids> <limit>`: comparisons with the existing postings among
 * `jobIds`, best first, at most `limit` (default 20).
 */
export declare function batchCompare(resumeId: string, jobIds: string[], limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<Comparison[]>

/**
 * A cache's lookups: a hit served a fresh, intact entry; a miss was computed (a `force`
 * call looks nothing up).
 */
export interface CacheLookups {
  hits: number
  misses: number
}

/**
 * Every cache, by its `collections` option name; `textMemory` is the in-process vectors
 * looked up before `textEmbeddings`.
 */
export interface CacheMetrics {
  resumeScores: CacheLookups
  resumeEmbeddings: CacheLookups
  jobEmbeddings: CacheLookups
  comparisons: CacheLookups
  textEmbeddings: CacheLookups
  jobClusters: CacheLookups
  textMemory: CacheLookups
}

/** One function's calls: successes and rejections alike. */
export interface CallMetrics {
  calls: number
  /** Rejections by `code`; codes never seen are absent. */
  errors: Partial<Record<ErrorCode, number>>
  /** Seconds from the call to its settling. */
  latencySeconds: Histogram
}

export interface CallOptions {
  /** Recompute even when a fresh cached result exists, and overwrite it. */
  force?: boolean
  /**
   * Comparisons: the candidate's location, instead of the resume's (computed fresh, not
   * cached).
   */
  location?: string
  /** Comparisons: the candidate wants remote work only (computed fresh, not cached). */
  remote?: boolean
}

/** A client's catalogue of active postings (see `catalogueStats()`). */
export interface CatalogueMetrics {
  /** Active postings with vectors. */
  postings: number
  /** Active postings whose embeddings the next call computes. */
  unembedded: number
  bytes: number
  /**
   * Seconds since the board was last listed (the snapshot's listing, when it started from
   * one); null before the first.
   */
  ageSeconds: number | null
  /** Listings completed since the client connected. */
  refreshes: number
}

/** The in-process catalogue of active postings that recommendations rank. */
export interface CatalogueOptions {
  /**
   * Seconds before the active postings are listed again (default 60). Embeddings computed
   * in this process and `invalidateJob` take effect at once regardless.
   */
  refreshSeconds?: number
  /**
   * Seconds between snapshots of the catalogue written to the database (default 600; 0:
   * after every listing). A new process starts from the last one. Any process writes
   * one when the current one is older than this; several at once are safe.
   */
  snapshotSeconds?: number
}

/** What the in-process catalogue of active postings holds, and what its last ranking cost. */
export declare function catalogueStats(): Promise<CatalogueStats>

/** `catalogueStats()`: the in-process catalogue of active postings that recommendations rank. */
export interface CatalogueStats {
  /** Active postings with vectors. */
  postings: number
  /** Active postings whose embeddings the next recommendation call computes. */
  unembedded: number
  /** Memory of the vectors (f16 rows, ids, timestamps) and the skills lists. */
  bytes: number
  /** Bytes of the snapshot this client last loaded or wrote (0 when none). */
  snapshotBytes: number
  /** Whether this client's catalogue started from the database's snapshot. */
  fromSnapshot: boolean
  /** Seconds since the active postings were last listed; null before the first call. */
  listedSecondsAgo: number | null
  /** Milliseconds the last ranking took (scan and candidate selection). */
  lastRankMs: number
  /** Postings the last ranking named as candidates for exact re-scoring. */
  lastCandidates: number
  /**
   * Cache entries (any cache) refused as damaged since this client connected: NaN or
   * infinite numbers, vectors of the wrong length or type; each was recomputed and
   * overwritten, never served.
   */
  damagedCacheEntries: number
  /**
   * Listings of the board completed since this client connected (the first fill
   * included; a start from the snapshot is not one).
   */
  refreshes: number
}

export interface ClosestSkill {
  name: string
  similarity: number
}

/**
 * `cluster_jobs [k]`: families of active postings (k-means over their skills and title
 * vectors), each named, with its top skills and postings. Cached in `jobclusters`.
 */
export declare function clusterJobs(opts?: ClusterOptions | undefined | null): Promise<JobClusters>

export interface ClusterOptions {
  /** How many clusters (1–200); absent: chosen by silhouette, 2 to 20. */
  k?: number
  /** MongoDB filter narrowing the active postings clustered (default: all of them). */
  filter?: Record<string, unknown>
  /**
   * Seed of every random choice (default 42): the same seed, postings and k give the same
   * clusters.
   */
  seed?: number
  /** Recompute even when a cached result is fresh. */
  force?: boolean
  onProgress?: (progress: Progress) => void
  signal?: AbortSignal
}

/** A cluster in `marketInsights`. */
export interface ClusterSummary {
  id: number
  label: string
  size: number
  topSkills: Array<Share>
}

/** How strongly people who applied where this user applied also applied to the posting. */
export interface CollaborativeSignal {
  /** 0–100. */
  score: number
  coApplicants: number
}

/** Collection (and application field) names, when they differ from the defaults. */
export interface CollectionOptions {
  resumes?: string
  jobPostings?: string
  applications?: string
  resumeEmbeddings?: string
  resumeScores?: string
  jobEmbeddings?: string
  comparisons?: string
  textEmbeddings?: string
  /** Cached `clusterJobs` results (default `jobclusters`). */
  jobClusters?: string
  /** Snapshots of the catalogue of active postings (default `cataloguesnapshots`). */
  catalogueSnapshots?: string
  /**
   * Leases on the texts a process is embedding, shared by every process on the database so
   * that each new text is embedded once (default `textclaims`).
   */
  textClaims?: string
  /** Field of an application document holding the applicant's user id (default `user`). */
  applicationUserField?: string
  /** Field of an application document holding the posting's id (default `jobPosting`). */
  applicationJobField?: string
}

/** `compare_resume_job <resume_id> <job_id>`: match percentage, level, breakdown, skills. */
export declare function compareResumeJob(resumeId: string, jobId: string, opts?: CallOptions | undefined | null): Promise<Comparison>

/**
 * `compareResumeJob`, and each entry of `batchCompare` / `getRecommendations`: the seed's
 * `compare_resume_job` output.
 */
export interface Comparison {
  resume_id: string
  job_id: string
  job_title: string
  company: string
  /**
   * 0–100, one decimal. Seed matching: 0.65 × skills_match + 0.35 × experience_match.
   * Extended matching: that seed score blended with the factors (see `matchModel`).
   */
  match_percentage: number
  recommendation_level: RecommendationLevel
  breakdown: MatchBreakdown
  matched_skills: Array<string>
  missing_skills: Array<string>
  strengths: Array<string>
  improvements: Array<string>
  /**
   * What the per-document limits left out, as `resume.<field>` / `job.<field>`; absent
   * when nothing was.
   */
  truncated?: Record<string, Truncated>
  /** Which formula gave `match_percentage`: the seed's, or the extended blend. */
  matchModel: MatchModel
  /** Where each side's skills come from: its `skills` list, or (when it has none) its text. */
  skillsSource: SkillsSource
  /** The roadmap's factors, in either mode. */
  factors: MatchFactors
  /** Extended `getRecommendations` only: the co-application signal blended into the order. */
  collaborative?: CollaborativeSignal
}

/** An ESCO skill, or a tool of the technology layer. */
export type ConceptKind = 'esco' | 'tool'

/**
 * Points the default client at a database. Takes effect for the calls that start after it. A
 * bad option throws an `Error` with code `INVALID_ARGUMENT` and changes nothing.
 */
export declare function configure(options: ConfigureOptions): void

/**
 * Connection settings; anything left out falls back to MONGODB_URI / MONGODB_DB and the
 * seed's collection names.
 */
export interface ConfigureOptions {
  mongoUri?: string
  dbName?: string
  collections?: CollectionOptions
  catalogue?: CatalogueOptions
  vectorSearch?: VectorSearchOptions
  limits?: LimitsOptions
  /**
   * How `match_percentage` is computed: `'seed'` (default, the seed's formula) or
   * `'extended'` (blended with the factors; see docs/extended-matching.md).
   */
  matching?: MatchModel
  /**
   * The encoder's matmul arithmetic for the whole process: `'fp32'` (default, exact),
   * `'bf16'` (AVX512_BF16 CPUs; fp32 elsewhere), `'int8'` (every CPU; its most sensitive
   * matmuls stay fp32), or `'auto'` (the fastest of these that meets the quality bar on
   * this CPU). `modelInfo().precision` says what runs. Changing it repacks (or maps) the
   * weights before the next embedding. Kept when a later call leaves it out.
   */
  precision?: Precision
  /**
   * Structured logs on stderr, for the whole process (as `RESUME_AI_LOG` /
   * `RESUME_AI_LOG_IDS`). Kept when a later call leaves it out.
   */
  log?: LogOptions
}

/**
 * A client for `options` (what `configure` takes; anything left out falls back to the
 * environment and the defaults). A bad option throws an `Error` with code
 * `INVALID_ARGUMENT`; nothing connects until the first call.
 */
export declare function connect(options: ConfigureOptions): Client

/** A target skill the resume covers. */
export interface CoveredSkill {
  name: string
  /** The resume skill that covers it. */
  by: string
  /** 1 for the same name (aliases included), else the cosine of the two names. */
  similarity: number
}

/**
 * Whether the configured database answers and which cache indexes it has (for deployment
 * checks: `resume-ai doctor`). Creates nothing; an unreachable server rejects with
 * `DB_UNAVAILABLE`.
 */
export declare function databaseStatus(): Promise<DatabaseStatus>

/** `databaseStatus()`. */
export interface DatabaseStatus {
  database: string
  indexes: Array<IndexStatus>
  /**
   * Whether the connected user may create indexes here (true without access control);
   * null when the server does not say.
   */
  canCreateIndexes: boolean | null
}

/** Embeds texts with all-mpnet-base-v2: one L2-normalised 768-d `Float32Array` per text, in order. */
export declare function embed(texts: string[]): Promise<Float32Array[]>

/**
 * What the model has computed so far in this process (every client's calls); a cache hit
 * leaves it unchanged.
 */
export declare function engineStats(): EngineStats

export interface EngineStats {
  /** Distinct texts run through the model since the process started. */
  textsEmbedded: number
  /** Model invocations (each may batch many callers' texts). */
  modelCalls: number
  /**
   * Forward passes of the network: an invocation runs several when its texts exceed the
   * token budget of one pass or `BATCH_SIZE`.
   */
  forwardPasses: number
}

/** A skill `extractSkills` found in a text. */
export interface ExtractedSkill {
  /** The concept's preferred name (ESCO's, or the tool layer's). */
  name: string
  /** ESCO's concept uuid, or the tool's id. */
  id: string
  kind: ConceptKind
  /**
   * `[start, end)` in the text, in UTF-16 code units: `text.slice(start, end)` is what
   * named it.
   */
  span: Array<number>
  /** 1 for a name, else the cosine of the text's phrase with the concept's name. */
  score: number
  via: Via
  /** Reported by default: named, or found by embedding at the threshold or above. */
  accepted: boolean
}

/**
 * `extract_skills <text>`: the skills a free text names on the taxonomy (ESCO and the tool
 * layer), by name and by embedding, best first.
 */
export declare function extractSkills(text: string, opts?: ExtractSkillsOptions | undefined | null): Promise<SkillExtraction>

/** Options of `extractSkills`. */
export interface ExtractSkillsOptions {
  /** At most this many skills (default 30). */
  limit?: number
  /** Also return the candidates that were not accepted, down to this score (0–1). */
  minScore?: number
  /** `false`: names only, no model. */
  embedding?: boolean
  /** Called with `{ done, total }` while the taxonomy's vectors are built (first call only). */
  onProgress?: (progress: Progress) => void
  signal?: AbortSignal
}

/**
 * One factor: a 0–100 score where it applies (null when unknown or not asked), a verdict
 * word and the evidence in words.
 */
export interface Factor {
  score: number | null
  verdict: Verdict
  evidence: string
}

/** Options of the calls over a set of postings (`backfillJobEmbeddings`, `marketInsights`). */
export interface FilterOptions {
  /** MongoDB filter selecting the postings (default: all of them). */
  filter?: Record<string, unknown>
  /**
   * Only these postings (ids as hex strings), among those the filter selects: e.g. one
   * chunk of `planBackfill()`. A malformed id rejects with `INVALID_ID`; unknown ids are
   * skipped.
   */
  jobIds?: Array<string>
  force?: boolean
  onProgress?: (progress: Progress) => void
  signal?: AbortSignal
}

/** What a skill gap was measured against. */
export type GapTargetKind = 'job' | 'cluster'

/** `generate_job_embeddings <job_id>`: mean embeddings of jobTitle, skills, requirements, experienceLevel, location. */
export declare function generateJobEmbeddings(jobId: string, opts?: CallOptions | undefined | null): Promise<JobEmbeddings>

/** `generate_resume_embeddings <resume_id>`: mean embeddings of skills, workExperience, certifications. */
export declare function generateResumeEmbeddings(resumeId: string, opts?: CallOptions | undefined | null): Promise<ResumeEmbeddings>

/**
 * `get_recommendations <user_id> <resume_id> <limit>`: active postings the user has not
 * applied to, best match first, at most `limit` (default 20).
 */
export declare function getRecommendations(userId: string, resumeId: string, limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<Comparison[]>

/** A resume's letter grade (the seed's scale). */
export type Grade = 'A+' | 'A' | 'B+' | 'B' | 'C+' | 'C' | 'D' | 'F'

/** A histogram with fixed buckets, as Prometheus reads one. */
export interface Histogram {
  /** The buckets' upper bounds, ascending (the last bucket, +Inf, is `count`). */
  bounds: Array<number>
  /** Observations ≤ each bound: cumulative, one per bound. */
  counts: Array<number>
  /** The sum of every observation. */
  sum: number
  /** Observations in all. */
  count: number
}

/** A cache index and whether the server has it. */
export interface IndexStatus {
  collection: string
  /** Key fields, comma-separated. */
  keys: string
  unique: boolean
  /** The TTL of a TTL index; null otherwise. */
  ttlSeconds: number | null
  present: boolean
}

/**
 * `resume-ai init`: creates the cache collections' indexes (unique keys, TTLs) in the
 * configured database now instead of on the first call, and reports them. Safe to run
 * again; a user without the createIndex privilege gets `DB_ERROR` with the server's
 * message.
 */
export declare function initDatabase(): Promise<DatabaseStatus>

/** Drops the posting's cached embeddings and comparisons. */
export declare function invalidateJob(jobId: string): Promise<Invalidation>

/** The webhook path: drops the resume's cached embeddings, score and comparisons. */
export declare function invalidateResume(resumeId: string): Promise<Invalidation>

export interface Invalidation {
  id: string
  /** Cache documents removed. */
  deleted: number
}

/** One family of postings found by `clusterJobs`. */
export interface JobCluster {
  /** 0 for the largest cluster, then by size. */
  id: number
  size: number
  /**
   * A name for a person: the title its postings share most (seniority words dropped), else
   * its most central posting's title.
   */
  label: string
  /** The skills most of its postings ask for, with the share of its postings that do. */
  topSkills: Array<Share>
  /** Its postings, most central first. */
  jobIds: Array<string>
  /**
   * Where each of `jobIds` lies on the board's map: its coordinates on the two directions
   * in which the clustered postings spread most (their first two principal components),
   * measured from their mean. For drawing the families on a plane.
   */
  positions: Array<MapPoint>
}

/** `clusterJobs`: k-means over the active postings' skills and title vectors. */
export interface JobClusters {
  k: number
  /** Mean silhouette (−1…1): how well the postings separate. */
  silhouette: number
  seed: number
  /** Postings clustered. */
  postings: number
  /** Largest first. */
  clusters: Array<JobCluster>
  /** When it was computed (ISO 8601); a cached result keeps its time. */
  computedAt: string
}

/** `generateJobEmbeddings`: the seed's `generate_job_embeddings` output. */
export interface JobEmbeddings {
  job_id: string
  meanEmbeddings: JobSections
  /**
   * What the per-document limits left out, as `resume.<field>` / `job.<field>` (the
   * names comparisons use); absent when nothing was.
   */
  truncated?: Record<string, Truncated>
}

/** 768 numbers per section; a section with no text is absent. */
export interface JobSections {
  jobTitle?: Array<number>
  skills?: Array<number>
  requirements?: Array<number>
  experienceLevel?: Array<number>
  location?: Array<number>
}

/** The encoder's kernels, chosen at run time. */
export type Kernels = 'avx512' | 'avx2' | 'portable'

/**
 * How much of one document the model embeds (see docs/configuration.md, limits per
 * document); each a whole number from 1 up.
 */
export interface LimitsOptions {
  skills?: number
  workEntries?: number
  responsibilitiesPerEntry?: number
  requirements?: number
  certifications?: number
  nameChars?: number
  textChars?: number
}

/** How much the logs say. */
export type LogLevel = 'off' | 'info' | 'debug'

/**
 * What the logs say: one JSON line per call at `'info'`, also per model call and catalogue
 * listing at `'debug'`; nothing at `'off'` (the default).
 */
export interface LogOptions {
  level?: LogLevel
  /**
   * Whether call lines carry the ids the call was given (`resumeId`, `jobId`, `userId`):
   * personal data in hiring, so off unless asked for.
   */
  ids?: boolean
}

/** Options of the long calls: `force`, plus progress reports and cancellation. */
export interface LongCallOptions {
  /** Recompute even when fresh cached results exist, and overwrite them. */
  force?: boolean
  /**
   * Comparisons: the candidate's location, instead of the resume's (computed fresh, not
   * cached).
   */
  location?: string
  /** Comparisons: the candidate wants remote work only (computed fresh, not cached). */
  remote?: boolean
  /**
   * `getRecommendations` / `batchCompare`: only postings of this role type ('Backend',
   * 'Full Stack', …; see docs/extended-matching.md).
   */
  roleType?: string
  /** Called with `{ done, total }` as work proceeds (queued to the JS thread, never blocking). */
  onProgress?: (progress: Progress) => void
  /** Aborting rejects the call with code `ABORTED`; caches stay consistent. */
  signal?: AbortSignal
}

/** A posting's place on the board's map (three decimals). */
export interface MapPoint {
  x: number
  y: number
}

/**
 * `market_insights`: skill demand, experience levels, locations, postings by status and the
 * clusters' top skills, over the active postings.
 */
export declare function marketInsights(opts?: FilterOptions | undefined | null): Promise<MarketInsights>

/** `marketInsights`: counts over the active postings. */
export interface MarketInsights {
  /** Active postings analysed. */
  postings: number
  /** Every posting the filter selects, by status. */
  postingsByStatus: Array<Share>
  /** Most asked first; "JS" and "JavaScript" count as one skill. */
  skillDemand: Array<Share>
  experienceLevels: Array<Share>
  locations: Array<Share>
  /** Role types told from each posting's skills and title. */
  roleTypes: Array<Share>
  /** `clusterJobs()` over the same postings. */
  clusters: Array<ClusterSummary>
  computedAt: string
}

export interface MatchBreakdown {
  skills_match: number
  experience_match: number
  /** Informational: weighs nothing in `match_percentage`. */
  requirements_match: number
}

export interface MatchFactors {
  /**
   * Work history (recent roles weigh more) against the posting's title, requirements and
   * description.
   */
  experience: Factor
  /** The whole resume against the whole posting (document vectors). */
  document: Factor
  education: Factor
  seniority: Factor
  location: Factor
  softSkills: Factor
  roleType: Factor
  weightedSkills: Factor
  /** Weighs nothing: says when similarities are less reliable. */
  language: Factor
  resumeRole: RoleGuess | null
  jobRole: RoleGuess | null
  mustHave: Array<string>
  niceToHave: Array<string>
  missingMustHave: Array<string>
  skillYears: Array<SkillYears>
  softSkillsAsked: Array<string>
  softSkillsShown: Array<string>
  /** ISO 639-1 codes; null when there is too little prose to tell. */
  resumeLanguage: string | null
  jobLanguage: string | null
}

/** Which formula gave `match_percentage`: the seed's, or the extended blend. */
export type MatchModel = 'seed' | 'extended'

/**
 * Counters and histograms since the process started, as a plain object: calls, rejections
 * by code and latency per function; hits and misses per cache; the model queue's depth,
 * waits and batch sizes and the texts it embeds per second; the default client's
 * catalogue (size, age, listings). Reading them connects nothing and is not counted.
 */
export declare function metrics(): Promise<Metrics>

/** Counters and histograms since the process started (`catalogue`: this client's). */
export interface Metrics {
  /** By function (`scoreResume`, …): the functions called so far. */
  calls: Record<string, CallMetrics>
  /** Lookups per cache, every client's together. */
  caches: CacheMetrics
  /** The model and its queue (one per process). */
  model: ModelMetrics
  /** This client's catalogue of active postings; null until its first call connects. */
  catalogue: CatalogueMetrics | null
}

/** A target skill the resume lacks. */
export interface MissingSkill {
  name: string
  /** Share of the cluster's postings asking for it; 1 for a posting's skills. */
  importance: number
  /** The resume skill nearest to it; null when the resume lists none. */
  closest: ClosestSkill | null
  /** Near enough (cosine ≥ 0.5) to earn its similarity as partial credit. */
  adjacent: boolean
}

/** Loads the model if it is not loaded yet and describes it. */
export declare function modelInfo(): Promise<ModelInfo>

export interface ModelInfo {
  name: string
  dimension: number
  maxTokens: number
  sha256: string
  threads: number
  modelDir: string
  /** The weights are the published all-mpnet-base-v2 (their sha256 matches). */
  verified: boolean
  /** SIMD features of this CPU that the kernels choose from at run time. */
  cpuFeatures: Array<string>
  /** The kernels that run, chosen at run time: `avx512`, `avx2` or `portable`. */
  kernels: Kernels
  /**
   * The matmuls' arithmetic that runs: `fp32`, `int8`, or `bf16` where it was asked for
   * and the CPU has AVX512_BF16.
   */
  precision: Precision
  /**
   * The matmuls that run in another precision than `precision` (int8 keeps its most
   * sensitive in fp32), as `'layer.matmul: precision'`.
   */
  precisionExceptions: Array<string>
  /** Where int8 runs, its kernels: `'vnni'` (AVX512-VNNI) or `'pairs'` (AVX2 or portable). */
  int8Kernels?: string
  /**
   * The packed-weights file the weights are mapped from, shared by every process on the
   * machine; absent when they sit in this process's own memory (no file could be written
   * beside the model).
   */
  packedWeights?: string
}

/** The process's one model and the queue in front of it. */
export interface ModelMetrics {
  /** Requests waiting for the model now. */
  queueDepth: number
  /** Seconds each request waited for its round to start. */
  queueWaitSeconds: Histogram
  /** Distinct texts per model call (concurrent calls share one). */
  batchTexts: Histogram
  textsEmbedded: number
  modelCalls: number
  forwardPasses: number
  /** Seconds the model spent embedding. */
  busySeconds: number
  /** Texts embedded per second of model time (0 before the first). */
  textsPerSecond: number
}

/**
 * What `backfillJobEmbeddings` would embed, as chunks of posting ids (in id order, at most
 * `chunkSize` each, default 200) for the jobs of a queue: a worker backfills one chunk with
 * `backfillJobEmbeddings({ jobIds: chunk })`. Any number of workers, in any processes,
 * embed each new text once between them. Embeds nothing.
 */
export declare function planBackfill(opts?: PlanBackfillOptions | undefined | null): Promise<BackfillPlan>

/** Options of `planBackfill`. */
export interface PlanBackfillOptions {
  /** MongoDB filter selecting the postings (default: all of them). */
  filter?: Record<string, unknown>
  /**
   * Plan every matching posting, fresh cached embeddings or not (then backfill each chunk
   * with `force: true` too).
   */
  force?: boolean
  /** Posting ids per chunk: a whole number from 1 to 10,000 (default 200). */
  chunkSize?: number
}

/** The matmuls' arithmetic. */
export type Precision = 'fp32' | 'bf16' | 'int8' | 'auto'

/** Progress of a long call: `done` of `total` postings handled. */
export interface Progress {
  done: number
  total: number
}

/** How good a match is. */
export type RecommendationLevel = 'Excellent Match' | 'Good Match' | 'Fair Match' | 'Poor Match'

/** `generateResumeEmbeddings`: the seed's `generate_resume_embeddings` output. */
export interface ResumeEmbeddings {
  resume_id: string
  meanEmbeddings: ResumeSections
  metrics: ResumeMetrics
}

export interface ResumeMetrics {
  totalExperienceYears: number
  /** Work entries left out of the years because their dates could not be read. */
  skippedWorkPeriods: Array<SkippedWorkPeriod>
  /**
   * What the per-document limits left out, as `resume.<field>` / `job.<field>` (the
   * names comparisons use); absent when nothing was.
   */
  truncated?: Record<string, Truncated>
}

/** `scoreResume`: the seed's `score_resume` output. */
export interface ResumeScore {
  resume_id: string
  /** 0–100, one decimal. */
  overall_score: number
  grade: Grade
  breakdown: ScoreBreakdown
  total_experience_years: number
  strengths: Array<string>
  improvements: Array<string>
  /** `"Learn <Skill>"` for in-demand skills the resume lacks. */
  recommendations: Array<string>
}

/** 768 numbers per section; a section with no text is absent. */
export interface ResumeSections {
  skills?: Array<number>
  workExperience?: Array<number>
  certifications?: Array<number>
}

/** A role type (see docs/extended-matching.md, the roleType factor). */
export type Role = 'Frontend' | 'Backend' | 'Full Stack' | 'Mobile' | 'Data' | 'Machine Learning' | 'DevOps/SRE' | 'QA' | 'Security' | 'Design' | 'Product' | 'Healthcare' | 'Sales' | 'Marketing' | 'Finance' | 'People/HR' | 'Operations/Logistics' | 'Education' | 'Hospitality'

/** A role type told for a resume or a posting. */
export interface RoleGuess {
  role: Role
  /** 0–1. */
  confidence: number
}

/**
 * The Python service's CLI as a function: `run('score_resume', [id])` returns what
 * `python main.py score_resume <id>` printed. `force` applies to every command; the long
 * ones also accept `onProgress` and `signal`.
 */
export declare function run(command: string, args: string[], opts?: LongCallOptions | undefined | null): Promise<ResumeScore | ResumeEmbeddings | JobEmbeddings | Comparison | Comparison[] | JobClusters | SimilarJob[] | MarketInsights | SkillGap>

/**
 * Writes the catalogue of active postings to the database as its snapshot now (listing
 * the postings first if this process has not), and returns the snapshot's bytes. Run it
 * after a backfill so that processes started next begin from it; listings also write one
 * when the database's is older than `catalogue.snapshotSeconds`.
 */
export declare function saveCatalogueSnapshot(): Promise<number>

export interface ScoreBreakdown {
  completeness: number
  experience: number
  skills: number
  certifications: number
}

/** `score_resume <resume_id>`: quality score 0–100, grade, breakdown, advice. */
export declare function scoreResume(resumeId: string, opts?: CallOptions | undefined | null): Promise<ResumeScore>

/** A value and how many postings have it, with its share of the postings counted (0–1). */
export interface Share {
  name: string
  postings: number
  share: number
}

/** One result of `similarJobs`. */
export interface SimilarJob {
  jobId: string
  jobTitle: string
  company: string
  location: string
  /** Cosine of the two postings' skills-and-title vectors (three decimals). */
  similarity: number
}

/**
 * `similar_jobs <job_id> [limit]`: the active postings nearest to a posting (default 10),
 * most similar first.
 */
export declare function similarJobs(jobId: string, limit?: number | undefined | null, opts?: LongCallOptions | undefined | null): Promise<SimilarJob[]>

/** `extractSkills`: the skills a text names, best first. */
export interface SkillExtraction {
  skills: Array<ExtractedSkill>
  /** Characters read of a text longer than the limit (20,000); absent when all was read. */
  truncated?: Truncated
}

/**
 * `skill_gap <resume_id> [job_id]`: the skills a posting (`{ jobId }`), a cluster of
 * `clusterJobs()` (`{ clusterId }`) or, by default, the cluster nearest to the resume asks
 * for that the resume lacks, most important first, each with the resume's closest skill.
 */
export declare function skillGap(resumeId: string, target?: { jobId: string } | { clusterId: number } | undefined | null): Promise<SkillGap>

/** `skillGap`: what a resume lacks for a posting or a family of postings. */
export interface SkillGap {
  resumeId: string
  target: SkillGapTarget
  /**
   * 0–100: importance-weighted share of the target's skills covered, adjacent ones
   * counting their similarity.
   */
  coverage: number
  /** In the target's order. */
  covered: Array<CoveredSkill>
  /** Most important first. */
  missing: Array<MissingSkill>
}

export interface SkillGapOptions {
  jobId?: string
  clusterId?: number
}

export interface SkillGapTarget {
  kind: GapTargetKind
  /** The job id, or the cluster id as a string. */
  id: string
  /** The job's title or the cluster's label. */
  label: string
}

/** Where a side's skills come from: its `skills` list, or its text on the taxonomy. */
export type SkillSource = 'listed' | 'text'

/** Where a comparison's skills come from, per side. */
export interface SkillsSource {
  resume: SkillSource
  job: SkillSource
}

/** Years with a matched skill, from the dated work entries that name it. */
export interface SkillYears {
  name: string
  years: number
  /** 0 while a current role names it. */
  lastUsedYearsAgo: number
}

export interface SkippedWorkPeriod {
  /** Position of the entry in `workExperience`. */
  index: number
  reason: string
}

/** Token ids exactly as the model sees them (special tokens included, truncated to maxTokens). */
export declare function tokenize(texts: string[]): Promise<number[][]>

/**
 * What the per-document limits cut from one field: `kept` of `total` items (characters for
 * `characters`).
 */
export interface Truncated {
  kept: number
  total: number
}

/**
 * MongoDB Atlas only: take recommendation candidates from a `$vectorSearch` index over
 * `jobpostingembeddings.matchVector` instead of the in-process catalogue (see docs/recommendations.md).
 */
export interface VectorSearchOptions {
  index: string
}

/** A factor's verdict in a word (which factor says which: docs/rules.md). */
export type Verdict = 'unknown' | 'not computed' | 'not asked' | 'not required' | 'close' | 'relevant' | 'related' | 'distant' | 'fits' | 'not remote' | 'nearby' | 'relocation' | 'under-qualified' | 'over-qualified' | 'exceeds' | 'meets' | 'below' | 'evidenced' | 'partly evidenced' | 'missing' | 'missing must-have' | 'partial' | 'covered' | 'same' | 'adjacent' | 'different'

/** How a skill was found in a text. */
export type Via = 'label' | 'alias' | 'embedding'
