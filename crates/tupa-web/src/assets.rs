//! Static assets compiled into the binary (no files read at run time).
//!
//! Pages link each asset by a fingerprinted address, `/assets/tupa.<hash>.css`, where the
//! hash is of the content: such an address never changes meaning, so it is served with a
//! year's `max-age` and `immutable` and a browser never asks again. A new release has new
//! hashes, hence new addresses. The plain address (`/assets/tupa.css`) keeps working with an
//! hour's cache for pages cached before an upgrade and for hand-written links.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// One compiled-in file.
struct Asset {
    name: &'static str,
    body: &'static [u8],
    content_type: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "tupa.css",
        body: include_bytes!("../assets/tupa.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "board.css",
        body: include_bytes!("../assets/board.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "tupa.js",
        body: include_bytes!("../assets/tupa.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "desk.js",
        body: include_bytes!("../assets/desk.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "space-call.js",
        body: include_bytes!("../assets/space-call.js"),
        content_type: "text/javascript; charset=utf-8",
    },
];

const FAVICON_SVG: &[u8] = include_bytes!("../assets/favicon.svg");
/// The same mark as a 32×32 PNG inside an ICO container, for the browsers, feed readers and
/// crawlers that ask for `/favicon.ico` whatever the page links.
const FAVICON_ICO: &[u8] = include_bytes!("../assets/favicon.ico");

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=3600";

/// Fingerprinted file name (`tupa.1a2b3c4d5e6f7a8b.css`) → asset, and plain name → address.
struct Table {
    by_fingerprint: HashMap<String, &'static Asset>,
    address: HashMap<&'static str, String>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut by_fingerprint = HashMap::new();
    let mut address = HashMap::new();
    for asset in ASSETS {
        let file = fingerprinted(asset);
        address.insert(asset.name, format!("/assets/{file}"));
        by_fingerprint.insert(file, asset);
    }
    Table { by_fingerprint, address }
});

fn fingerprinted(asset: &Asset) -> String {
    let text = std::str::from_utf8(asset.body).expect("assets are text");
    let digest = tupa_core::identity::secrets::digest(text);
    let hash = &digest[..16];
    match asset.name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{}.{hash}", asset.name),
    }
}

/// The address pages use for an asset, e.g. `url("tupa.css")`. An unknown name is a
/// programming error caught by the tests that render every page; it falls back to the plain
/// address rather than failing a page.
pub fn url(name: &str) -> &'static str {
    match TABLE.address.get(name) {
        Some(a) => a.as_str(),
        None => {
            debug_assert!(false, "unknown asset {name}");
            "/assets/missing"
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assets/{file}", get(asset))
        .route("/favicon.svg", get(|| async { fixed("image/svg+xml", FAVICON_SVG) }))
        .route("/favicon.ico", get(|| async { fixed("image/x-icon", FAVICON_ICO) }))
}

async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if let Some(asset) = TABLE.by_fingerprint.get(file.as_str()) {
        // The address names the content: a conditional request can only be for the same bytes.
        if headers.contains_key(header::IF_NONE_MATCH)
            || headers.contains_key(header::IF_MODIFIED_SINCE)
        {
            return (StatusCode::NOT_MODIFIED, [(header::CACHE_CONTROL, IMMUTABLE)])
                .into_response();
        }
        return serve(asset.content_type, asset.body, IMMUTABLE);
    }
    match ASSETS.iter().find(|a| a.name == file) {
        Some(asset) => serve(asset.content_type, asset.body, SHORT),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn fixed(content_type: &'static str, body: &'static [u8]) -> Response {
    serve(content_type, body, SHORT)
}

fn serve(content_type: &'static str, body: &'static [u8], cache: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stylesheets are edited by many hands and merged often; a lost closing brace silently
    /// swallows every rule after it into a media query (it happened once).
    #[test]
    fn stylesheets_balance_their_braces() {
        for name in ["tupa.css", "board.css"] {
            let css = String::from_utf8_lossy(include_bytes_of(name)).to_string();
            let mut depth = 0i32;
            for (n, line) in css.lines().enumerate() {
                // Rules inside a media query are indented: one at the left edge inside a
                // block means the block above it was never closed.
                let at_edge =
                    line.starts_with(|c: char| c == '.' || c == '@' || c.is_ascii_alphabetic());
                assert!(!(depth > 0 && at_edge), "{name}:{}: inside an unclosed block", n + 1);
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                assert!(depth >= 0, "{name}:{}: a closing brace too many", n + 1);
            }
            assert_eq!(depth, 0, "{name}: unclosed block");
        }
    }

    fn include_bytes_of(name: &str) -> &'static [u8] {
        ASSETS.iter().find(|a| a.name == name).map(|a| a.body).unwrap()
    }

    #[test]
    fn addresses_name_the_content() {
        let css = url("tupa.css");
        assert!(css.starts_with("/assets/tupa.") && css.ends_with(".css"), "{css}");
        assert_eq!(css.len(), "/assets/tupa.".len() + 16 + ".css".len());
        // Different content, different address.
        assert_ne!(url("tupa.js"), url("space-call.js"));
        let file = css.trim_start_matches("/assets/");
        assert_eq!(TABLE.by_fingerprint[file].name, "tupa.css");
    }

    #[test]
    fn the_icon_is_an_ico_holding_a_png() {
        // ICONDIR: reserved 0, type 1 (icon), one image; the image data is a PNG.
        assert_eq!(&FAVICON_ICO[..6], &[0, 0, 1, 0, 1, 0]);
        let offset = u32::from_le_bytes(FAVICON_ICO[18..22].try_into().unwrap()) as usize;
        assert_eq!(&FAVICON_ICO[offset..offset + 8], b"\x89PNG\r\n\x1a\n");
    }
}
