//! Recruitment settings for main admins: approval, pipeline stages, anonymised review,
//! retention, applicants' file limits and the consent text.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::ads;
use tupa_core::recruitment::settings::{self, RecruitmentSettings, Stage};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{slug}/recruitment/settings", get(show).post(save))
}

#[derive(Template)]
#[template(path = "recruitment_settings.html")]
struct SettingsPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    settings: RecruitmentSettings,
    form: FormState,
    langs: [Lang; 3],
    can_admin: bool,
    tab: &'static str,
}

/// Stages as typed: one per line, `id` or `id | Finnish name | Swedish name | English name`.
fn stage_lines(stages: &[Stage]) -> String {
    stages
        .iter()
        .map(|s| {
            if s.names.is_empty() {
                s.id.clone()
            } else {
                let name = |l: Lang| s.names.get(&l).cloned().unwrap_or_default();
                format!("{} | {} | {} | {}", s.id, name(Lang::Fi), name(Lang::Sv), name(Lang::En))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_stages(text: &str) -> Vec<Stage> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            let id = parts.next().unwrap_or_default().to_string();
            let names: BTreeMap<Lang, String> = Lang::ALL
                .into_iter()
                .zip(parts)
                .filter(|(_, n)| !n.is_empty())
                .map(|(l, n)| (l, n.to_string()))
                .collect();
            Stage { id, names }
        })
        .collect()
}

fn values_of(s: &RecruitmentSettings) -> Vec<(String, String)> {
    let mut v = vec![
        (
            "approval_required".to_string(),
            if s.approval_required { "true".into() } else { String::new() },
        ),
        ("stages".into(), stage_lines(&s.stages)),
        ("anonymous_until_stage".into(), s.anonymous_until_stage.clone().unwrap_or_default()),
        ("retention_days".into(), s.retention_days.to_string()),
        ("max_files".into(), s.max_files.to_string()),
        ("max_file_mb".into(), format!("{}", s.max_file_bytes as f64 / (1024.0 * 1024.0))),
    ];
    for (lang, text) in &s.consent_text {
        v.push((format!("consent_{lang}"), text.clone()));
    }
    v
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: Option<FormState>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, slug, Permission::ManageRecruitment).await?;
    let settings = settings::get(&state.db, &org.id).await?;
    let form = form.unwrap_or_else(|| {
        let values = values_of(&settings);
        FormState::new().with_values(values.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &SettingsPage { ctx, org, settings, form, langs: Lang::ALL, can_admin, tab: "recruitment" },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, None, StatusCode::OK).await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    let number = |k: &str| get1(&pairs, k).trim().replace(',', ".").parse::<f64>().ok();
    let input = RecruitmentSettings {
        approval_required: get1(&pairs, "approval_required") == "true",
        stages: parse_stages(get1(&pairs, "stages")),
        anonymous_until_stage: Some(get1(&pairs, "anonymous_until_stage").to_string())
            .filter(|s| !s.is_empty()),
        // Unreadable numbers become out of range, so the check names the field.
        retention_days: number("retention_days").map(|n| n as i64).unwrap_or(-1),
        max_files: number("max_files").map(|n| n as i64).unwrap_or(-1),
        max_file_bytes: number("max_file_mb").map(|mb| (mb * 1024.0 * 1024.0) as i64).unwrap_or(-1),
        consent_text: Lang::ALL
            .into_iter()
            .map(|l| (l, get1(&pairs, &format!("consent_{l}")).trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect(),
    };
    match settings::update(&state.db, actor, ctx.ip(), &org, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/settings"), "saved")),
        Err(e) => {
            // The form asks for megabytes where the service checks bytes.
            let e = e.renamed(|f| if f == "max_file_bytes" { "max_file_mb" } else { f });
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            render(&state, &ctx, &slug, Some(form), status).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_lines_round_trip() {
        let text = "received\ntest | Soveltuvuusarviointi | Lämplighetsbedömning | Aptitude test\n\n  interview  ";
        let stages = parse_stages(text);
        assert_eq!(stages.len(), 3);
        assert_eq!(stages[1].names[&Lang::Sv], "Lämplighetsbedömning");
        assert_eq!(parse_stages(&stage_lines(&stages)), stages);
    }
}
