//! One error type at the HTTP boundary. A handler returns the domain error; the response
//! carries its code, and the context middleware (which knows the language and whether this
//! is a page or the API) renders it once: a translated HTML page or `{"code", "message"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tupa_core::Error;

#[derive(Debug)]
pub struct AppError(pub Error);

/// Attached to error responses for the middleware to render.
#[derive(Clone, Copy, Debug)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub field: Option<&'static str>,
}

impl<E: Into<Error>> From<E> for AppError {
    fn from(e: E) -> Self {
        AppError(e.into())
    }
}

pub fn status_of(err: &Error) -> StatusCode {
    match err {
        Error::NotFound => StatusCode::NOT_FOUND,
        Error::Forbidden | Error::NotInPlan => StatusCode::FORBIDDEN,
        Error::Unauthenticated => StatusCode::UNAUTHORIZED,
        Error::Invalid { .. } | Error::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Conflict { .. } => StatusCode::CONFLICT,
        Error::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        Error::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Error::Unexpected(cause) = &self.0 {
            // Logged once, here; the person sees only the translated "unexpected" message.
            tracing::error!(error = ?cause, "unexpected error");
        }
        let mut res = status_of(&self.0).into_response();
        res.extensions_mut().insert(ErrorInfo { code: self.0.code(), field: self.0.field() });
        res
    }
}

pub type WebResult<T = Response> = Result<T, AppError>;
