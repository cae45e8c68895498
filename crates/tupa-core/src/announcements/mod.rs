//! Announcements (tiedotteet, issue 13). The operator publishes one in Finnish (Swedish and
//! English optional; a missing language falls back to Finnish) to the main admins of every
//! organisation or of chosen plans: it goes out by mail in each recipient's language and
//! stays on their home page until they mark it read. A main admin forwards it to their
//! organisation's staff — everyone, one role, or one unit and the units below it — in one
//! action, with the same mail and home-page notice.

pub mod forward;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::{Actor, PlatformPermission};
use crate::config::Settings;
use crate::db::{Db, Tx, new_id};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};
use crate::organisations::people::Role;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest body, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;

/// Where an announcement came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
// Named apart from the data subject request's `Kind` in the OpenAPI document.
#[schema(as = AnnouncementKind)]
pub enum Kind {
    /// Written by a platform admin.
    Operator,
    /// Made when a new sub-processor list was published (see `agreements::subprocessors`).
    Subprocessors,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Operator => "operator",
            Kind::Subprocessors => "subprocessors",
        }
    }
    fn parse(s: &str) -> Kind {
        if s == "subprocessors" { Kind::Subprocessors } else { Kind::Operator }
    }
}

/// A title and body in one language.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Text {
    pub title: String,
    pub body: String,
}

/// What the operator writes: Finnish required, Swedish and English optional; no plans means
/// every organisation.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewAnnouncement {
    pub fi: Text,
    #[serde(default)]
    pub sv: Option<Text>,
    #[serde(default)]
    pub en: Option<Text>,
    /// Plan slugs; empty or absent: the main admins of every organisation.
    #[serde(default)]
    pub plans: Vec<String>,
}

/// An announcement as its reader sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Announcement {
    pub id: String,
    pub kind: Kind,
    pub fi: Text,
    pub sv: Option<Text>,
    pub en: Option<Text>,
    /// The plans it was addressed to (slugs); empty: every organisation.
    pub plans: Vec<String>,
    pub published_at: i64,
    /// When the caller marked it read (platform admins: always null).
    pub read_at: Option<i64>,
    /// The caller's organisations (slugs) whose main admin they are and to which it was
    /// addressed: where they may forward it.
    pub forwardable_in: Vec<String>,
    /// The caller got it forwarded by their organisation (slug).
    pub forwarded_in: Vec<String>,
    /// How many organisations it was addressed to (platform admins only; otherwise 0).
    pub organisations: i64,
}

impl Announcement {
    /// The text in `lang`, or in Finnish when that language was not written.
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::Sv => self.sv.as_ref().unwrap_or(&self.fi),
            Lang::En => self.en.as_ref().unwrap_or(&self.fi),
            Lang::Fi => &self.fi,
        }
    }
}

#[derive(FromRow)]
struct Row {
    id: String,
    kind: String,
    title_fi: String,
    body_fi: String,
    title_sv: Option<String>,
    body_sv: Option<String>,
    title_en: Option<String>,
    body_en: Option<String>,
    plans: String,
    published_at: i64,
}

fn text_of(title: Option<String>, body: Option<String>) -> Option<Text> {
    Some(Text { title: title?, body: body? })
}

impl Row {
    fn into_announcement(self) -> Announcement {
        Announcement {
            id: self.id,
            kind: Kind::parse(&self.kind),
            fi: Text { title: self.title_fi, body: self.body_fi },
            sv: text_of(self.title_sv, self.body_sv),
            en: text_of(self.title_en, self.body_en),
            plans: self.plans.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect(),
            published_at: self.published_at,
            read_at: None,
            forwardable_in: vec![],
            forwarded_in: vec![],
            organisations: 0,
        }
    }
}

const COLUMNS: &str = "a.id, a.kind, a.title_fi, a.body_fi, a.title_sv, a.body_sv, a.title_en, a.body_en, a.plans, a.published_at";

