//! Server-rendered pages, one module per area. Forms post and pages redirect, so everything
//! works without JavaScript.

mod accessibility;
mod agreements;
mod announcements;
mod applications;
mod apply;
mod audit;
mod auth;
mod contact;
mod delegations;
mod desk;
mod desk_live;
mod desk_settings;
mod health;
mod home;
mod identification;
mod jobmarket;
mod jobs;
mod jobs_publishing;
mod library;
mod orgs;
mod outbox;
mod plans;
mod profile;
mod recruitment;
mod recruitment_settings;
mod recruitment_templates;
mod recruitment_texts;
mod retention;
mod sso_settings;
mod staff_sso;
mod support;
mod units;
mod users;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(home::router())
        .merge(orgs::router())
        .merge(units::router())
        .merge(users::router())
        .merge(plans::router())
        .merge(audit::router())
        .merge(profile::router())
        .merge(outbox::router())
        .merge(desk::router())
        .merge(desk_live::router())
        .merge(desk_settings::router())
        .merge(contact::router())
        .merge(recruitment::router())
        .merge(apply::router())
        .merge(applications::router())
        .merge(recruitment_templates::router())
        .merge(jobmarket::router())
        .merge(recruitment_texts::router())
        .merge(jobs::router())
        .merge(jobs_publishing::router())
        .merge(identification::router())
        .merge(staff_sso::router())
        .merge(sso_settings::router())
        .merge(retention::router())
        .merge(accessibility::router())
        .merge(library::router())
        .merge(support::router())
        .merge(delegations::router())
        .merge(announcements::router())
        .merge(agreements::router())
}

/// Redirect after a successful form, with a confirmation to show (`notice-<key>`). The query
/// goes before a `#fragment` (after it, the browser would keep it out of the request).
pub fn done(path: &str, notice: &str) -> Response {
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (path, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{sep}notice={notice}{fragment}")).into_response()
}
