//! Tupa's domain and storage. Capabilities (`organisations`, `identity`, later `desk`,
//! `guidance`, `recruitment`, …) stand on the shared kernel (`db`, `authz`, `audit`, `mail`,
//! `i18n`). This crate knows nothing of HTTP.

pub mod accessibility;
pub mod agreements;
pub mod announcements;
pub mod audit;
pub mod authz;
pub mod backup;
pub mod closed_set;
pub mod config;
pub mod data_requests;
pub mod db;
pub mod delegations;
pub mod demo;
pub mod desk;
pub mod error;
pub mod events;
pub mod figures;
pub mod guidance;
pub mod http;
pub mod i18n;
pub mod idempotency;
pub mod identity;
pub mod jobs;
pub mod library;
pub mod limits;
pub mod mail;
pub mod maintenance;
pub mod manage;
pub mod organisations;
pub mod recruitment;
pub mod reports;
pub mod retention;
pub mod secrets;
pub mod setup;
pub mod support;
pub mod throttle;

pub use error::{Checks, Error, FieldError, Result};
