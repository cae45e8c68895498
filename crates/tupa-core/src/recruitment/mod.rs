//! Recruitment: job ads and what is made from them — the public board's feeds and
//! schema.org data, the organisation's logo, and the record sent to the national job market.
//!
//! `ad`, `logo`, `feed`, `jsonld` and `jobmarket` are pure (no database, no HTTP server):
//! they take an [`ad::JobAd`] and produce documents, so pages and jobs can call them and
//! tests can check them in isolation. `ads` (storage and workflow) and `settings` hold the
//! organisation's data.

pub mod ad;
pub mod logo;
pub mod feed;
pub mod jsonld;
pub mod jobmarket;
pub mod jobmarket_settings;
pub mod jobmarket_worker;
pub mod texts;
pub mod ads;
pub mod settings;
pub mod applications;
pub mod review;
pub mod templates;
pub mod retention;
pub mod board;
pub mod logos;
pub mod publishing;
pub mod demo_ads;
