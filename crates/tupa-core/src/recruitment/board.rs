//! The public job board: the open ads of the whole installation, of one organisation or of
//! one unit (with the units below it), filtered and searched, a page at a time, and the same
//! ads for the feeds.
//!
//! Every query asks the clock ([`super::ads::open_condition`]) rather than the stored
//! status alone, so an ad appears the second its publish time comes and is gone the second
//! its deadline passes, whatever the background tick has recorded yet. Nothing here is
//! cached for the same reason.
//!
//! An organisation's ads are public only while its plan has recruitment and it is not
//! retired; an organisation without either has no board at all (404).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::ad::{AdText, EmploymentType, Engagement, JobAd, MunicipalityCode, WorkingTime};
use super::ads::{self, StoredAd};
use crate::db::{Backend, Db};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::plans::Capability;
use crate::organisations::units::{self, Unit};
use crate::organisations::{self, Organisation};

/// Ads on one page of the board.
pub const PAGE_SIZE: i64 = 50;
/// Items in a feed: the newest ones.
pub const FEED_ITEMS: i64 = 200;
/// Words in a search beyond this are ignored (each one is a condition on the query).
pub const MAX_SEARCH_WORDS: usize = 8;

/// Which board: the installation's, an organisation's, or a unit's (with its sub-units).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub org: Option<Organisation>,
    pub unit: Option<Unit>,
    /// The unit and every unit below it.
    pub unit_ids: Vec<String>,
}

impl Scope {
    pub fn installation() -> Scope {
        Scope::default()
    }
    pub fn organisation(org: Organisation) -> Scope {
        Scope { org: Some(org), ..Scope::default() }
    }
    /// The board's address relative to the site root: `/jobs`, `/jobs/{org}`,
    /// `/jobs/{org}/units/{unit}`.
    pub fn path(&self) -> String {
        match (&self.org, &self.unit) {
            (Some(o), Some(u)) => format!("/jobs/{}/units/{}", o.slug, u.slug),
            (Some(o), None) => format!("/jobs/{}", o.slug),
            _ => "/jobs".to_string(),
        }
    }
}

/// The filters of a board page or feed, as they come in the query string. Unknown or empty
/// values filter nothing, so an old bookmark never turns into an error.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
pub struct Filters {
    /// Words that must all appear in the title or description (any language).
    #[serde(default)]
    pub q: Option<String>,
    /// Statistics Finland municipality code, e.g. `049`.
    #[serde(default)]
    pub municipality: Option<String>,
    /// `permanent` or `fixed-term`.
    #[serde(default)]
    pub employment_type: Option<String>,
    /// `full-time`, `part-time` or `hourly`.
    #[serde(default)]
    pub working_time: Option<String>,
    /// An organisation's slug (the installation board).
    #[serde(default)]
    pub org: Option<String>,
    /// Only ads written in this language (`fi`, `sv`, `en`); feeds are then in it too.
    #[serde(default)]
    pub lang: Option<String>,
    /// 1-based page number of the board page.
    #[serde(default)]
    pub page: Option<String>,
}

