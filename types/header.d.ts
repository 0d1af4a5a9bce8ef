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
