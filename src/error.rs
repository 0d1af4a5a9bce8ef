//! The one error type of the core. Every variant has a stable `code` that the Node binding
//! puts on the JS `Error`; messages start with the Python service's wording so that callers
//! matching on those strings keep working.

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("Resume not found: {0}")]
    ResumeNotFound(String),
    #[error("Job not found: {0}")]
    JobNotFound(String),
    /// `{0}` is the whole message: it names the kind of id ("Resume not found: …" etc.).
    #[error("{0}")]
    InvalidId(String),
    #[error("Invalid argument: {0}")]
    InvalidArgument(String),
    #[error("Failed to generate embedding: {0}")]
    Embedding(String),
    #[error("MongoDB connection error: {0}")]
    Database(String),
    #[error("Operation aborted")]
    Aborted,
    /// A bug: a panic caught at the boundary. Reported rather than crashing the process.
    #[error("Internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::ResumeNotFound(_) => "RESUME_NOT_FOUND",
            Error::JobNotFound(_) => "JOB_NOT_FOUND",
            Error::InvalidId(_) => "INVALID_ID",
            Error::InvalidArgument(_) => "INVALID_ARGUMENT",
            Error::Embedding(_) => "EMBEDDING_FAILED",
            Error::Database(_) => "DB_UNAVAILABLE",
            Error::Aborted => "ABORTED",
            Error::Internal(_) => "INTERNAL_ERROR",
        }
    }
}