impl Filters {
    pub fn language(&self) -> Option<Lang> {
        self.lang.as_deref().filter(|l| !l.is_empty()).and_then(Lang::parse)
    }
    pub fn page_number(&self) -> i64 {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse::<i64>().ok())
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1)
    }
    fn words(&self) -> Vec<String> {
        self.q
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(fold)
            .filter(|w| !w.is_empty())
            .take(MAX_SEARCH_WORDS)
            .collect()
    }
    fn employment_type(&self) -> Option<&str> {
        self.employment_type.as_deref().filter(|v| matches!(*v, "permanent" | "fixed-term"))
    }
    fn working_time(&self) -> Option<&str> {
        self.working_time.as_deref().filter(|v| matches!(*v, "full-time" | "part-time" | "hourly"))
    }
    fn municipality(&self) -> Option<&str> {
        self.municipality.as_deref().and_then(|m| MunicipalityCode::parse(m).map(|_| m.trim()))
    }
    fn org(&self) -> Option<&str> {
        self.org.as_deref().map(str::trim).filter(|o| !o.is_empty())
    }
    /// The filters as a kept answer is keyed and rendered: the search as understood — its
    /// words folded, at most [`MAX_SEARCH_WORDS`] of them, one space apart — so that
    /// spellings which find the same ads share one copy.
    pub fn normalised(&self) -> Filters {
        let words = self.words();
        Filters { q: (!words.is_empty()).then(|| words.join(" ")), ..self.clone() }
    }
    /// True when anything narrows the list (the page then offers "clear filters").
    pub fn any(&self) -> bool {
        !self.words().is_empty()
            || self.employment_type().is_some()
            || self.working_time().is_some()
            || self.municipality().is_some()
            || self.org().is_some()
            || self.language().is_some()
    }
    /// The filters as a query string (without `page`), for links that keep them.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![];
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            pairs.push(("q", q.to_string()));
        }
        if let Some(m) = self.municipality() {
            pairs.push(("municipality", m.to_string()));
        }
        if let Some(e) = self.employment_type() {
            pairs.push(("employment_type", e.to_string()));
        }
        if let Some(w) = self.working_time() {
            pairs.push(("working_time", w.to_string()));
        }
        if let Some(o) = self.org() {
            pairs.push(("org", o.to_string()));
        }
        if let Some(l) = self.language() {
            pairs.push(("lang", l.code().to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// Lower-cases a search word as the stored search text of each ad text is folded (migration
/// 0120, `job_ad_texts.search_text`): SQLite's LOWER knows only ASCII, so the migration folds
/// the Finnish and Swedish capitals by hand; Rust's lower-casing folds them all.
fn fold(word: &str) -> String {
    word.to_lowercase()
}

/// The shortest word the trigram index can find (SQLite's FTS5 `trigram`, PostgreSQL's
/// `pg_trgm`): shorter ones are matched by LIKE over the stored texts alone.
const TRIGRAM: usize = 3;

/// A value bound to a query built at run time.
enum Param {
    Text(String),
    Int(i64),
    Bool(bool),
}

type AnyQuery<'q, T> = sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments>;

fn bind_all<'q, T>(mut q: AnyQuery<'q, T>, params: &[Param]) -> AnyQuery<'q, T> {
    for p in params {
        q = match p {
            Param::Text(s) => q.bind(s.clone()),
            Param::Int(i) => q.bind(*i),
            Param::Bool(b) => q.bind(*b),
        };
    }
    q
}

/// Builds `FROM … WHERE …` for the open ads of a scope and filters at `at`.
fn where_clause(
    backend: Backend,
    scope: &Scope,
    filters: &Filters,
    at: i64,
) -> (String, Vec<Param>) {
    let mut params = vec![Param::Int(at), Param::Bool(true)];
    let mut sql = format!(
        "FROM job_ads a JOIN organisations o ON o.id = a.org_id JOIN plans p ON p.id = o.plan_id
         WHERE {} AND o.retired_at IS NULL AND p.cap_recruitment = $2",
        ads::open_condition("$1")
    );
    let next = |params: &mut Vec<Param>, p: Param| {
        params.push(p);
        format!("${}", params.len())
    };
    if let Some(org) = &scope.org {
        let n = next(&mut params, Param::Text(org.id.clone()));
        sql.push_str(&format!(" AND a.org_id = {n}"));
    } else if let Some(slug) = filters.org() {
        let n = next(&mut params, Param::Text(slug.to_string()));
        sql.push_str(&format!(" AND o.slug = {n}"));
    }
    if scope.unit.is_some() {
        let list: Vec<String> =
            scope.unit_ids.iter().map(|u| next(&mut params, Param::Text(u.clone()))).collect();
        sql.push_str(&format!(" AND a.unit_id IN ({})", list.join(", ")));
    }
    if let Some(m) = filters.municipality() {
        let n = next(&mut params, Param::Text(m.to_string()));
        sql.push_str(&format!(" AND a.municipality_code = {n}"));
    }
    if let Some(e) = filters.employment_type() {
        let n = next(&mut params, Param::Text(e.to_string()));
        sql.push_str(&format!(" AND a.employment_type = {n}"));
    }
    if let Some(w) = filters.working_time() {
        let n = next(&mut params, Param::Text(w.to_string()));
        sql.push_str(&format!(" AND a.working_time = {n}"));
    }
    if let Some(l) = filters.language() {
        let n = next(&mut params, Param::Text(l.code().to_string()));
        sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM job_ad_texts t WHERE t.org_id = a.org_id AND t.ad_id = a.id AND t.lang = {n})"));
    }
    for word in filters.words() {
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let n = next(&mut params, Param::Text(format!("%{escaped}%")));
        // Each text's folded title and description are stored (migration 0120), so no row is
        // folded here, and LIKE compares them with the folded word as they are. A word holds
        // no whitespace, so it cannot match across the newline that joins title and
        // description. PostgreSQL's planner may serve the LIKE from the pg_trgm index; on
        // SQLite a word of three or more characters first asks the FTS5 trigram index for
        // candidate texts, and LIKE then decides, so exactly what LIKE finds is found.
        let like = format!("t.search_text LIKE {n} ESCAPE '\\'");
        if backend == Backend::Sqlite && word.chars().count() >= TRIGRAM {
            let m = next(&mut params, Param::Text(format!("\"{}\"", word.replace('"', "\"\""))));
            sql.push_str(&format!(" AND (a.org_id, a.id) IN (SELECT t.org_id, t.ad_id FROM job_ad_search_fts JOIN job_ad_texts t ON t.search_rowid = job_ad_search_fts.rowid WHERE job_ad_search_fts MATCH {m} AND {like})"));
        } else {
            sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM job_ad_texts t WHERE t.org_id = a.org_id AND t.ad_id = a.id AND {like})"));
        }
    }
    (sql, params)
}

