//! Recruitment: job ads and what is made from them — the public board's feeds and
//! schema.org data, the organisation's logo, and the record sent to the national job market.
//!
//! The modules here are pure (no database, no HTTP server): they take an [`ad::JobAd`] and
//! produce documents, so pages and jobs can call them and tests can check them in isolation.

pub mod ad;
pub mod logo;
pub mod feed;
pub mod jsonld;
pub mod jobmarket;