/// A checked title and body; `None` for an optional language left empty.
fn check_text(t: &Text, required: bool) -> Result<Option<Text>> {
    let (title, body) = (t.title.trim(), t.body.trim());
    if title.is_empty() && body.is_empty() && !required {
        return Ok(None);
    }
    if title.is_empty()
        || title.chars().count() > MAX_TITLE_CHARS
        || title.chars().any(char::is_control)
    {
        return Err(Error::invalid("title", "announcement-title-invalid"));
    }
    if body.is_empty() || body.chars().count() > MAX_BODY_CHARS {
        return Err(Error::invalid("body", "announcement-body-invalid"));
    }
    Ok(Some(Text { title: title.to_string(), body: body.to_string() }))
}

/// The operator publishes an announcement (platform admins only) to the main admins of every
/// organisation, or of those on the chosen plans. Returns its id.
pub async fn publish(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    input: &NewAnnouncement,
) -> Result<String> {
    actor.require_platform(PlatformPermission::ManageOrganisations)?;
    let fi = check_text(&input.fi, true)?.expect("required");
    let sv = match &input.sv {
        Some(t) => check_text(t, false)?,
        None => None,
    };
    let en = match &input.en {
        Some(t) => check_text(t, false)?,
        None => None,
    };
    let mut plan_ids = vec![];
    let mut slugs: Vec<String> = vec![];
    for slug in &input.plans {
        let slug = slug.trim();
        if slug.is_empty() || slugs.iter().any(|s| s == slug) {
            continue;
        }
        let plan = crate::organisations::plans::by_slug(db, slug)
            .await?
            .ok_or(Error::invalid("plans", "announcement-plan-unknown"))?;
        plan_ids.push(plan.id);
        slugs.push(plan.slug);
    }
    let mut tx = db.begin().await?;
    let id = insert(
        &mut tx,
        settings,
        &By::user(&actor.user, ip),
        Kind::Operator,
        [Some(fi), sv, en],
        &plan_ids,
        &slugs,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores an announcement, addresses it to the live customer organisations (on `plan_ids`
/// when any) and mails their main admins. Shared with the sub-processor list.
pub(crate) async fn insert(
    tx: &mut Tx,
    settings: &Settings,
    by: &By,
    kind: Kind,
    [fi, sv, en]: [Option<Text>; 3],
    plan_ids: &[String],
    plan_slugs: &[String],
) -> Result<String> {
    let fi = fi.ok_or(Error::invalid("title", "announcement-title-invalid"))?;
    let id = new_id();
    let at = crate::db::now();
    sqlx::query("INSERT INTO announcements (id, kind, title_fi, body_fi, title_sv, body_sv, title_en, body_en, plans, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(&id)
        .bind(kind.as_str())
        .bind(&fi.title)
        .bind(&fi.body)
        .bind(sv.as_ref().map(|t| &t.title))
        .bind(sv.as_ref().map(|t| &t.body))
        .bind(en.as_ref().map(|t| &t.title))
        .bind(en.as_ref().map(|t| &t.body))
        .bind(plan_slugs.join(","))
        .bind(&by.label)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    let orgs: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT id, plan_id FROM organisations WHERE is_operator = $1 AND retired_at IS NULL",
    )
    .bind(false)
    .fetch_all(&mut **tx)
    .await?;
    let mut addressed = 0;
    for (org_id, plan_id) in orgs {
        if !plan_ids.is_empty() && !plan_id.is_some_and(|p| plan_ids.contains(&p)) {
            continue;
        }
        addressed += 1;
        sqlx::query("INSERT INTO announcement_orgs (announcement_id, org_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(&org_id)
            .execute(&mut **tx)
            .await?;
    }
    let admins = people_with_role(tx, &id, Role::MainAdmin).await?;
    let texts = AllTexts { fi: &fi, sv: sv.as_ref(), en: en.as_ref() };
    for person in &admins {
        mail(tx, settings, &person.org_id, person, &texts, None).await?;
    }
    audit::record(
        tx,
        None,
        by,
        audit::Action::AnnouncementPublished,
        Some((audit::Target::Announcement, &id)),
        serde_json::json!({"kind": kind.as_str(), "plans": plan_slugs, "organisations": addressed, "mailed": admins.len(), "title": fi.title}),
    )
    .await?;
    Ok(id)
}

/// A person an announcement is mailed to, in an organisation.
#[derive(FromRow)]
pub(crate) struct Recipient {
    pub org_id: String,
    pub org_name: String,
    pub user_id: String,
    pub email: String,
    pub locale: Option<String>,
}

/// The active people holding `role` in the organisations announcement `id` is addressed to.
async fn people_with_role(tx: &mut Tx, id: &str, role: Role) -> Result<Vec<Recipient>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT o.id AS org_id, o.name AS org_name, u.id AS user_id, u.email, u.locale
           FROM announcement_orgs ao
           JOIN organisations o ON o.id = ao.org_id
           JOIN role_grants g ON g.org_id = ao.org_id AND g.role = $2 AND g.revoked_at IS NULL
           JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id AND p.deactivated_at IS NULL
           JOIN users u ON u.id = g.user_id AND u.deactivated_at IS NULL
          WHERE ao.announcement_id = $1
          ORDER BY o.id, u.email",
    )
    .bind(id)
    .bind(role.as_str())
    .fetch_all(&mut **tx)
    .await?)
}

pub(crate) struct AllTexts<'a> {
    pub fi: &'a Text,
    pub sv: Option<&'a Text>,
    pub en: Option<&'a Text>,
}

