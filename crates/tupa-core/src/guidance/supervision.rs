//! The supervisor's view of guidance (issue 8: "supervisor — goals and reports, no
//! conversation content"): the organisation's spaces with their lifecycle dates, counsellors,
//! activity, task counts and how the client's life-situation meter moved, and nothing of
//! what was said. No titles (a counsellor may name a space after its client), no client
//! names or addresses, no messages, summaries, task texts or answers, no files.
//!
//! Scope follows role grants: a supervisor granted the role for the whole organisation sees
//! every space; one granted it for units sees the spaces whose counsellors hold their
//! counsellor role in those units or units below them.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::access::SpaceStatus;
use super::tasks;
use crate::authz::{Actor, Permission, require_capability};
use crate::db::Db;
use crate::error::Result;
use crate::organisations::Organisation;
use crate::organisations::people::Role;
use crate::organisations::plans::Capability;

/// Most spaces listed at once, newest activity first.
pub const LISTED: i64 = 1000;

/// How one area of the meter moved between the client's first and latest answer.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AreaChange {
    /// The area's key in the space's meter.
    pub area: String,
    pub first: i64,
    pub latest: i64,
}

/// A space as a supervisor sees it: figures only.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SupervisedSpace {
    pub id: String,
    pub status: SpaceStatus,
    /// The display names of the space's counsellors.
    pub counsellors: Vec<String>,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub archived_at: Option<i64>,
    /// The latest activity in the space (anything written or added).
    pub last_activity_at: i64,
    pub tasks_given: i64,
    pub tasks_done: i64,
    pub tasks_overdue: i64,
    /// How many times the client answered the meter.
    pub meter_answers: i64,
    /// The meter of the first and latest answers, when there are any.
    pub meter_id: Option<String>,
    /// Per area, the first and the latest answer (areas in both).
    pub meter_change: Vec<AreaChange>,
}

/// The organisation `slug` for a supervisor, with the guidance capability.
pub async fn supervised_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = actor.organisation(db, slug, Permission::SuperviseGuidance).await?;
    require_capability(db, &org, Capability::Guidance).await?;
    Ok(org)
}

/// The units the actor supervises in `org`; None for the whole organisation.
fn scope(actor: &Actor, org: &Organisation) -> Option<HashSet<String>> {
    let grants: Vec<_> = actor
        .memberships
        .iter()
        .filter(|m| m.org_id == org.id && m.role == Role::Supervisor)
        .collect();
    if grants.iter().any(|m| m.unit_id.is_none()) {
        return None;
    }
    Some(grants.iter().filter_map(|m| m.unit_id.clone()).collect())
}

type SpaceRow = (String, String, i64, Option<i64>, Option<i64>, i64);

/// The spaces the actor supervises in `org`, newest activity first.
pub async fn overview(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<SupervisedSpace>> {
    let rows: Vec<SpaceRow> = sqlx::query_as(
        "SELECT id, status, created_at, closed_at, archived_at, updated_at FROM guidance_spaces
         WHERE org_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2",
    )
    .bind(&org.id)
    .bind(LISTED)
    .fetch_all(db.pool())
    .await?;
    // The counsellors present in each space, with the units they counsel in.
    let members: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT m.space_id, m.user_id, u.display_name FROM space_members m
         JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.role = 'counsellor' AND m.left_at IS NULL
         ORDER BY u.display_name",
    )
    .bind(&org.id)
    .fetch_all(db.pool())
    .await?;
    let units: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT user_id, unit_id FROM role_grants
         WHERE org_id = $1 AND role = $2 AND revoked_at IS NULL",
    )
    .bind(&org.id)
    .bind(Role::Counsellor.as_str())
    .fetch_all(db.pool())
    .await?;
    let mut counsellor_units: HashMap<String, HashSet<String>> = HashMap::new();
    for (user, unit) in units {
        if let Some(unit) = unit {
            counsellor_units.entry(user).or_default().insert(unit);
        }
    }
    let mut counsellors: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (space, user, name) in members {
        counsellors.entry(space).or_default().push((user, name));
    }
    // A unit's supervisor also supervises the units below it.
    let scope = match scope(actor, org) {
        None => None,
        Some(roots) => {
            let all = crate::organisations::units::list(db, &org.id).await?;
            Some(
                roots
                    .iter()
                    .flat_map(|r| crate::organisations::units::subtree(&all, r))
                    .collect::<HashSet<String>>(),
            )
        }
    };
    let in_scope = |space_id: &str| match &scope {
        None => true,
        Some(mine) => counsellors.get(space_id).is_some_and(|cs| {
            cs.iter().any(|(user, _)| {
                counsellor_units.get(user).is_some_and(|u| u.iter().any(|x| mine.contains(x)))
            })
        }),
    };

    let mut task_counts: HashMap<String, (i64, i64, i64)> = HashMap::new();
    let today = tasks::today();
    let task_rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT space_id, status, due_on FROM space_tasks WHERE org_id = $1")
            .bind(&org.id)
            .fetch_all(db.pool())
            .await?;
    for (space, status, due_on) in task_rows {
        let c = task_counts.entry(space).or_default();
        let done = status == "done";
        c.0 += 1;
        c.1 += i64::from(done);
        c.2 += i64::from(!done && due_on.as_deref().is_some_and(|d| d < today.as_str()));
    }

    // First and latest meter answers per space (values only; the comment is content).
    let answers: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT space_id, meter_id, answer_values FROM meter_answers WHERE org_id = $1
         ORDER BY created_at, id",
    )
    .bind(&org.id)
    .fetch_all(db.pool())
    .await?;
    type Values = BTreeMap<String, i64>;
    /// Answers seen, and the first and the latest (instrument, values).
    type FirstAndLatest = (i64, (String, Values), (String, Values));
    let mut meters: HashMap<String, FirstAndLatest> = HashMap::new();
    for (space, meter_id, values) in answers {
        let Ok(values) = serde_json::from_str::<Values>(&values) else { continue };
        meters
            .entry(space)
            .and_modify(|m| {
                m.0 += 1;
                m.2 = (meter_id.clone(), values.clone());
            })
            .or_insert((1, (meter_id.clone(), values.clone()), (meter_id, values)));
    }

    let mut out = vec![];
    for (id, status, opened_at, closed_at, archived_at, updated_at) in rows {
        if !in_scope(&id) {
            continue;
        }
        let (given, done, overdue) = task_counts.get(&id).copied().unwrap_or_default();
        let (meter_answers, meter_id, meter_change) = match meters.get(&id) {
            Some((n, (first_meter, first), (latest_meter, latest))) => {
                let change = if first_meter == latest_meter {
                    first
                        .iter()
                        .filter_map(|(area, f)| {
                            latest.get(area).map(|l| AreaChange {
                                area: area.clone(),
                                first: *f,
                                latest: *l,
                            })
                        })
                        .collect()
                } else {
                    // The counsellor changed the meter: the areas are not comparable.
                    vec![]
                };
                (*n, Some(latest_meter.clone()), change)
            }
            None => (0, None, vec![]),
        };
        out.push(SupervisedSpace {
            counsellors: counsellors
                .get(&id)
                .map(|cs| cs.iter().map(|(_, name)| name.clone()).collect())
                .unwrap_or_default(),
            id,
            status: SpaceStatus::try_from(status)?,
            opened_at,
            closed_at,
            archived_at,
            last_activity_at: updated_at,
            tasks_given: given,
            tasks_done: done,
            tasks_overdue: overdue,
            meter_answers,
            meter_id,
            meter_change,
        });
    }
    Ok(out)
}