/// True when a search on PostgreSQL has a word the trigram index can serve.
fn trigram_search(backend: Backend, filters: &Filters) -> bool {
    backend == Backend::Postgres && filters.words().iter().any(|w| w.chars().count() >= TRIGRAM)
}

/// The rows of a query choosing the board's ads. With `indexed` (a search on PostgreSQL) it
/// runs with sequential scans switched off, as the desk's search does: the planner prices
/// LIKE per row whatever the length of the text, so it would read every ad's texts rather
/// than ask the pg_trgm index long before that is the cheaper way. (Without pg_trgm there is
/// no index to take, and each open ad's texts are then read through their primary key.)
async fn select<T>(db: &Db, indexed: bool, sql: String, params: &[Param]) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let q = bind_all(sqlx::query_as(sqlx::AssertSqlSafe(sql)), params);
    if !indexed {
        return Ok(q.fetch_all(db.pool()).await?);
    }
    let mut tx = db.begin().await?;
    sqlx::query("SET LOCAL enable_seqscan = off").execute(&mut *tx).await?;
    let rows = q.fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

/// Newest first: by the time the ad went (or was due to go) public.
const ORDER: &str = "ORDER BY COALESCE(a.published_at, a.publish_at, a.created_at) DESC, a.id DESC";

#[derive(FromRow)]
struct Row {
    #[sqlx(flatten)]
    ad: StoredAd,
    org_slug: String,
    org_name: String,
}

fn prefixed_columns() -> String {
    ads::COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ")
}

/// One ad in a board list, titled in the reader's language (or the ad's first).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BoardAd {
    pub id: String,
    pub org_slug: String,
    pub org_name: String,
    pub unit_slug: Option<String>,
    pub unit_name: Option<String>,
    pub title: String,
    /// The language of `title`.
    pub title_lang: Lang,
    pub languages: Vec<Lang>,
    pub municipality_name: String,
    pub employment_type: EmploymentType,
    pub working_time: WorkingTime,
    pub engagement: Engagement,
    pub published_at: i64,
    pub deadline: i64,
    /// The ad's public address, relative to the site root.
    pub path: String,
}

/// One page of a board.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BoardPage {
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub ads: Vec<BoardAd>,
}

