//! One cached answer: the body as rendered and its gzip and brotli forms, made once, then sent
//! as they are with `Content-Encoding` (the compression layer leaves a response that already has
//! one alone), or a 304 when the client's copy is the same.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Every cached answer varies with these (the language comes from the cookie or
/// Accept-Language, and a signed-in person gets a page of their own).
const VARY: &str = "Accept-Encoding, Accept-Language, Cookie";

/// Marks an answer made of cached bytes, the same for every visitor: it carries no form token,
/// so a first visit gets no form-token cookie with it either (`ctx::finish`; the first page
/// with a form sets one). Without the cookie the answer is also one a shared HTTP cache may
/// keep, and a visitor's first request costs no new token.
#[derive(Clone, Copy)]
pub struct SameForEveryone;

pub struct Entry {
    pub status: StatusCode,
    content_type: HeaderValue,
    /// Strong: names the identity bytes. `compression::weaken_etag` makes it weak on a
    /// compressed answer, and `If-None-Match` compares weakly, so both forms revalidate.
    etag: HeaderValue,
    cache_control: HeaderValue,
    /// The embeddable list may be framed by other sites (`security::Framable`).
    framable: bool,
    identity: Bytes,
    /// None when not compressed here (an answer that is not kept): the layer compresses it.
    gzip: Option<Bytes>,
    br: Option<Bytes>,
    /// Unix second from which this copy is no longer true (an ad it could show opens or
    /// closes then).
    pub valid_until: i64,
}

/// What a handler rendered, before it is made an [`Entry`].
pub struct Rendered {
    pub response: Response,
    pub valid_until: i64,
    pub cache_control: &'static str,
}

impl Entry {
    /// Reads the rendered response; with `compress`, also makes its gzip and brotli forms
    /// (off the async threads: a 200-item feed is hundreds of kilobytes).
    pub async fn from_rendered(r: Rendered, compress: bool) -> Result<Entry, axum::Error> {
        let status = r.response.status();
        let framable = r.response.extensions().get::<crate::security::Framable>().is_some();
        let content_type = r
            .response
            .headers()
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        let identity = axum::body::to_bytes(r.response.into_body(), usize::MAX).await?;
        let etag = format!("\"{}\"", &tupa_core::identity::secrets::digest_bytes(&identity)[..32]);
        let (gzip, br) = if compress {
            let body = identity.clone();
            tokio::task::spawn_blocking(move || (gzip(&body), brotli(&body)))
                .await
                .map(|(g, b)| (Some(g), Some(b)))
                .unwrap_or((None, None))
        } else {
            (None, None)
        };
        Ok(Entry {
            status,
            content_type,
            etag: HeaderValue::from_str(&etag).expect("hex"),
            cache_control: HeaderValue::from_static(r.cache_control),
            framable,
            identity,
            gzip,
            br,
            valid_until: r.valid_until,
        })
    }

    /// Bytes held (for the cache's memory cap).
    pub fn size(&self) -> usize {
        self.identity.len()
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + self.br.as_ref().map_or(0, Bytes::len)
            + 256
    }

    pub fn etag(&self) -> &str {
        self.etag.to_str().unwrap_or("")
    }

    /// The answer to a request with these headers.
    pub fn respond(&self, headers: &HeaderMap) -> Response {
        // Preconditions apply to successful answers only (RFC 9110 §13.2.1), not to the 410
        // of a closed ad.
        let unchanged = self.status == StatusCode::OK && if_none_match(headers, self.etag());
        let mut res = if unchanged {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let (encoding, body) = match accepted(headers) {
                Encoding::Br if self.br.is_some() => (Some("br"), self.br.clone()),
                Encoding::Br | Encoding::Gzip if self.gzip.is_some() => {
                    (Some("gzip"), self.gzip.clone())
                }
                _ => (None, None),
            };
            let mut res =
                (self.status, body.unwrap_or_else(|| self.identity.clone())).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, self.content_type.clone());
            if let Some(e) = encoding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
            }
            res
        };
        if self.framable {
            res.extensions_mut().insert(crate::security::Framable);
        }
        res.extensions_mut().insert(SameForEveryone);
        let h = res.headers_mut();
        h.insert(header::ETAG, self.etag.clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static(VARY));
        res
    }
}

/// True when the client's `If-None-Match` names this tag (weak comparison, `*` too).
pub fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == etag
        })
}

#[derive(Debug, PartialEq, Eq)]
enum Encoding {
    Br,
    Gzip,
    Identity,
}

/// The best form the client accepts: brotli, then gzip (a `q=0` refuses one).
fn accepted(headers: &HeaderMap) -> Encoding {
    let mut br = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name.as_str() {
                "br" => br = !refused,
                "gzip" | "x-gzip" => gzip = !refused,
                _ => {}
            }
        }
    }
    if br {
        Encoding::Br
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8]) -> Bytes {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = e.write_all(body);
    Bytes::from(e.finish().unwrap_or_default())
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    // Quality 9: made once per change and sent many times, so a smaller result is worth more
    // than the layer's per-request level 4; 11 costs seconds on a 200-item feed.
    let params = brotli::enc::BrotliEncoderParams { quality: 9, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut std::io::Cursor::new(body), &mut out, &params);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: header::HeaderName, v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn picks_the_best_accepted_encoding() {
        assert_eq!(accepted(&with(header::ACCEPT_ENCODING, "gzip, deflate, br")), Encoding::Br);
        assert_eq!(accepted(&with(header::ACCEPT_ENCODING, "gzip, br;q=0")), Encoding::Gzip);
        assert_eq!(accepted(&with(header::ACCEPT_ENCODING, "identity")), Encoding::Identity);
        assert_eq!(accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn weak_and_strong_tags_match() {
        assert!(if_none_match(&with(header::IF_NONE_MATCH, "W/\"ab\""), "\"ab\""));
        assert!(if_none_match(&with(header::IF_NONE_MATCH, "\"x\", \"ab\""), "\"ab\""));
        assert!(!if_none_match(&with(header::IF_NONE_MATCH, "\"abc\""), "\"ab\""));
    }

    #[test]
    fn compressed_forms_decode_to_the_same_bytes() {
        use std::io::Read;
        let body = "<p>Sairaanhoitaja</p>".repeat(200);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&gzip(body.as_bytes())[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, body);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(body.as_bytes())[..], &mut out).unwrap();
        assert_eq!(out, body.as_bytes());
    }
}
