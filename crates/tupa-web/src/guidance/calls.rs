//! Video calls on the web: the call section of the space page (its data for
//! `space_call.html`), the browser module that runs a call (`/assets/space-call.js`), and the
//! API of the call log. Signalling itself travels on the space's live socket (`live.rs`).

use axum::Json;
use axum::extract::{Path, State};
use tupa_core::guidance::access::{self, InSpace, SpaceRole};
use tupa_core::guidance::call_log::{self, SpaceCall};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

/// How many calls the space page lists (the API gives the same window).
const LISTED: i64 = 100;

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_calls))
}

/// What the space page shows of calls: the controls for every member who may write, and the
/// call minutes for staff (a client sees no log).
pub struct CallSection {
    pub may_call: bool,
    pub shows_log: bool,
    pub calls: Vec<SpaceCall>,
    pub total_seconds: i64,
}

impl CallSection {
    pub async fn load(state: &AppState, place: &InSpace) -> Result<CallSection, AppError> {
        // The call minutes are the counsellor's (a professional was not there before consent).
        let shows_log = place.role == SpaceRole::Counsellor;
        let (calls, total_seconds) = if shows_log {
            (
                call_log::list(&state.db, &place.space, LISTED).await?,
                call_log::total_seconds(&state.db, &place.space).await?,
            )
        } else {
            (vec![], 0)
        };
        Ok(CallSection { may_call: place.may_write(), shows_log, calls, total_seconds })
    }
    pub fn total_shown(&self) -> String {
        call_log::shown(self.total_seconds)
    }
}

/// The space's video calls, newest first (the newest 100), with server-recorded times:
/// started, answered (`connected_at`), ended and the duration in seconds. For the
/// counsellors and professionals of the space; a client gets 403.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/calls", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SpaceCall>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_calls(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SpaceCall>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    if place.role != SpaceRole::Counsellor {
        return Err(tupa_core::Error::Forbidden.into());
    }
    Ok(Json(call_log::list(&state.db, &place.space, LISTED).await?))
}
