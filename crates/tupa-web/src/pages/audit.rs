//! The audit log: an organisation's for its main admins, the whole installation's for
//! platform admins.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use tupa_core::audit::{self, Entry, Said};
use tupa_core::authz::{Permission, PlatformPermission};
use tupa_core::organisations::Organisation;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::page;

pub const PAGE_SIZE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(all)).route("/orgs/{slug}/audit", get(for_org))
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    ctx: &'a Ctx,
    org: Option<Organisation>,
    entries: Vec<Entry>,
    /// Each entry in words, in the reader's language (same order as `entries`).
    said: Vec<Said>,
    older: Option<i64>,
    can_admin: bool,
    tab: &'static str,
    /// The organisation's filters as given (form values) and as a query string for paging.
    filter: FilterForm,
}

/// The audit page's filters, as the form sends them: dates as `YYYY-MM-DD` (UTC days).
#[derive(Default)]
struct FilterForm {
    action: String,
    actor: String,
    target_type: String,
    target_id: String,
    from: String,
    to: String,
}

impl FilterForm {
    fn of(ctx: &Ctx) -> FilterForm {
        let q = |k: &str| ctx.query(k).map(|v| v.trim().to_string()).unwrap_or_default();
        FilterForm {
            action: q("action"),
            actor: q("actor"),
            target_type: q("target_type"),
            target_id: q("target_id"),
            from: q("from"),
            to: q("to"),
        }
    }

    /// The search: a date that does not parse is ignored (the field shows what was typed).
    fn filter(&self) -> audit::Filter {
        let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
        let day = |v: &str| {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(v, format).ok().map(|d| d.midnight().assume_utc().unix_timestamp())
        };
        audit::Filter {
            action: some(&self.action),
            actor: some(&self.actor),
            target_type: some(&self.target_type),
            target_id: some(&self.target_id),
            from: day(&self.from),
            to: day(&self.to).map(|t| t + 86399),
        }
    }

    /// `&name=value…` of the filters given, to keep them on the next page's link.
    pub fn query(&self) -> String {
        let pairs = [
            ("action", &self.action),
            ("actor", &self.actor),
            ("target_type", &self.target_type),
            ("target_id", &self.target_id),
            ("from", &self.from),
            ("to", &self.to),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("&{k}={}", urlencoding(v)))
            .collect()
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn urlencoding(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl AuditPage<'_> {
    /// The moment as an ISO 8601 UTC value for `<time datetime>`.
    pub fn iso(&self, at: &i64) -> String {
        time::OffsetDateTime::from_unix_timestamp(*at)
            .ok()
            .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
            .unwrap_or_default()
    }

    /// The action in words; an action without a translation shows its code.
    pub fn action(&self, code: &str) -> String {
        let key = format!("audit-{code}");
        let text = self.ctx.t(&key);
        if text == key { code.to_string() } else { text }
    }
}

fn before(ctx: &Ctx) -> Option<i64> {
    ctx.query("before").and_then(|b| b.parse().ok())
}

fn older(entries: &[Entry]) -> Option<i64> {
    (entries.len() as i64 == PAGE_SIZE).then(|| entries.last().map(|e| e.at - 1)).flatten()
}

async fn all(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ViewAllAuditLogs)?;
    let entries = audit::list(&state.db, None, PAGE_SIZE, before(&ctx)).await?;
    let said = audit::say(&state.db, ctx.lang, &entries).await?;
    page(&AuditPage {
        ctx: &ctx,
        said,
        org: None,
        older: older(&entries),
        entries,
        can_admin: false,
        tab: "audit",
        filter: FilterForm::default(),
    })
}

async fn for_org(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ViewAuditLog).await?;
    let filter = FilterForm::of(&ctx);
    let entries =
        audit::search(&state.db, &org.id, &filter.filter(), PAGE_SIZE, before(&ctx)).await?;
    let said = audit::say(&state.db, ctx.lang, &entries).await?;
    page(&AuditPage {
        ctx: &ctx,
        said,
        org: Some(org),
        older: older(&entries),
        entries,
        can_admin: true,
        tab: "audit",
        filter,
    })
}
