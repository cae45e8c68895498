//! A posted form that may carry files: `multipart/form-data` (fields and files) or plain
//! `application/x-www-form-urlencoded` (fields only), read the same way by the handler.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use tupa_core::Error;

use crate::error::AppError;
use crate::render::Pairs;

pub struct FormData {
    pub pairs: Pairs,
    /// (field name, file name, bytes) of every file field, empty ones included.
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("multipart/form-data"));
        let unreadable = || AppError(Error::invalid("form", "request-invalid"));
        if !multipart {
            let Form(pairs) =
                Form::<Pairs>::from_request(req, state).await.map_err(|_| unreadable())?;
            return Ok(FormData { pairs, files: vec![] });
        }
        let mut parts = Multipart::from_request(req, state).await.map_err(|_| unreadable())?;
        let mut data = FormData { pairs: vec![], files: vec![] };
        // The route's body limit bounds what is read here.
        while let Some(field) = parts
            .next_field()
            .await
            .map_err(|_| Error::invalid("attachments", "attachment-too-large"))?
        {
            let name = field.name().unwrap_or("").to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|_| Error::invalid("attachments", "attachment-too-large"))?;
                    data.files.push((name, file_name, bytes.to_vec()));
                }
                None => {
                    let text = field.text().await.map_err(|_| unreadable())?;
                    data.pairs.push((name, text));
                }
            }
        }
        Ok(data)
    }
}

/// How much of an unwanted body is read before answering. A client still sending a small form
/// then gets our answer; one sending a large upload gets the connection closed instead.
pub const DRAIN_LIMIT: usize = tupa_core::limits::DRAIN_BYTES;

/// Reads and discards (up to [`DRAIN_LIMIT`]) a request body that will not be used. Answering
/// before the body is read makes the server close the connection while the client may still
/// be writing, and the client sees a broken pipe instead of the refusal.
pub async fn discard_body(body: axum::body::Body) {
    let _ = axum::body::to_bytes(body, DRAIN_LIMIT).await;
}