/// The open ads of `scope` matching `filters` at `at`, newest first, page `filters.page`.
pub async fn page(
    db: &Db,
    scope: &Scope,
    filters: &Filters,
    lang: Lang,
    at: i64,
) -> Result<BoardPage> {
    crate::limits::check_search(filters.q.as_deref().unwrap_or(""))?;
    let (from, params) = where_clause(db.backend(), scope, filters, at);
    let indexed = trigram_search(db.backend(), filters);
    let count_sql = format!("SELECT COUNT(*) {from}");
    let counted: Vec<(i64,)> = select(db, indexed, count_sql, &params).await?;
    let total = counted.first().map_or(0, |c| c.0);
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = filters.page_number().min(pages);
    let ads = fetch(db, indexed, &from, params, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let full = complete(db, ads, false).await?;
    let ads = full
        .into_iter()
        .map(|ad| {
            let (title_lang, title) = filters
                .language()
                .and_then(|l| ad.texts.get(&l).map(|t| (l, t.title.clone())))
                .or_else(|| ad.text_for(lang).map(|(l, t)| (l, t.title.clone())))
                .unwrap_or((lang, String::new()));
            BoardAd {
                path: ad.path(),
                languages: ad.languages(),
                id: ad.id,
                org_slug: ad.org_slug,
                org_name: ad.org_name,
                unit_slug: ad.unit_slug,
                unit_name: ad.unit_name,
                title,
                title_lang,
                municipality_name: ad.municipality_name,
                employment_type: ad.employment_type,
                working_time: ad.working_time,
                engagement: ad.engagement,
                published_at: ad.published_at,
                deadline: ad.deadline,
            }
        })
        .collect();
    Ok(BoardPage { total, page, pages, ads })
}

/// The plans of the queries [`page`] runs to choose its ads (the count and the page's keys),
/// for the plan tests: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL.
pub async fn explain(db: &Db, scope: &Scope, filters: &Filters, at: i64) -> Result<Vec<String>> {
    let (from, params) = where_clause(db.backend(), scope, filters, at);
    let indexed = trigram_search(db.backend(), filters);
    let mut plans = vec![];
    for sql in [
        format!("SELECT COUNT(*) {from}"),
        format!("SELECT a.org_id, a.id {from} {ORDER} LIMIT {PAGE_SIZE}"),
    ] {
        let lines: Vec<String> = match db.backend() {
            Backend::Sqlite => {
                let sql = format!("EXPLAIN QUERY PLAN {sql}");
                let rows: Vec<(i64, i64, i64, String)> = select(db, indexed, sql, &params).await?;
                rows.into_iter().map(|r| r.3).collect()
            }
            Backend::Postgres => {
                let sql = format!("EXPLAIN {sql}");
                let rows: Vec<(String,)> = select(db, indexed, sql, &params).await?;
                rows.into_iter().map(|r| r.0).collect()
            }
        };
        plans.push(lines.join("\n"));
    }
    Ok(plans)
}

/// The newest [`FEED_ITEMS`] open ads of `scope` matching `filters`, complete with their
/// texts, for a feed.
pub async fn feed_ads(db: &Db, scope: &Scope, filters: &Filters, at: i64) -> Result<Vec<JobAd>> {
    crate::limits::check_search(filters.q.as_deref().unwrap_or(""))?;
    let (from, params) = where_clause(db.backend(), scope, filters, at);
    let indexed = trigram_search(db.backend(), filters);
    let rows = fetch(db, indexed, &from, params, FEED_ITEMS, 0).await?;
    complete(db, rows, true).await
}

/// The page's ads in order: first only their keys (a narrow sort over every open ad), then
/// the full rows of just those.
async fn fetch(
    db: &Db,
    indexed: bool,
    from: &str,
    mut params: Vec<Param>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Row>> {
    params.push(Param::Int(limit));
    params.push(Param::Int(offset));
    let n = params.len();
    let sql = format!("SELECT a.org_id, a.id {from} {ORDER} LIMIT ${} OFFSET ${n}", n - 1);
    let keys: Vec<(String, String)> = select(db, indexed, sql, &params).await?;
    if keys.is_empty() {
        return Ok(vec![]);
    }
    let mut params = vec![];
    let mut orgs: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    orgs.sort();
    orgs.dedup();
    let org_list = placeholders(&mut params, orgs.iter().map(|o| o.to_string()));
    let id_list = placeholders(&mut params, keys.iter().map(|k| k.1.clone()));
    let sql = format!(
        "SELECT {}, o.slug AS org_slug, o.name AS org_name FROM job_ads a JOIN organisations o ON o.id = a.org_id WHERE a.org_id IN ({org_list}) AND a.id IN ({id_list})",
        prefixed_columns()
    );
    let rows: Vec<Row> =
        bind_all(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &params).fetch_all(db.pool()).await?;
    let mut by_key: HashMap<(String, String), Row> =
        rows.into_iter().map(|r| ((r.ad.org_id.clone(), r.ad.id.clone()), r)).collect();
    Ok(keys.into_iter().filter_map(|k| by_key.remove(&k)).collect())
}

/// `$n, $n+1, …` for `values`, which are appended to `params`.
fn placeholders(params: &mut Vec<Param>, values: impl Iterator<Item = String>) -> String {
    values
        .map(|v| {
            params.push(Param::Text(v));
            format!("${}", params.len())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ads as [`JobAd`]s: their texts (titles only unless `descriptions`) and units, read in
/// two queries for the whole page rather than two per ad.
async fn complete(db: &Db, rows: Vec<Row>, descriptions: bool) -> Result<Vec<JobAd>> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let mut params: Vec<Param> = vec![];
    let mut orgs: Vec<&str> = rows.iter().map(|r| r.ad.org_id.as_str()).collect();
    orgs.sort();
    orgs.dedup();
    let org_list = placeholders(&mut params, orgs.iter().map(|o| o.to_string()));
    let ad_list = placeholders(&mut params, rows.iter().map(|r| r.ad.id.clone()));
    let description = if descriptions { "description" } else { "''" };
    let sql = format!(
        "SELECT org_id, ad_id, lang, title, {description} FROM job_ad_texts WHERE org_id IN ({org_list}) AND ad_id IN ({ad_list})"
    );
    let texts: Vec<(String, String, String, String, String)> =
        bind_all(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &params).fetch_all(db.pool()).await?;
    let mut by_ad: HashMap<(String, String), BTreeMap<Lang, AdText>> = HashMap::new();
    for (org_id, ad_id, lang, title, description) in texts {
        if let Some(lang) = Lang::parse(&lang) {
            by_ad.entry((org_id, ad_id)).or_default().insert(lang, AdText { title, description });
        }
    }

    let mut unit_params: Vec<Param> = vec![];
    let mut unit_keys: Vec<(&str, &str)> = rows
        .iter()
        .filter_map(|r| r.ad.unit_id.as_deref().map(|u| (r.ad.org_id.as_str(), u)))
        .collect();
    unit_keys.sort();
    unit_keys.dedup();
    let mut unit_names: HashMap<(String, String), (String, String)> = HashMap::new();
    if !unit_keys.is_empty() {
        let conditions: Vec<String> = unit_keys
            .iter()
            .map(|(o, u)| {
                unit_params.push(Param::Text(o.to_string()));
                unit_params.push(Param::Text(u.to_string()));
                format!("(org_id = ${} AND id = ${})", unit_params.len() - 1, unit_params.len())
            })
            .collect();
        let sql =
            format!("SELECT org_id, id, slug, name FROM units WHERE {}", conditions.join(" OR "));
        let found: Vec<(String, String, String, String)> =
            bind_all(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &unit_params)
                .fetch_all(db.pool())
                .await?;
        for (org_id, id, slug, name) in found {
            unit_names.insert((org_id, id), (slug, name));
        }
    }

    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let texts = by_ad.remove(&(row.ad.org_id.clone(), row.ad.id.clone())).unwrap_or_default();
        let unit = row
            .ad
            .unit_id
            .as_ref()
            .and_then(|u| unit_names.get(&(row.ad.org_id.clone(), u.clone())).cloned());
        out.push(row.ad.to_job_ad(&row.org_slug, &row.org_name, unit, texts)?);
    }
    Ok(out)
}

/// A choice in a filter: the value and how many open ads have it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Facet {
    pub value: String,
    pub label: String,
    pub count: i64,
}

/// The municipalities and organisations that have open ads in `scope` (whatever the other
/// filters), for the filter lists: a list never offers a choice that finds nothing.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    pub municipalities: Vec<Facet>,
    pub organisations: Vec<Facet>,
}

pub async fn facets(db: &Db, scope: &Scope, at: i64) -> Result<Facets> {
    let (from, params) = where_clause(db.backend(), scope, &Filters::default(), at);
    // One pass over the open ads, counted per organisation and municipality.
    let sql = format!(
        "SELECT o.slug, MIN(o.name), a.municipality_code, MIN(a.municipality_name), COUNT(*) {from} GROUP BY o.slug, a.municipality_code"
    );
    let rows: Vec<(String, String, String, String, i64)> =
        bind_all(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &params).fetch_all(db.pool()).await?;
    let mut municipalities: BTreeMap<String, Facet> = BTreeMap::new();
    let mut orgs: BTreeMap<String, Facet> = BTreeMap::new();
    for (slug, org_name, code, name, count) in rows {
        municipalities
            .entry(code.clone())
            .or_insert(Facet { value: code, label: name, count: 0 })
            .count += count;
        orgs.entry(slug.clone())
            .or_insert(Facet { value: slug, label: org_name, count: 0 })
            .count += count;
    }
    let mut municipalities: Vec<Facet> = municipalities.into_values().collect();
    municipalities.sort_by(|a, b| a.label.cmp(&b.label));
    let mut organisations: Vec<Facet> =
        if scope.org.is_none() { orgs.into_values().collect() } else { vec![] };
    organisations.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Facets { municipalities, organisations })
}

