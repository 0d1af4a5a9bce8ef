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
    /// The server cannot be reached, or did not answer in time: retrying later can succeed.
    #[error("MongoDB connection error: {0}")]
    Database(String),
    /// The server (or the driver) refused the operation: a bad query, a write it rejected,
    /// missing configuration. Retrying the same call fails the same way.
    #[error("MongoDB error: {0}")]
    DatabaseRejected(String),
    #[error("Operation aborted")]
    Aborted,
    /// A bug: a panic caught at the boundary. Reported rather than crashing the process.
    #[error("Internal error: {0}")]
    Internal(String),
}

/// Most characters of a caller's value repeated in a message (an id of a megabyte must not
/// make a megabyte of error).
const MAX_ECHOED_CHARS: usize = 64;

/// `raw` for an error message: cut to [`MAX_ECHOED_CHARS`] characters, with "…" when cut.
pub fn echoed(raw: &str) -> String {
    match raw.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_string(),
    }
}

impl Error {
    /// Whether the same call can succeed later without any change by the caller.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Database(_))
    }

    /// Every code [`Error::code`] gives, in a fixed order (metrics count rejections by code).
    pub const CODES: [&'static str; 9] = [
        "RESUME_NOT_FOUND",
        "JOB_NOT_FOUND",
        "INVALID_ID",
        "INVALID_ARGUMENT",
        "EMBEDDING_FAILED",
        "DB_UNAVAILABLE",
        "DB_ERROR",
        "ABORTED",
        "INTERNAL_ERROR",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Error::ResumeNotFound(_) => "RESUME_NOT_FOUND",
            Error::JobNotFound(_) => "JOB_NOT_FOUND",
            Error::InvalidId(_) => "INVALID_ID",
            Error::InvalidArgument(_) => "INVALID_ARGUMENT",
            Error::Embedding(_) => "EMBEDDING_FAILED",
            Error::Database(_) => "DB_UNAVAILABLE",
            Error::DatabaseRejected(_) => "DB_ERROR",
            Error::Aborted => "ABORTED",
            Error::Internal(_) => "INTERNAL_ERROR",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let s = String::new;
        for error in [
            Error::ResumeNotFound(s()),
            Error::JobNotFound(s()),
            Error::InvalidId(s()),
            Error::InvalidArgument(s()),
            Error::Embedding(s()),
            Error::Database(s()),
            Error::DatabaseRejected(s()),
            Error::Aborted,
            Error::Internal(s()),
        ] {
            assert!(Error::CODES.contains(&error.code()), "{}", error.code());
        }
    }

    #[test]
    fn echoed_values_are_cut_to_64_characters() {
        assert_eq!(echoed("abc"), "abc");
        let long = "é".repeat(1000);
        assert_eq!(echoed(&long), format!("{}…", "é".repeat(64)));
        assert_eq!(echoed(&"x".repeat(64)), "x".repeat(64));
    }
}
