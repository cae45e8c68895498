//! The public job board, ad pages and feeds served from rendered bytes (issue 14): a national
//! job site polls an organisation's feed thousands of times between two changes, so the answer
//! is made once and sent as stored, like a static file.
//!
//! A copy cannot go stale: it is kept with the generation of the public data it was made from
//! (`tupa_core::recruitment::public_changes`) and the second from which an ad it could show
//! opens or closes; a lookup at another generation or after that second renders anew. A closed
//! ad is gone to the second, as when nothing was cached.
//!
//! Memory is bounded: at most [`CAP_BYTES`] of bodies, the least recently used dropped first;
//! keys are made from the filters as understood (unknown parameters and values add nothing;
//! a free-text search by its words folded and one space apart), and a key's own bytes count
//! with its body's, so endless variants of a search only push the least used copies out.

mod entry;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tupa_core::recruitment::board::Scope;
use tupa_core::recruitment::public_changes;

pub use entry::{Entry, Rendered, SameForEveryone, if_none_match};

use crate::AppState;
use crate::error::WebResult;

/// The most body bytes (all three forms) kept per process.
pub const CAP_BYTES: usize = 64 << 20;

/// The most board scopes (an organisation or unit looked up by its slugs) kept per process;
/// past it they are all dropped, so made-up slugs cannot grow memory (only found ones are
/// kept anyway).
const CAP_SCOPES: usize = 4096;

/// The public data's generation, read once per request (a query on SQLite): the board's
/// scope and the page are both checked against the same reading. None: nothing cached is
/// trusted (PostgreSQL without its listener).
#[derive(Clone, Copy, Debug)]
pub struct Generation(Option<u64>);

/// Reads the generation for one request.
pub async fn generation(state: &AppState) -> Result<Generation, tupa_core::Error> {
    Ok(Generation(public_changes::current(&state.db).await?))
}

/// Which kind of answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Board,
    Rss,
    Atom,
    Embed,
    Ad,
}

/// What makes two requests get the same bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub kind: Kind,
    /// The board's or ad's path (organisation and unit slugs, ad id).
    pub path: String,
    /// The filters as understood, in a fixed order, with the page number.
    pub query: String,
    /// The language of the text.
    pub lang: &'static str,
}

#[derive(Clone, Default)]
pub struct PublicCache {
    store: Arc<Mutex<Store>>,
}

#[derive(Default)]
struct Store {
    /// The generation every kept entry was made at.
    generation: u64,
    /// Each copy with its last use and the bytes it is counted for (body and key).
    map: HashMap<Key, (Arc<Entry>, u64, usize)>,
    bytes: usize,
    /// Boards' organisations and units by "org" or "org/unit" slug: a cached feed is then
    /// answered without looking its organisation, plan and units up every time. Organisations,
    /// units and plans bump the generation when they change (migration 0090).
    scopes: HashMap<String, Scope>,
    /// Use counter for least-recently-used eviction.
    clock: u64,
}

impl Store {
    /// Moves to `generation`: everything older is dropped (it may show what changed).
    fn at(&mut self, generation: u64) {
        if generation != self.generation {
            self.map.clear();
            self.scopes.clear();
            self.bytes = 0;
            self.generation = generation;
        }
    }

    fn evict(&mut self) {
        if self.bytes <= CAP_BYTES {
            return;
        }
        // Down to three quarters at once, so that a full cache sorts once per many inserts.
        let mut by_use: Vec<(u64, Key)> =
            self.map.iter().map(|(k, (_, used, _))| (*used, k.clone())).collect();
        by_use.sort_unstable_by_key(|(used, _)| *used);
        for (_, key) in by_use {
            if self.bytes <= CAP_BYTES / 4 * 3 {
                break;
            }
            if let Some((_, _, size)) = self.map.remove(&key) {
                self.bytes -= size;
            }
        }
    }
}

impl PublicCache {
    /// The copy for `key` if it is still true at `generation` and second `at`.
    fn get(&self, key: &Key, generation: u64, at: i64) -> Option<Arc<Entry>> {
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if generation < s.generation {
            // A reader that looked before a bump: not the newest, so no copy for it.
            return None;
        }
        s.at(generation);
        s.clock += 1;
        let clock = s.clock;
        match s.map.get_mut(key) {
            Some((e, used, _)) if at < e.valid_until => {
                *used = clock;
                Some(e.clone())
            }
            Some(_) => {
                if let Some((_, _, size)) = s.map.remove(key) {
                    s.bytes -= size;
                }
                None
            }
            None => None,
        }
    }

    /// Keeps a copy made from the data of `generation` (dropped if that has passed).
    fn put(&self, key: Key, generation: u64, entry: Arc<Entry>) {
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if generation < s.generation {
            return;
        }
        s.at(generation);
        s.clock += 1;
        let clock = s.clock;
        let size = entry.size() + key.path.len() + key.query.len();
        s.bytes += size;
        if let Some((_, _, old)) = s.map.insert(key, (entry, clock, size)) {
            s.bytes -= old;
        }
        s.evict();
    }

    /// The board scope kept under `slugs` at generation `g`.
    pub fn scope(&self, g: Generation, slugs: &str) -> Option<Scope> {
        let generation = g.0?;
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if generation < s.generation {
            return None;
        }
        s.at(generation);
        s.scopes.get(slugs).cloned()
    }

    /// Keeps a scope looked up from the data of generation `g`.
    pub fn put_scope(&self, g: Generation, slugs: String, scope: &Scope) {
        let Some(generation) = g.0 else { return };
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if generation < s.generation {
            return;
        }
        s.at(generation);
        if s.scopes.len() >= CAP_SCOPES {
            s.scopes.clear();
        }
        s.scopes.insert(slugs, scope.clone());
    }

    /// How many copies are kept and their bytes (for tests and metrics).
    pub fn stats(&self) -> (usize, usize) {
        let s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        (s.map.len(), s.bytes)
    }
}

/// Answers from the cache under `key`, or renders (and keeps the result when `key` is given
/// and the answer is a page to keep: 200, or the 410 of a closed ad). Without a key the answer
/// is still given an ETag, and `If-None-Match` still gets a 304.
///
/// `g` is read before anything the answer shows (the scope, the rendering): a change
/// committed meanwhile bumps past it, so what is kept is never newer than its tag says.
pub async fn serve<F, Fut>(
    state: &AppState,
    headers: &HeaderMap,
    g: Generation,
    key: Option<Key>,
    render: F,
) -> WebResult
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, crate::error::AppError>>,
{
    let generation = key.as_ref().and(g.0);
    if let (Some(key), Some(g)) = (&key, generation)
        && let Some(e) = state.public_cache.get(key, g, tupa_core::db::now())
    {
        return Ok(e.respond(headers));
    }
    let rendered = render().await?;
    let keep = matches!(rendered.response.status(), StatusCode::OK | StatusCode::GONE);
    if !keep {
        return Ok(rendered.response);
    }
    let kept = key.zip(generation);
    let entry = Arc::new(
        Entry::from_rendered(rendered, kept.is_some())
            .await
            .map_err(|e| tupa_core::Error::Unexpected(anyhow::anyhow!("render: {e}")))?,
    );
    if let Some((key, g)) = kept {
        state.public_cache.put(key, g, entry.clone());
    }
    Ok(entry.respond(headers))
}

/// A response as rendered, for handlers that need it with the cache's headers.
pub fn rendered(response: Response, valid_until: i64, cache_control: &'static str) -> Rendered {
    Rendered { response, valid_until, cache_control }
}
