//! Response compression: gzip and brotli for text (pages, feeds, JSON, CSS, JavaScript), as
//! the client's `Accept-Encoding` allows. A job-board page goes from about 6 KB to 2 KB, which
//! a citizen on a phone feels.
//!
//! Not compressed: what is compressed already (images, ZIP archives, XLSX workbooks), event
//! streams (a compressor holds back bytes a live page is waiting for) and tiny bodies.

use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub type Layer = CompressionLayer<
    tower_http::compression::predicate::And<
        tower_http::compression::predicate::And<DefaultPredicate, NotForContentType>,
        NotForContentType,
    >,
>;

pub fn layer() -> Layer {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new("application/vnd.openxmlformats"));
    CompressionLayer::new()
        .gzip(true)
        .br(true)
        .no_deflate()
        .no_zstd()
        // For brotli tower-http's default is level 4 (nginx's choice), not the crate's 11,
        // which costs tens of milliseconds on a large page.
        .quality(CompressionLevel::Default)
        .compress_when(predicate)
}

/// A compressed body is a different sequence of bytes than the one its strong ETag named
/// (RFC 9110 §8.8.1), so the tag becomes weak, as nginx does. `If-None-Match` compares weakly,
/// so a client's revalidation still matches.
pub async fn weaken_etag(mut res: Response) -> Response {
    if !res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let weak = match res.headers().get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(tag) if !tag.starts_with("W/") => HeaderValue::from_str(&format!("W/{tag}")).ok(),
        _ => None,
    };
    if let Some(weak) = weak {
        res.headers_mut().insert(header::ETAG, weak);
    }
    res
}