/// The organisation `slug` as the public sees it: it exists, is not retired and its plan has
/// recruitment. Anything else is simply not found.
pub async fn public_org(db: &Db, slug: &str) -> Result<Organisation> {
    let org = organisations::by_slug(db, slug)
        .await?
        .filter(|o| o.retired_at.is_none())
        .ok_or(Error::NotFound)?;
    crate::authz::require_capability(db, &org, Capability::Recruitment)
        .await
        .map_err(|_| Error::NotFound)?;
    Ok(org)
}

/// The board scope of unit `unit_slug` of `org` (with every unit below it). A retired unit
/// has no board.
pub async fn unit_scope(db: &Db, org: Organisation, unit_slug: &str) -> Result<Scope> {
    let all = units::list(db, &org.id).await?;
    let unit = all
        .iter()
        .find(|u| u.slug == unit_slug && u.retired_at.is_none())
        .cloned()
        .ok_or(Error::NotFound)?;
    let unit_ids = units::subtree(&all, &unit.id);
    Ok(Scope { org: Some(org), unit: Some(unit), unit_ids })
}

/// What the public may see of one ad.
pub enum PublicAd {
    Open(Box<JobAd>),
    /// It was public and is no longer: its deadline passed or it was closed or archived.
    Closed(Box<JobAd>),
}