/// Mails one recipient the announcement in their language (Finnish when it lacks theirs);
/// `forwarded_by` names the main admin who forwarded it.
pub(crate) async fn mail(
    tx: &mut Tx,
    settings: &Settings,
    org_id: &str,
    person: &Recipient,
    texts: &AllTexts<'_>,
    forwarded_by: Option<&str>,
) -> Result<()> {
    let lang = person.locale.as_deref().and_then(Lang::parse).unwrap_or_default();
    let text = match lang {
        Lang::Sv => texts.sv.unwrap_or(texts.fi),
        Lang::En => texts.en.unwrap_or(texts.fi),
        Lang::Fi => texts.fi,
    };
    let link = format!("{}/announcements", settings.public_url);
    let intro = match forwarded_by {
        Some(by) => {
            lang.t_args("mail-announcement-forwarded", &[("org", &person.org_name), ("name", by)])
        }
        None => lang.t_args("mail-announcement-intro", &[("org", &person.org_name)]),
    };
    outbox::enqueue(
        tx,
        settings,
        NewMail {
            org_id: Some(org_id),
            to: &person.email,
            subject: lang.t_args("mail-announcement-subject", &[("title", &text.title)]),
            body_text: format!(
                "{intro}\n\n{}\n\n{}\n\n{}",
                text.title,
                text.body,
                lang.t_args("mail-announcement-link", &[("link", &link)])
            ),
        },
    )
    .await?;
    Ok(())
}

/// The organisations (id, slug) where the actor is a main admin.
fn main_admin_orgs(actor: &Actor) -> Vec<(String, String)> {
    if actor.needs_second_factor_setup() {
        return vec![];
    }
    let mut out: Vec<(String, String)> = actor
        .memberships
        .iter()
        .filter(|m| m.role == Role::MainAdmin)
        .map(|m| (m.org_id.clone(), m.org_slug.clone()))
        .collect();
    out.dedup();
    out
}

