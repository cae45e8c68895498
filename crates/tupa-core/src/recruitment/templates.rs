//! Message and document templates for applicants, per organisation, in Finnish, Swedish and
//! English, with merge tags filled in for one application.
//!
//! Recruiters use them (a message from a template is mailed through the outbox; a document is
//! a text to download). Main admins write them — where the plan lets main admins change the
//! organisation's settings; otherwise the operator does it for them (seed 000: "asiakirja- ja
//! viestipohjien muokkaus" is the operator's service for such customers).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// The tags a template may use. Unknown `{…}` text is left as written.
pub const MERGE_TAGS: [&str; 6] =
    ["first_name", "last_name", "ad_title", "organisation", "reference", "recruiter"];

crate::closed_set! {
    /// What a recruitment template makes: a message mailed to the applicant, or a document.
    #[derive(utoipa::ToSchema)]
    pub enum TemplateKind ("kind", "template-kind-invalid") {
        Message = "message",
        Document = "document",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TemplateText {
    /// The mail subject of a message, the title of a document.
    #[serde(default)]
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RecruitmentTemplate {
    pub id: String,
    pub kind: TemplateKind,
    pub name: String,
    pub texts: BTreeMap<Lang, TemplateText>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl RecruitmentTemplate {
    /// The text in `lang`, else Finnish, Swedish, English: the first the template has.
    pub fn text_for(&self, lang: Lang) -> Option<&TemplateText> {
        std::iter::once(lang).chain(Lang::ALL).find_map(|l| self.texts.get(&l))
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TemplateInput {
    /// A [`TemplateKind`] word, read as a word so an unknown one is the field error
    /// `template-kind-invalid` (the document lists the words: see the API's rules).
    pub kind: String,
    pub name: String,
    /// One to three languages; a language with an empty body is left out.
    #[serde(default)]
    pub texts: BTreeMap<Lang, TemplateText>,
}

/// The values of the merge tags for one application.
#[derive(Clone, Debug, Default)]
pub struct MergeValues {
    pub first_name: String,
    pub last_name: String,
    pub ad_title: String,
    pub organisation: String,
    pub reference: String,
    pub recruiter: String,
}

impl MergeValues {
    fn get(&self, tag: &str) -> Option<&str> {
        Some(match tag {
            "first_name" => &self.first_name,
            "last_name" => &self.last_name,
            "ad_title" => &self.ad_title,
            "organisation" => &self.organisation,
            "reference" => &self.reference,
            "recruiter" => &self.recruiter,
            _ => return None,
        })
    }
}

/// Fills in the merge tags in one pass, so a value that itself contains `{last_name}` (an
/// applicant can type anything) stays as typed.
pub fn merge(text: &str, values: &MergeValues) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}').and_then(|end| values.get(&after[..end]).map(|v| (end, v))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The template rendered in `lang` (or the nearest language it has): (subject, body).
pub fn render(
    template: &RecruitmentTemplate,
    lang: Lang,
    values: &MergeValues,
) -> (String, String) {
    let text = template.text_for(lang).cloned().unwrap_or_default();
    // A subject is one line whatever a value holds.
    let subject = merge(&text.subject, values).replace(['\r', '\n'], " ");
    (subject, merge(&text.body, values))
}

fn check(input: &TemplateInput) -> Result<(String, BTreeMap<Lang, TemplateText>)> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let kind = input.kind.parse::<TemplateKind>().ok();
    if kind.is_none() {
        c.push("kind", "template-kind-invalid");
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        c.push("name", "name-invalid");
    }
    let mut texts = BTreeMap::new();
    let mut any = false;
    for (lang, t) in &input.texts {
        let (subject, body) = (t.subject.trim(), t.body.trim());
        if subject.is_empty() && body.is_empty() {
            continue;
        }
        any = true;
        let field = match lang {
            Lang::Fi => "texts.fi",
            Lang::Sv => "texts.sv",
            Lang::En => "texts.en",
        };
        if body.is_empty() || (kind == Some(TemplateKind::Message) && subject.is_empty()) {
            c.push(field, "template-text-incomplete");
        } else if subject.chars().count() > 200
            || subject.contains(['\r', '\n'])
            || body.chars().count() > 20_000
        {
            c.push(field, "text-too-long");
        }
        texts.insert(*lang, TemplateText { subject: subject.to_string(), body: body.to_string() });
    }
    if !any {
        c.push("texts.fi", "template-text-incomplete");
    }
    c.finish()?;
    Ok((name.to_string(), texts))
}

/// Writing templates: the main admin where the plan allows it, else the operator.
async fn check_manage(db: &Db, actor: &Actor, org: &Organisation) -> Result<()> {
    actor.check(Permission::ManageRecruitment, org)?;
    if actor.is_platform_admin() && !org.is_operator && actor.roles_in(&org.id).is_empty() {
        // The operator writes a self-managed customer's templates only under its grant
        // (issue 13); an operator-managed plan's templates stay the operator's.
        let plan = match &org.plan_id {
            Some(id) => crate::organisations::plans::by_id(db, id).await?,
            None => None,
        };
        if plan.is_none_or(|p| !p.admins_manage_settings) {
            return Ok(());
        }
        return actor.check_delegated(db, org, crate::delegations::Right::Templates).await;
    }
    actor.check_settings(db, org).await
}

/// True when the actor may write the organisation's templates (for showing the forms).
pub async fn can_manage(db: &Db, actor: &Actor, org: &Organisation) -> bool {
    check_manage(db, actor, org).await.is_ok()
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    #[sqlx(try_from = "String")]
    kind: TemplateKind,
    name: String,
    texts: String,
    created_at: i64,
    retired_at: Option<i64>,
}

impl From<Row> for RecruitmentTemplate {
    fn from(r: Row) -> Self {
        RecruitmentTemplate {
            id: r.id,
            kind: r.kind,
            name: r.name,
            texts: serde_json::from_str(&r.texts).unwrap_or_default(),
            created_at: r.created_at,
            retired_at: r.retired_at,
        }
    }
}

/// The organisation's live templates, by kind and name. Recruiters and main admins read them.
pub async fn list(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<RecruitmentTemplate>> {
    if !actor.can(Permission::WorkRecruitment, org) {
        actor.check(Permission::ManageRecruitment, org)?;
    }
    live(db, &org.id).await
}

pub(crate) async fn live(db: &Db, org_id: &str) -> Result<Vec<RecruitmentTemplate>> {
    let rows: Vec<Row> = sqlx::query_as("SELECT id, kind, name, texts, created_at, retired_at FROM recruitment_templates WHERE org_id = $1 AND retired_at IS NULL ORDER BY kind, name, id")
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A live template of the organisation (another organisation's id is not found).
pub async fn get(db: &Db, org_id: &str, id: &str) -> Result<RecruitmentTemplate> {
    let row: Row = sqlx::query_as("SELECT id, kind, name, texts, created_at, retired_at FROM recruitment_templates WHERE org_id = $1 AND id = $2 AND retired_at IS NULL")
        .bind(org_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(row.into())
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &TemplateInput,
) -> Result<RecruitmentTemplate> {
    check_manage(db, actor, org).await?;
    let (name, texts) = check(input)?;
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO recruitment_templates (org_id, id, kind, name, texts, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&org.id)
        .bind(&id)
        .bind(&input.kind)
        .bind(&name)
        .bind(serde_json::to_string(&texts).map_err(anyhow::Error::from)?)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTemplateCreated,
        Some((audit::Target::RecruitmentTemplate, &id)),
        serde_json::json!({"kind": input.kind}),
    )
    .await?;
    tx.commit().await?;
    get(db, &org.id, &id).await
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    input: &TemplateInput,
) -> Result<RecruitmentTemplate> {
    check_manage(db, actor, org).await?;
    get(db, &org.id, id).await?;
    let (name, texts) = check(input)?;
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE recruitment_templates SET kind = $1, name = $2, texts = $3 WHERE org_id = $4 AND id = $5 AND retired_at IS NULL")
        .bind(&input.kind)
        .bind(&name)
        .bind(serde_json::to_string(&texts).map_err(anyhow::Error::from)?)
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTemplateChanged,
        Some((audit::Target::RecruitmentTemplate, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    get(db, &org.id, id).await
}

/// Retires a template: it is no longer offered; messages already sent are unaffected.
pub async fn retire(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
) -> Result<()> {
    check_manage(db, actor, org).await?;
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE recruitment_templates SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL")
        .bind(now())
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTemplateRetired,
        Some((audit::Target::RecruitmentTemplate, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> MergeValues {
        MergeValues {
            first_name: "Aino".into(),
            last_name: "{reference}".into(),
            ad_title: "Sairaanhoitaja".into(),
            organisation: "Vantaa".into(),
            reference: "H-ABC123".into(),
            recruiter: "Maija".into(),
        }
    }

    #[test]
    fn merge_fills_known_tags_once() {
        assert_eq!(
            merge(
                "Hei {first_name} {last_name}, {ad_title} / {organisation} ({reference}) – {recruiter}",
                &values()
            ),
            "Hei Aino {reference}, Sairaanhoitaja / Vantaa (H-ABC123) – Maija"
        );
        assert_eq!(merge("{unknown} { first_name} {", &values()), "{unknown} { first_name} {");
        assert_eq!(merge("{{first_name}}", &values()), "{Aino}");
        assert_eq!(merge("åäö {first_name}", &values()), "åäö Aino");
    }

    #[test]
    fn render_picks_the_language_and_keeps_the_subject_on_one_line() {
        let t = RecruitmentTemplate {
            id: "t".into(),
            kind: TemplateKind::Message,
            name: "Kutsu".into(),
            texts: [
                (
                    Lang::Fi,
                    TemplateText {
                        subject: "Haastattelu {ad_title}".into(),
                        body: "Hei {first_name}".into(),
                    },
                ),
                (
                    Lang::Sv,
                    TemplateText {
                        subject: "Intervju {ad_title}".into(),
                        body: "Hej {first_name}".into(),
                    },
                ),
            ]
            .into(),
            created_at: 0,
            retired_at: None,
        };
        let mut v = values();
        assert_eq!(render(&t, Lang::Sv, &v), ("Intervju Sairaanhoitaja".into(), "Hej Aino".into()));
        assert_eq!(render(&t, Lang::En, &v).1, "Hei Aino", "no English: Finnish");
        v.ad_title = "A\r\nBcc: x".into();
        assert_eq!(render(&t, Lang::Fi, &v).0, "Haastattelu A  Bcc: x");
    }

    #[test]
    fn input_is_checked() {
        let mut input = TemplateInput {
            kind: "message".into(),
            name: "Kutsu".into(),
            texts: [(Lang::Fi, TemplateText { subject: String::new(), body: "Hei".into() })].into(),
        };
        assert_eq!(
            check(&input).unwrap_err().code(),
            "template-text-incomplete",
            "a message needs a subject"
        );
        input.kind = "document".into();
        assert!(check(&input).is_ok());
        input.kind = "letter".into();
        assert_eq!(check(&input).unwrap_err().code(), "template-kind-invalid");
        input.kind = "message".into();
        input.texts.clear();
        assert_eq!(check(&input).unwrap_err().code(), "template-text-incomplete");
    }
}

#[cfg(test)]
mod closed_set_tests {
    use super::TemplateKind;

    #[test]
    fn template_kinds_keep_their_words_and_refuse_others() {
        crate::closed_set::check::<TemplateKind>("kind", "template-kind-invalid");
        let words: Vec<&str> = TemplateKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(words, ["message", "document"]);
    }
}
