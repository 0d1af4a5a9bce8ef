/* Hand-written: the unions that the generated declarations below refer to. The result
   interfaces are generated from src/binding/results.rs. */

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

/** The options of `backfillJobEmbeddings`, by the name earlier versions gave them. */
export type BackfillOptions = FilterOptions