/// The announcements the caller may read, newest first: a platform admin every one the
/// operator published; anyone else those addressed to an organisation where they are a main
/// admin and those forwarded to them, with their read state.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Announcement>> {
    if actor.can_platform(PlatformPermission::ManageOrganisations) {
        let sql = format!(
            "SELECT {COLUMNS}, (SELECT COUNT(*) FROM announcement_orgs ao WHERE ao.announcement_id = a.id) AS n FROM announcements a ORDER BY a.published_at DESC, a.id LIMIT 500"
        );
        return list_all(db, &sql).await;
    }
    if actor.needs_second_factor_setup() {
        return Ok(vec![]);
    }
    let admin_of = main_admin_orgs(actor);
    let addressed: Vec<(String, String)> = sqlx::query_as(
        "SELECT ao.announcement_id, ao.org_id FROM announcement_orgs ao
           JOIN role_grants g ON g.org_id = ao.org_id AND g.user_id = $1 AND g.role = $2 AND g.revoked_at IS NULL",
    )
    .bind(&actor.user.id)
    .bind(Role::MainAdmin.as_str())
    .fetch_all(db.pool())
    .await?;
    let forwarded: Vec<(String, String)> = sqlx::query_as(
        "SELECT announcement_id, org_id FROM announcement_recipients WHERE user_id = $1",
    )
    .bind(&actor.user.id)
    .fetch_all(db.pool())
    .await?;
    let live = |org_id: &str| actor.is_member(org_id);
    let slug_of = |org_id: &str| {
        actor.memberships.iter().find(|m| m.org_id == org_id).map(|m| m.org_slug.clone())
    };
    let mut ids: Vec<&String> = addressed
        .iter()
        .filter(|(_, o)| admin_of.iter().any(|(id, _)| id == o))
        .chain(forwarded.iter().filter(|(_, o)| live(o)))
        .map(|(a, _)| a)
        .collect();
    ids.sort();
    ids.dedup();
    let mut out = vec![];
    for id in ids {
        let Some(mut a) = get_row(db, id).await? else { continue };
        a.forwardable_in = addressed
            .iter()
            .filter(|(x, o)| x == id && admin_of.iter().any(|(oid, _)| oid == o))
            .filter_map(|(_, o)| slug_of(o))
            .collect();
        a.forwarded_in = forwarded
            .iter()
            .filter(|(x, o)| x == id && live(o))
            .filter_map(|(_, o)| slug_of(o))
            .collect();
        a.read_at = read_at(db, id, &actor.user.id).await?;
        out.push(a);
    }
    out.sort_by(|x, y| y.published_at.cmp(&x.published_at).then(x.id.cmp(&y.id)));
    Ok(out)
}

async fn list_all(db: &Db, sql: &str) -> Result<Vec<Announcement>> {
    #[derive(FromRow)]
    struct Counted {
        #[sqlx(flatten)]
        row: Row,
        n: i64,
    }
    let rows: Vec<Counted> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string())).fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let mut a = c.row.into_announcement();
            a.organisations = c.n;
            a
        })
        .collect())
}

async fn get_row(db: &Db, id: &str) -> Result<Option<Announcement>> {
    let sql = format!("SELECT {COLUMNS} FROM announcements a WHERE a.id = $1");
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db.pool()).await?;
    Ok(row.map(Row::into_announcement))
}

async fn read_at(db: &Db, id: &str, user_id: &str) -> Result<Option<i64>> {
    let r: Option<(i64,)> = sqlx::query_as(
        "SELECT read_at FROM announcement_reads WHERE announcement_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(r.map(|r| r.0))
}

/// One announcement the caller may read (404 otherwise).
pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<Announcement> {
    list(db, actor).await?.into_iter().find(|a| a.id == id).ok_or(Error::NotFound)
}

/// The caller's unread announcements, for their home page.
pub async fn unread(db: &Db, actor: &Actor) -> Result<Vec<Announcement>> {
    if actor.is_platform_admin() {
        return Ok(vec![]);
    }
    Ok(list(db, actor).await?.into_iter().filter(|a| a.read_at.is_none()).collect())
}

/// The caller marks an announcement they received read (again: nothing changes).
pub async fn mark_read(db: &Db, actor: &Actor, id: &str, at: i64) -> Result<()> {
    let a = get(db, actor, id).await?;
    if a.read_at.is_some() {
        return Ok(());
    }
    sqlx::query(
        // Two clicks (or two tabs) may race past the check above: the second does nothing.
        "INSERT INTO announcement_reads (announcement_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(&a.id)
    .bind(&actor.user.id)
    .bind(at)
    .execute(db.pool())
    .await?;
    Ok(())
}
