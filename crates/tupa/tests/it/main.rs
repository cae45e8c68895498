//! One integration-test binary. Every test runs twice, on a fresh SQLite file and on a fresh
//! PostgreSQL database (created on TUPA_TEST_POSTGRES_URL's server and dropped afterwards),
//! against the real server on a random port.

mod helpers;

mod api_contract;
mod applications;
mod authz_matrix;
mod backup;
mod cli;
mod delegations;
mod desk_imap;
mod desk_live;
mod desk_mail;
mod desk_search;
mod desk_web;
mod desk_work;
mod forms;
mod guidance;
mod guidance_calls;
mod guidance_chat_files;
mod guidance_lifecycle;
mod guidance_materials;
mod guidance_materials_api;
mod guidance_meter;
mod guidance_professionals;
mod guidance_supervision;
mod guidance_tasks;
mod guidance_template_edit;
mod hardening_auth;
mod i18n;
mod identity;
mod jobs_board;
mod jobs_logo;
mod library;
mod limits;
mod mail;
mod mail_bounds;
mod observability;
mod oidc;
mod organisations;
mod privacy_accessibility;
mod privacy_requests;
mod privacy_retention;
mod recruitment_ads;
mod recruitment_jobmarket;
mod recruitment_texts;
mod reports;
mod schema;
mod support;
mod web;
mod web_caching;
