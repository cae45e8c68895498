//! Recruitment: job ads and what is made from them — the public board's feeds and
//! schema.org data, the organisation's logo, and the record sent to the national job market.
//!
//! `ad`, `logo`, `feed`, `jsonld` and `jobmarket` are pure (no database, no HTTP server):
//! they take an [`ad::JobAd`] and produce documents, so pages and jobs can call them and
//! tests can check them in isolation. `ads` (storage and workflow) and `settings` hold the
//! organisation's data.

pub mod ad;
pub mod ads;
pub mod applications;
pub mod board;
pub mod demo_ads;
pub mod feed;
pub mod jobmarket;
pub mod jobmarket_settings;
pub mod jobmarket_worker;
pub mod jsonld;
pub mod logo;
pub mod logos;
pub mod public_changes;
pub mod publishing;
pub mod retention;
pub mod review;
pub mod settings;
pub mod templates;
pub mod texts;
