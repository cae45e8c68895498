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
    /// Bad input in several fields at once, so that a form reports every mistake in one
    /// answer. Always two or more; [`Checks`] makes one field an `Invalid`.
    #[error("invalid input in {} fields", .0.len())]
    Fields(Vec<FieldError>),
    #[error("too many attempts")]
    RateLimited,
    /// The organisation's plan does not include this capability.
    #[error("capability not in plan")]
    NotInPlan,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// One field's problem, as in `Error::Invalid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
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
            // Every problem stays, all at the one field.
            Error::Fields(_) => self.renamed(|_| field),
            other => other,
        }
    }

    /// The same error with every field renamed by `to` (a form whose inputs carry other
    /// names than the input's, such as two forms on one page): unlike [`Error::at`] it keeps
    /// several fields' problems apart.
    pub fn renamed(self, to: impl Fn(&'static str) -> &'static str) -> Self {
        match self {
            Error::Invalid { field, code } => Error::Invalid { field: to(field), code },
            Error::Conflict { field, code } => Error::Conflict { field: to(field), code },
            Error::Fields(list) => Error::Fields(
                list.into_iter().map(|f| FieldError { field: to(f.field), code: f.code }).collect(),
            ),
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
            Error::Fields(list) => list.first().map(|f| f.code).unwrap_or("request-invalid"),
            Error::RateLimited => "rate-limited",
            Error::NotInPlan => "not-in-plan",
            Error::Unexpected(_) => "unexpected",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field),
            Error::Fields(list) => list.first().map(|f| f.field),
            _ => None,
        }
    }

    /// Every field problem this error carries (none for other kinds of error).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Error::Invalid { field, code } | Error::Conflict { field, code } => {
                vec![FieldError { field, code }]
            }
            Error::Fields(list) => list.clone(),
            _ => Vec::new(),
        }
    }
}

/// Collects the problems of every field of an input before refusing it, instead of stopping
/// at the first: a person filling a form learns all their mistakes from one answer.
#[derive(Default)]
pub struct Checks {
    found: Vec<FieldError>,
    /// An error that is not about a field (it wins: it is reported alone).
    other: Option<Error>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value when `result` is fine; otherwise notes its problems and gives `None`.
    pub fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.note(e);
                None
            }
        }
    }

    /// Notes a problem found by the caller (unless its field already has one).
    pub fn push(&mut self, field: &'static str, code: &'static str) {
        // One message per field: the first problem found is the one to fix.
        if !self.found.iter().any(|g| g.field == field) {
            self.found.push(FieldError { field, code });
        }
    }

    /// Notes `result`'s problems, if any.
    pub fn check(&mut self, result: Result<()>) {
        self.take(result);
    }

    pub fn note(&mut self, err: Error) {
        match err {
            Error::Invalid { .. } | Error::Conflict { .. } | Error::Fields(_) => {
                for f in err.field_errors() {
                    self.push(f.field, f.code);
                }
            }
            other => {
                if self.other.is_none() {
                    self.other = Some(other);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty() && self.other.is_none()
    }

    /// The collected problems as one error (or an unexpected one when nothing was noted:
    /// callers reach here only after a `take` gave `None`).
    pub fn error(mut self) -> Error {
        if let Some(e) = self.other.take() {
            return e;
        }
        match self.found.len() {
            0 => Error::Unexpected(anyhow::anyhow!("checks failed without a problem noted")),
            1 => Error::Invalid { field: self.found[0].field, code: self.found[0].code },
            _ => Error::Fields(self.found),
        }
    }

    /// `Ok` when nothing was noted, else every problem at once.
    pub fn finish(self) -> Result<()> {
        if self.is_empty() { Ok(()) } else { Err(self.error()) }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Error::NotFound,
            other => {
                // A failover shows up first as errors like these; the pool's supervisor
                // looks for the new primary at once.
                crate::db::note_error(&other);
                Error::Unexpected(other.into())
            }
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// The bulk fill's own SQLite connection: anything that goes wrong on it is unexpected.
    fn from(err: rusqlite::Error) -> Self {
        Error::Unexpected(err.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
