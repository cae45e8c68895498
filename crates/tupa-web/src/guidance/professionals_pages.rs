//! Professionals on the space page (templates/space_professionals.html), working without
//! JavaScript: the counsellor's proposal form, the client's consent request (consent or
//! decline, saying who, from which organisation and why), revocation, and the join page the
//! professional's mailed link opens.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::guidance::access::{self, InSpace, SpaceRole};
use tupa_core::guidance::professionals::{
    self, ConsentDecision, ConsentStatus, NewProfessional, Professional,
};
use tupa_core::guidance::spaces::Space;
use tupa_core::organisations::Organisation;

use super::pages::{SpaceForms, render_space_with};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::pages::done;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces/{id}/professionals", post(propose))
        .route("/spaces/{id}/professionals/{professional_id}/consent", post(decide))
        .route("/spaces/{id}/professionals/{professional_id}/revoke", post(revoke))
        .route("/spaces/professional/{token}", get(join_page).post(join))
}

/// The section's data: the proposals with what the viewer may do about them.
pub struct ProfessionalsView {
    pub list: Vec<Professional>,
    pub form: FormState,
    pub is_client: bool,
    pub is_counsellor: bool,
}

impl ProfessionalsView {
    pub async fn load(state: &AppState, place: &InSpace, form: FormState) -> WebResult<Self> {
        // A professional is not shown the other proposals (nor declined ones).
        let list = if place.role == SpaceRole::Professional {
            vec![]
        } else {
            professionals::list(&state.db, &place.space).await?
        };
        Ok(ProfessionalsView {
            list,
            form,
            is_client: place.role == SpaceRole::Client,
            is_counsellor: place.role == SpaceRole::Counsellor,
        })
    }
    pub fn shown(&self) -> bool {
        self.is_client || self.is_counsellor
    }
    pub fn status_key(&self, p: &Professional) -> String {
        format!("professional-status-{}", p.status.as_str())
    }
    pub fn awaits_client(&self, p: &Professional) -> bool {
        self.is_client && p.status == ConsentStatus::Proposed
    }
    pub fn revocable(&self, p: &Professional) -> bool {
        p.status.is_live()
    }
}

#[derive(Deserialize)]
struct ProposeForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organisation_name: String,
    #[serde(default)]
    purpose: String,
}

async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ProposeForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let input = NewProfessional {
        email: f.email.clone(),
        name: f.name.clone(),
        organisation_name: f.organisation_name.clone(),
        purpose: f.purpose.clone(),
    };
    match professionals::propose(&state.db, &state.settings, actor, &place, &input).await {
        Ok(_) => Ok(done(&format!("/spaces/{id}#professionals"), "professional-proposed")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("email", f.email.as_str()),
                ("name", f.name.as_str()),
                ("organisation_name", f.organisation_name.as_str()),
                ("purpose", f.purpose.as_str()),
            ]);
            // The form's inputs carry a prefix: the space page holds other forms' fields.
            let form = form.with_anchors(|field| Some(format!("f-pro-{field}")));
            let forms = SpaceForms { professional: form, ..Default::default() };
            render_space_with(&state, &ctx, place, forms, status).await
        }
    }
}

#[derive(Deserialize)]
struct DecideForm {
    /// A [`ConsentDecision`] word.
    #[serde(default)]
    decision: String,
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, professional_id)): Path<(String, String)>,
    Form(f): Form<DecideForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let decision: ConsentDecision = f.decision.parse()?;
    let notice = match decision {
        ConsentDecision::Consent => "professional-consented",
        ConsentDecision::Decline => "professional-declined",
    };
    professionals::decide(&state.db, &state.settings, actor, &place, &professional_id, decision)
        .await?;
    Ok(done(&format!("/spaces/{id}#professionals"), notice))
}

async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, professional_id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    professionals::revoke(&state.db, actor, &place, &professional_id).await?;
    Ok(done(&format!("/spaces/{id}#professionals"), "professional-revoked"))
}

#[derive(Template)]
#[template(path = "space_professional_join.html")]
struct JoinPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    pro: Professional,
    token: String,
    form: FormState,
    /// The link is for the signed-in person's address.
    signed_in_as_invited: bool,
}

async fn render_join(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let (space, pro): (Space, Professional) = match professionals::peek(&state.db, token).await {
        Ok(found) => found,
        Err(e) if e.code() == "link-invalid" => {
            return Ok(crate::render::error_page(ctx, StatusCode::GONE, "link-invalid"));
        }
        Err(e) => return Err(e.into()),
    };
    let org = tupa_core::organisations::by_id(&state.db, &space.org_id).await?;
    let signed_in_as_invited =
        ctx.actor.as_ref().is_some_and(|a| a.user.email.eq_ignore_ascii_case(&pro.email));
    let token = token.to_string();
    page_with_status(status, &JoinPage { ctx, org, pro, token, form, signed_in_as_invited })
}

/// The mailed link: who invites, then a button to join (signed in with the invited address)
/// or the way to sign in first. The page shows no space content before joining.
async fn join_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    render_join(&state, &ctx, &token, FormState::new(), StatusCode::OK).await
}

async fn join(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    match professionals::join(&state.db, actor, &token, ctx.ip()).await {
        Ok(space) => Ok(Redirect::to(&format!("/spaces/{}", space.id)).into_response()),
        Err(e) if e.code() == "link-invalid" => {
            Ok(crate::render::error_page(&ctx, StatusCode::GONE, "link-invalid"))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_join(&state, &ctx, &token, form, status).await
        }
    }
}
