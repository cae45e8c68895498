//! Retention: applications go, with their files and history, a configured time
//! (`retention_days`, two years unless the organisation says otherwise) after the recruitment
//! closed (`job_ads.retention_from`, set when the ad closes and cleared when it reopens).
//! Each purge is logged with counts and the ad's id only — never who the applicants were.

use crate::audit::{self, By};
use crate::db::Db;
use crate::error::Result;
use crate::recruitment::settings::DEFAULT_RETENTION_DAYS;

const DAY: i64 = 24 * 3600;

/// What one run deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub ads: u64,
    pub applications: u64,
    pub files: u64,
    pub events: u64,
}

/// Deletes the applications whose retention ended by `at`. Safe to run in several processes:
/// deleting what another already deleted deletes nothing, and an ad without applications
/// left is not logged again.
pub async fn purge_expired(db: &Db, at: i64) -> Result<Purged> {
    super::public_changes::touched(db);
    let due: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.org_id, a.id, a.retention_from, s.retention_days FROM job_ads a LEFT JOIN recruitment_settings s ON s.org_id = a.org_id
         WHERE a.retention_from IS NOT NULL AND a.retention_from <= $1
         AND EXISTS (SELECT 1 FROM applications p WHERE p.org_id = a.org_id AND p.ad_id = a.id)",
    )
    .bind(at)
    .fetch_all(db.pool())
    .await?;
    let mut total = Purged::default();
    for (org_id, ad_id, from, days) in due {
        let days = days.unwrap_or(DEFAULT_RETENTION_DAYS);
        if from + days * DAY > at {
            continue;
        }
        let mut tx = db.begin().await?;
        let of_ad =
            "application_id IN (SELECT id FROM applications WHERE org_id = $1 AND ad_id = $2)";
        let files = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM application_files WHERE org_id = $1 AND {of_ad}"
        )))
        .bind(&org_id)
        .bind(&ad_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let events = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM application_events WHERE org_id = $1 AND {of_ad}"
        )))
        .bind(&org_id)
        .bind(&ad_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let applications = sqlx::query("DELETE FROM applications WHERE org_id = $1 AND ad_id = $2")
            .bind(&org_id)
            .bind(&ad_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if applications > 0 {
            audit::record(
                &mut tx,
                Some(&org_id),
                &By::system(),
                audit::Action::ApplicationsPurged,
                Some((audit::Target::JobAd, &ad_id)),
                serde_json::json!({"applications": applications, "files": files, "events": events, "retention_days": days, "retention_from": from}),
            )
            .await?;
        }
        tx.commit().await?;
        total.ads += u64::from(applications > 0);
        total.applications += applications;
        total.files += files;
        total.events += events;
    }
    Ok(total)
}

/// Runs [`purge_expired`] at start and then every hour until the process stops.
pub async fn purge_forever(db: Db) {
    loop {
        match purge_expired(&db, crate::db::now()).await {
            Ok(p) => {
                if p.applications > 0 {
                    tracing::info!(
                        ads = p.ads,
                        applications = p.applications,
                        files = p.files,
                        "expired applications deleted"
                    );
                }
                crate::jobs::beat(crate::jobs::Job::ApplicationRetention);
            }
            Err(e) => tracing::error!(error = %e, "application retention failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
