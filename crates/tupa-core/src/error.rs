//! The domain error. Each kind has a stable `code`, which is also the key of its translated
//! message (`error-<code>` in the Fluent files) and the `code` of API error bodies.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    Unauthenticated,
    /// Bad input. `field` names the form field (or JSON property) that caused it.
    #[error("invalid input: {code}")]
    Invalid { field: &'static str, code: &'static str },
    /// The request conflicts with what is stored (for example a slug already in use).
    #[error("conflict: {code}")]
    Conflict { field: &'static str, code: &'static str },
    #[error("too many attempts")]
    RateLimited,
    /// The organisation's plan does not include this capability.
    #[error("capability not in plan")]
    NotInPlan,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(field: &'static str, code: &'static str) -> Self {
        Error::Invalid { field, code }
    }
    pub fn conflict(field: &'static str, code: &'static str) -> Self {
        Error::Conflict { field, code }
    }

    /// The same error reported at another field (when a form names the input differently).
    pub fn at(self, field: &'static str) -> Self {
        match self {
            Error::Invalid { code, .. } => Error::Invalid { field, code },
            Error::Conflict { code, .. } => Error::Conflict { field, code },
            other => other,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not-found",
            Error::Forbidden => "forbidden",
            Error::Unauthenticated => "unauthenticated",
            Error::Invalid { code, .. } | Error::Conflict { code, .. } => code,
            Error::RateLimited => "rate-limited",
            Error::NotInPlan => "not-in-plan",
            Error::Unexpected(_) => "unexpected",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Error::NotFound,
            other => Error::Unexpected(other.into()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
