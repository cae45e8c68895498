//! The audit log in words: "Maija Meikäläinen created the job ad ”Kesätyöntekijä”" in the
//! reader's language, from an entry's action code, its actor and its target. Names are read
//! now (a renamed unit shows its current name); personal data of clients and applicants is
//! never named here, since a main admin reading the log may not see it elsewhere.

use std::collections::HashMap;

use super::{Action, Entry, Target};
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;

/// One entry said in words.
#[derive(Clone, Debug)]
pub struct Said {
    pub sentence: String,
}

/// The sentences for `entries`, in the same order.
pub async fn say(db: &Db, lang: Lang, entries: &[Entry]) -> Result<Vec<Said>> {
    let mut names: HashMap<(Target, String, String), Option<String>> = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let actor = match &e.actor_user_id {
            Some(id) => cached(&mut names, db, lang, Target::User, "", id).await?,
            None => None,
        };
        let actor = actor.unwrap_or_else(|| {
            if e.actor_label == "system" { lang.t("audit-system") } else { e.actor_label.clone() }
        });
        let thing = thing(&mut names, db, lang, e).await?;
        let thing =
            thing.map(|t| lang.t_args("audit-quoted", &[("thing", &t)])).unwrap_or_default();
        let sentence = match Action::parse(&e.action) {
            Some(a) => lang.t_args(&a.message_key(), &[("actor", &actor), ("thing", &thing)]),
            // Entries written before an action was renamed keep their code.
            None => format!("{actor}: {} {thing}", e.action),
        };
        out.push(Said { sentence: sentence.trim().to_string() });
    }
    Ok(out)
}

/// The name of the entry's target where it is not personal data of a member of the public.
async fn thing(
    names: &mut HashMap<(Target, String, String), Option<String>>,
    db: &Db,
    lang: Lang,
    e: &Entry,
) -> Result<Option<String>> {
    let org = e.org_id.clone().unwrap_or_default();
    let Some(id) = e.target_id.as_deref() else { return Ok(detail_name(e)) };
    // A kind of record this release does not know (an older one's) is only not named.
    let found = match e.target_type.as_deref().and_then(|t| t.parse::<Target>().ok()) {
        Some(Target::Ticket) => Some(id.to_string()),
        Some(Target::User) => cached(names, db, lang, Target::User, &org, id).await?,
        Some(Target::JobAd) => cached(names, db, lang, Target::JobAd, &org, id).await?,
        Some(Target::Unit) => cached(names, db, lang, Target::Unit, &org, id).await?,
        Some(Target::Organisation) => {
            cached(names, db, lang, Target::Organisation, &org, id).await?
        }
        _ => None,
    };
    Ok(found.or_else(|| detail_name(e)))
}

/// A name the entry's details carry (a queue's, a template's, an invited person's e-mail).
fn detail_name(e: &Entry) -> Option<String> {
    let details: serde_json::Value = serde_json::from_str(&e.details).ok()?;
    ["name", "title", "email"]
        .iter()
        .find_map(|k| details.get(*k).and_then(|v| v.as_str()))
        .filter(|v| !v.trim().is_empty())
        .map(str::to_string)
}

async fn cached(
    names: &mut HashMap<(Target, String, String), Option<String>>,
    db: &Db,
    lang: Lang,
    kind: Target,
    org: &str,
    id: &str,
) -> Result<Option<String>> {
    let key = (kind, org.to_string(), id.to_string());
    if let Some(found) = names.get(&key) {
        return Ok(found.clone());
    }
    let pool = db.pool();
    let found: Option<(String,)> = match kind {
        Target::User => {
            sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        }
        Target::JobAd => {
            // The reader's language first, then any the ad has.
            sqlx::query_as(
                "SELECT title FROM job_ad_texts WHERE org_id = $1 AND ad_id = $2 AND title <> ''
                 ORDER BY CASE WHEN lang = $3 THEN 0 ELSE 1 END, lang LIMIT 1",
            )
            .bind(org)
            .bind(id)
            .bind(lang.code())
            .fetch_optional(pool)
            .await?
        }
        Target::Unit => {
            sqlx::query_as("SELECT name FROM units WHERE org_id = $1 AND id = $2")
                .bind(org)
                .bind(id)
                .fetch_optional(pool)
                .await?
        }
        // The organisation (the only other kind [`thing`] names).
        _ => {
            sqlx::query_as("SELECT name FROM organisations WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        }
    };
    let found = found.map(|(n,)| n);
    names.insert(key, found.clone());
    Ok(found)
}