/// The ad `ad_id` of `org` for its public page at `at`. Never-public ads (drafts, templates,
/// ads awaiting approval or their publish time) are not found, so their existence does not
/// leak.
pub async fn public_ad(db: &Db, org: &Organisation, ad_id: &str, at: i64) -> Result<PublicAd> {
    let ad = ads::get(db, &org.id, ad_id).await?;
    let was_public = if ad.status.is_public() {
        ad.publish_at.is_none_or(|p| p <= at)
    } else {
        ad.status.is_over() && ad.published_at.is_some()
    };
    if !was_public {
        return Err(Error::NotFound);
    }
    let job = ads::job_ad(db, org, &ad).await?;
    Ok(if ad.is_open(at) { PublicAd::Open(Box::new(job)) } else { PublicAd::Closed(Box::new(job)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_ignore_unknown_values_and_keep_known_ones_in_links() {
        let f = Filters {
            q: Some("  sairaan  hoitaja ".into()),
            municipality: Some("91".into()),
            employment_type: Some("forever".into()),
            working_time: Some("part-time".into()),
            org: Some("".into()),
            lang: Some("sv".into()),
            page: Some("x".into()),
        };
        assert_eq!(f.words(), vec!["sairaan", "hoitaja"]);
        assert_eq!(f.municipality(), None);
        assert_eq!(f.employment_type(), None);
        assert_eq!(f.page_number(), 1);
        assert_eq!(f.query(), "q=sairaan++hoitaja&working_time=part-time&lang=sv");
        assert!(f.any());
        assert!(!Filters::default().any());
        assert_eq!(Filters { page: Some("3".into()), ..Filters::default() }.page_number(), 3);
        assert_eq!(Filters { page: Some("-3".into()), ..Filters::default() }.page_number(), 1);
    }

    #[test]
    fn search_words_fold_like_the_sql() {
        assert_eq!(fold("ÄIDINKIELEN"), "äidinkielen");
        // The stored texts are folded by the migration: every capital SQLite's LOWER leaves
        // alone is folded there by hand, on both databases.
        for sql in [
            include_str!("../../migrations/sqlite/0120_board_search.sql"),
            include_str!("../../migrations/postgres/0120_board_search.sql"),
        ] {
            for (upper, lower) in
                [("Ä", "ä"), ("Ö", "ö"), ("Å", "å"), ("É", "é"), ("Ü", "ü"), ("Š", "š"), ("Ž", "ž")]
            {
                assert!(sql.contains(&format!("'{upper}', '{lower}'")), "{upper}");
                assert_eq!(fold(upper), lower);
            }
        }
        let f = Filters {
            q: Some((0..20).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")),
            ..Filters::default()
        };
        assert_eq!(f.words().len(), MAX_SEARCH_WORDS);
    }
}
