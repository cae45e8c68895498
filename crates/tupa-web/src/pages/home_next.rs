//! What waits for the person in one organisation, role by role. Each count comes from the
//! same checks the linked page makes, so a link is shown only where it opens.

use tupa_core::authz::{Actor, Permission};
use tupa_core::db::now;
use tupa_core::desk::{home_counts, queues};
use tupa_core::guidance::spaces;
use tupa_core::organisations::{Organisation, people};
use tupa_core::recruitment::{ads, logos};

use super::Next;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

/// Ads whose deadline is this close count as closing soon.
const CLOSING_SOON_SECS: i64 = 7 * 24 * 3600;

pub async fn of(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    org: &Organisation,
) -> Result<Vec<Next>, AppError> {
    let db = &state.db;
    let base = format!("/orgs/{}", org.slug);
    let mut next = vec![];
    if ctx.can_work_desk(org) {
        // The whole queue first: the counts below are ways into it.
        next.push(Next { text: ctx.t("tab-desk"), href: format!("{base}/desk") });
    }
    let mut say = |key: &str, count: String, href: String| {
        next.push(Next { text: ctx.ta(key, "count", &count), href });
    };
    if ctx.can_work_desk(org) {
        let counts = home_counts::home_counts(db, actor, org).await?;
        say("home-next-my-tickets", counts.mine.to_string(), format!("{base}/desk?assignee=me"));
        say(
            "home-next-unassigned-tickets",
            counts.unassigned.to_string(),
            format!("{base}/desk?assignee=unassigned"),
        );
        if !counts.overdue.is_zero() {
            say(
                "home-next-overdue-tickets",
                counts.overdue.to_string(),
                format!("{base}/desk?sla=breached"),
            );
        }
    }
    if ctx.can_recruit(org) {
        let t = now();
        let listed = ads::list(db, actor, org, ads::AdFilter::Published, ctx.lang).await?;
        let closing: Vec<_> =
            listed.iter().filter(|a| a.ad.deadline - t <= CLOSING_SOON_SECS).collect();
        say(
            "home-next-published-ads",
            listed.len().to_string(),
            format!("{base}/recruitment?status=published"),
        );
        for a in closing {
            next.push(Next {
                text: ctx.ta2(
                    "home-next-ad-closing",
                    "title",
                    &a.title,
                    "date",
                    &ctx.time(&a.ad.deadline),
                ),
                href: format!("{base}/recruitment/ads/{}", a.ad.id),
            });
        }
    }
    if ctx.can_guide(org) {
        let listed = spaces::list_for_member(db, &actor.user.id, Some(&org.id), 200).await?;
        for s in listed.iter().filter(|s| s.unread > 0) {
            next.push(Next {
                text: ctx.ta2(
                    "home-next-space-unread",
                    "title",
                    &s.title,
                    "count",
                    &s.unread.to_string(),
                ),
                href: format!("/spaces/{}", s.id),
            });
        }
        if listed.iter().all(|s| s.unread == 0) {
            let open = listed
                .iter()
                .filter(|s| s.status == tupa_core::guidance::SpaceStatus::Open)
                .count();
            let mut say = |key: &str, count: usize, href: String| {
                next.push(Next { text: ctx.ta(key, "count", &count.to_string()), href });
            };
            say("home-next-open-spaces", open, format!("{base}/spaces"));
        }
    }
    if actor.can(Permission::ManageUsers, org) {
        let pending = people::members(db, &org.id)
            .await?
            .into_iter()
            .filter(|m| m.invited && m.deactivated_at.is_none())
            .count();
        if pending > 0 {
            next.push(Next {
                text: ctx.ta("home-next-pending-invitations", "count", &pending.to_string()),
                href: format!("{base}/users"),
            });
        }
        if ctx.can_manage_desk(org) && queues::addresses(db, &org.id).await?.is_empty() {
            next.push(Next {
                text: ctx.t("home-next-desk-address"),
                href: format!("{base}/desk/settings"),
            });
        }
        if ctx.can_manage_recruitment(org) && logos::list(db, &org.id).await?.is_empty() {
            next.push(Next {
                text: ctx.t("home-next-recruitment-logo"),
                href: format!("{base}/recruitment/publishing"),
            });
        }
    }
    Ok(next)
}
