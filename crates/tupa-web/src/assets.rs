//! Static assets compiled into the binary (no files read at run time).

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

const CSS: &str = include_str!("../assets/tupa.css");
const BOARD_CSS: &str = include_str!("../assets/board.css");
const JS: &str = include_str!("../assets/tupa.js");
const FAVICON: &str = include_str!("../assets/favicon.svg");

// Versioned by content length and crate version so a new release is fetched afresh.
const CACHE: &str = "public, max-age=3600";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/assets/tupa.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, CACHE),
                    ],
                    CSS,
                )
                    .into_response()
            }),
        )
        .route(
            "/assets/board.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, CACHE),
                    ],
                    BOARD_CSS,
                )
                    .into_response()
            }),
        )
        .route(
            "/assets/tupa.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, CACHE),
                    ],
                    JS,
                )
                    .into_response()
            }),
        )
        .route(
            "/favicon.svg",
            get(|| async {
                ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, CACHE)], FAVICON)
                    .into_response()
            }),
        )
}
