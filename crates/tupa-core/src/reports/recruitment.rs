//! Recruitment's figures: ads published and closed, applications received, withdrawn and
//! selected, applications per ad, and the median days from applying to each pipeline stage.
//! Per staff member an ad (and its applications) is the recruiter's who wrote it.

use std::collections::BTreeMap;

use super::query::{count, rows};
use super::{Collect, Dynamic, Period, Raw, Scope, median};
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;

const DAY: f64 = 86_400.0;

pub(super) async fn compute(
    db: &Db,
    scope: &Scope,
    period: Period,
    lang: Lang,
    c: &mut Collect,
) -> Result<()> {
    for (id, col) in
        [("recruitment.ads.published", "published_at"), ("recruitment.ads.closed", "closed_at")]
    {
        let sql = format!(
            "SELECT COUNT(*) FROM job_ads d WHERE d.{col} >= :from AND d.{col} < :to AND {{org:d}} AND {{unit:d.unit_id}} AND {{person:d.created_by}}"
        );
        c.fixed.insert(id, Raw::count(count(db, &sql, scope, period).await?));
    }
    for (id, col) in [
        ("recruitment.applications.received", "created_at"),
        ("recruitment.applications.withdrawn", "withdrawn_at"),
        ("recruitment.applications.selected", "selected_at"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM applications a JOIN job_ads d ON d.org_id = a.org_id AND d.id = a.ad_id
             WHERE a.{col} >= :from AND a.{col} < :to AND {{org:a}} AND {{unit:d.unit_id}} AND {{person:d.created_by}}"
        );
        c.fixed.insert(id, Raw::count(count(db, &sql, scope, period).await?));
    }
    // Applications (whenever they came) per ad published in the period.
    let per_ad: Vec<(String, i64)> = rows(
        db,
        "SELECT d.id, (SELECT COUNT(*) FROM applications a WHERE a.org_id = d.org_id AND a.ad_id = d.id)
         FROM job_ads d WHERE d.published_at >= :from AND d.published_at < :to AND {org:d} AND {unit:d.unit_id} AND {person:d.created_by}",
        scope,
        period,
    )
    .await?;
    let apps: i64 = per_ad.iter().map(|(_, n)| n).sum();
    let avg = (!per_ad.is_empty()).then(|| apps as f64 / per_ad.len() as f64);
    c.fixed.insert("recruitment.applications.per_ad", Raw::of(avg, apps));

    // Days to each stage: from the application to the first move into the stage (moves made
    // in the period). Stage names are the organisation's own, so only its report has them.
    let Some(org_id) = &scope.org_id else { return Ok(()) };
    let moves: Vec<(Option<String>, i64, i64)> = rows(
        db,
        "SELECT e.body, a.created_at, MIN(e.at) FROM application_events e
         JOIN applications a ON a.org_id = e.org_id AND a.id = e.application_id
         JOIN job_ads d ON d.org_id = a.org_id AND d.id = a.ad_id
         WHERE e.kind = 'stage' AND e.at >= :from AND e.at < :to AND {org:e} AND {unit:d.unit_id} AND {person:d.created_by}
         GROUP BY e.application_id, e.body, a.created_at",
        scope,
        period,
    )
    .await?;
    let mut days: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (stage, applied, at) in moves {
        if let Some(stage) = stage {
            days.entry(stage).or_default().push((at - applied).max(0) as f64 / DAY);
        }
    }
    let settings = crate::recruitment::settings::get(db, org_id).await?;
    for stage in &settings.stages {
        let mut d = days.remove(&stage.id).unwrap_or_default();
        d.sort_by(f64::total_cmp);
        c.dynamic.push(Dynamic {
            family: 2,
            item: stage.id.clone(),
            name: stage.name(lang),
            raw: Raw::of(median(&d), d.len() as i64),
        });
    }
    Ok(())
}
