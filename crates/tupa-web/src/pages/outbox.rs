//! The outbox (platform admins): every message the installation has written, sent or
//! captured. In training nothing leaves; this is where trainers read the mail.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use tupa_core::authz::PlatformPermission;
use tupa_core::mail::outbox::{self, OutboxMail};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::page;

pub fn router() -> Router<AppState> {
    Router::new().route("/outbox", get(list)).route("/outbox/{id}", get(show))
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage<'a> {
    ctx: &'a Ctx,
    mails: Vec<OutboxMail>,
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ReadOutbox)?;
    page(&OutboxPage { ctx: &ctx, mails: outbox::list(&state.db, 200).await? })
}

#[derive(Template)]
#[template(path = "outbox_mail.html")]
struct MailPage<'a> {
    ctx: &'a Ctx,
    mail: OutboxMail,
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ReadOutbox)?;
    page(&MailPage { ctx: &ctx, mail: outbox::get(&state.db, &id).await? })
}
