//! `Idempotency-Key` on the API's creations (tickets, ticket messages, messages to applicants): the extractor reads
//! the JSON body as `Json` would (same refusals) while keeping its bytes for the request's
//! fingerprint, and [`run`] replays a stored answer or creates under the key. Storage and
//! the transaction rules are in `tupa_core::idempotency`.

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use tupa_core::Error;
use tupa_core::db::Db;
use tupa_core::idempotency::{Claim, Lookup};

use crate::ctx::Ctx;
use crate::error::AppError;

pub const HEADER: &str = "idempotency-key";
/// Set on an answer that is a replay of the first one.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// A JSON body plus the idempotency claim of the request, when it carries a key and the
/// caller is known.
pub struct Idempotent<T> {
    pub input: T,
    pub claim: Option<Claim>,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Idempotent<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let key = match req.headers().get(HEADER) {
            None => None,
            Some(v) => match v.to_str() {
                Ok(s) => Some(s.to_string()),
                Err(_) => {
                    return Err(AppError(Error::invalid(
                        "Idempotency-Key",
                        "idempotency-key-invalid",
                    ))
                    .into_response());
                }
            },
        };
        let scope = req
            .extensions()
            .get::<Ctx>()
            .and_then(|c| c.actor.as_ref())
            .map(|a| format!("user:{}", a.user.id));
        let method = req.method().clone();
        let uri = req.uri().clone();
        let headers = req.headers().clone();
        let extensions = req.extensions().clone();
        let bytes = Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let claim = match (key, scope) {
            (Some(key), Some(scope)) => Some(
                Claim::new(scope, &key, method.as_str(), uri.path(), &bytes)
                    .map_err(|e| AppError(e).into_response())?,
            ),
            _ => None,
        };
        // Parse as `Json` does, so a bad body is refused exactly as elsewhere (415, 400, 422).
        let mut again = Request::new(Body::from(bytes));
        *again.method_mut() = method;
        *again.uri_mut() = uri;
        *again.headers_mut() = headers;
        *again.extensions_mut() = extensions;
        let axum::Json(input) = axum::Json::<T>::from_request(again, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Idempotent { input, claim })
    }
}

/// Runs `create` under the claim: a remembered answer is replayed, a key used for another
/// request is refused with 422 `idempotency-key-reused`, and a retry that raced the first
/// request waits for it (in the database) and then replays its answer.
pub async fn run<F, Fut>(db: &Db, claim: Option<&Claim>, create: F) -> Result<Response, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Response, AppError>>,
{
    let in_use =
        || async { Err(AppError(Error::conflict("Idempotency-Key", "idempotency-key-in-use"))) };
    run_or_current(db, claim, create, in_use).await
}

/// [`run`] for creations whose answer is rendered after their commit (and kept with
/// [`Claim::answer`]): a retry that finds the work done but no answer kept gets `current()`.
pub async fn run_or_current<F, Fut, C, CFut>(
    db: &Db,
    claim: Option<&Claim>,
    create: F,
    current: C,
) -> Result<Response, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Response, AppError>>,
    C: FnOnce() -> CFut,
    CFut: Future<Output = Result<Response, AppError>>,
{
    let Some(claim) = claim else { return create().await };
    let found = match earlier(db, claim).await? {
        Earlier::Nothing => match create().await {
            Err(AppError(Error::Conflict { code: "idempotency-key-in-use", .. })) => {
                earlier(db, claim).await?
            }
            other => return other,
        },
        found => found,
    };
    match found {
        Earlier::Answer(res) => Ok(res),
        Earlier::Done => current().await.map(replayed),
        Earlier::Nothing => {
            Err(AppError(Error::conflict("Idempotency-Key", "idempotency-key-in-use")))
        }
    }
}

enum Earlier {
    Nothing,
    Answer(Response),
    Done,
}

fn replayed(mut res: Response) -> Response {
    res.headers_mut().insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    res
}

/// What an earlier request with the claim's key left, if there was one.
async fn earlier(db: &Db, claim: &Claim) -> Result<Earlier, AppError> {
    match claim.lookup(db).await? {
        Lookup::New => Ok(Earlier::Nothing),
        Lookup::Done => Ok(Earlier::Done),
        Lookup::Reused => {
            Err(AppError(Error::invalid("Idempotency-Key", "idempotency-key-reused")))
        }
        Lookup::Replay { status, body } => {
            let mut res = Response::new(Body::from(body));
            *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            res.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            Ok(Earlier::Answer(replayed(res)))
        }
    }
}

/// The `Idempotency-Key` header, for the document.
#[derive(utoipa::IntoParams)]
#[into_params(names("Idempotency-Key"), parameter_in = Header)]
#[allow(dead_code)] // only its description is used
pub struct IdempotencyKey(
    /// A key the client chose for this creation (a UUID, say). A retry with the same key and
    /// body within 24 hours gets the first answer again (with `Idempotent-Replayed: true`);
    /// the same key with another body is refused with 422 `idempotency-key-reused`.
    #[param(min_length = 1, max_length = 255, pattern = "^[!-~]+$")]
    Option<String>,
);
