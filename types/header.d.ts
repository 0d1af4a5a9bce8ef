/* Result shapes of the seed's commands (the Python service's JSON, unchanged). */

export type Grade = 'A+' | 'A' | 'B+' | 'B' | 'C+' | 'C' | 'D' | 'F'
export type RecommendationLevel = 'Excellent Match' | 'Good Match' | 'Fair Match' | 'Poor Match'

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

export interface ResumeScore {
  resume_id: string
  overall_score: number
  grade: Grade
  breakdown: { completeness: number; experience: number; skills: number; certifications: number }
  total_experience_years: number
  strengths: string[]
  improvements: string[]
  recommendations: string[]
}

export interface SkippedWorkPeriod {
  /** Position of the entry in `workExperience`. */
  index: number
  reason: string
}

export interface ResumeEmbeddings {
  resume_id: string
  /** 768 numbers per section; a section with no text is absent. */
  meanEmbeddings: { skills?: number[]; workExperience?: number[]; certifications?: number[] }
  metrics: { totalExperienceYears: number; skippedWorkPeriods: SkippedWorkPeriod[] }
}

export interface JobEmbeddings {
  job_id: string
  meanEmbeddings: {
    jobTitle?: number[]
    skills?: number[]
    requirements?: number[]
    experienceLevel?: number[]
    location?: number[]
  }
}

export interface Comparison {
  resume_id: string
  job_id: string
  job_title: string
  company: string
  match_percentage: number
  recommendation_level: RecommendationLevel
  breakdown: { skills_match: number; experience_match: number; requirements_match: number }
  matched_skills: string[]
  missing_skills: string[]
  strengths: string[]
  improvements: string[]
}

export interface Invalidation {
  id: string
  /** Cache documents removed. */
  deleted: number
}

export interface Backfill {
  /** Postings matching the filter. */
  total: number
  /** Postings embedded by this call. */
  embedded: number
  /** Postings that already had fresh cached embeddings. */
  fresh: number
}

/** `catalogueStats()`: the in-process catalogue of active postings that recommendations rank. */
export interface CatalogueStats {
  /** Active postings with vectors. */
  postings: number
  /** Active postings whose embeddings the next recommendation call computes. */
  unembedded: number
  /** Memory of the vectors (f16 rows, ids, timestamps). */
  bytes: number
  /** Seconds since the active postings were last listed; null before the first call. */
  listedSecondsAgo: number | null
  /** Milliseconds the last ranking took (scan and candidate selection). */
  lastRankMs: number
  /** Postings the last ranking named as candidates for exact re-scoring. */
  lastCandidates: number
}
