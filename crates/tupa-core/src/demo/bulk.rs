//! `tupa demo --tickets N --ads N` (training only): realistic synthetic volume, fast, so
//! anyone can reproduce the performance figures and the benchmarks have their data.
//!
//! Four training organisations (`BULK_ORGS`), each with five queues (twenty in all), eight
//! topic categories and advisers (fifty in all, no passwords: they are assignees, not
//! people who sign in). Tickets in Finnish and Swedish spread over the last two years, most
//! old ones closed, recent ones in every state, with one to four messages each; job ads in
//! every state. The tickets go in in one transaction, as rows written directly (on
//! PostgreSQL multi-row inserts, on SQLite a connection of the fill's own: [`sqlite`]); the
//! domain functions (one transaction, audit record and mail per ticket) would take hours at
//! a million.
//!
//! Known words for the search benchmarks: every ticket mentions one of the topics' words
//! ("hakemus" is common), and one ticket in a hundred mentions [`RARE_WORD`].
//!
//! Deadlines are set a fixed time after arrival (two and ten days), not counted in support
//! hours as live tickets' are: the figures only need them spread like real ones.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::{Backend, Db, new_id, now};
use crate::desk::hours::SupportHours;
use crate::desk::tickets::MessageKind;
use crate::desk::tickets::{TicketChannel, TicketPriority, TicketStatus};
use crate::desk::{case_number, queues, search};
use crate::error::Result;
use crate::identity::{self, Email};
use crate::organisations::people::{self, Role};
use crate::organisations::{self, Organisation, plans};
use crate::recruitment::demo_ads::mail_local;

mod sqlite;

/// The organisations the fill uses: slug, name, the language most of their citizens write in.
pub const BULK_ORGS: [(&str, &str, &str); 4] = [
    ("jarvela", "Järvelän kunta", "fi"),
    ("kivikoski", "Kivikosken kaupunki", "fi"),
    ("strandby", "Strandby kommun", "sv"),
    ("metsala", "Metsälän kaupunki", "fi"),
];
/// In one ticket of a hundred (every hundredth made), for a rare word's search.
pub const RARE_WORD: &str = "kaukolämpölasku";
const QUEUES_PER_ORG: usize = 5;
const ADVISERS_PER_ORG: usize = 13;
const TWO_YEARS: i64 = 730 * 86_400;

#[derive(Clone, Copy, Default)]
pub struct BulkOptions {
    pub tickets: u64,
    pub ads: u64,
}

#[derive(Default)]
pub struct BulkReport {
    pub tickets: u64,
    pub messages: u64,
    pub ads: u64,
    /// How long the tickets' transaction took, from its start to its commit (making the
    /// tickets included; the organisations' set-up and the ads not).
    pub committed: std::time::Duration,
    /// SQLite: how long the checkpoint that wrote the committed tickets from the write-ahead
    /// log into the database file took afterwards (it waits for the disk).
    pub written_through: std::time::Duration,
}

/// One organisation's set-up: its queues, categories and advisers.
struct Desk {
    org: Organisation,
    lang: &'static str,
    queues: Vec<String>,
    categories: Vec<String>,
    advisers: Vec<String>,
}

/// Adds the organisations (when missing) and `tickets` tickets and `ads` ads across them.
///
/// The tickets go in in one transaction: the tables' secondary indexes (and SQLite's search
/// triggers) are set aside for it and made again at its end ([`deferred`](super::deferred)),
/// which no other connection sees. A running server waits meanwhile (for its writes on
/// SQLite, for the tickets on PostgreSQL); this is training data, never production.
pub async fn fill(db: &Db, options: BulkOptions) -> Result<BulkReport> {
    let mut desks = vec![];
    for (slug, name, lang) in BULK_ORGS {
        desks.push(desk(db, slug, name, lang).await?);
    }
    let mut rng = StdRng::seed_from_u64(now() as u64);
    let mut report = BulkReport::default();
    if options.tickets > 0 {
        if db.backend() == Backend::Sqlite {
            let filled = sqlite::tickets(db, &desks, &mut rng, options.tickets).await?;
            report.messages = filled.messages;
            (report.committed, report.written_through) = (filled.committed, filled.written_through);
        } else {
            let started = std::time::Instant::now();
            report.messages = tickets_postgres(db, &desks, &mut rng, options.tickets).await?;
            report.committed = started.elapsed();
        }
        report.tickets = options.tickets;
    }
    const BATCH: u64 = 2_000;
    let mut made = 0;
    while made < options.ads {
        let n = BATCH.min(options.ads - made);
        ad_batch(db, &desks, &mut rng, n).await?;
        made += n;
    }
    report.ads = made;
    Ok(report)
}

/// `n` tickets in one transaction, in batches (PostgreSQL; SQLite's go through
/// [`sqlite::tickets`]); returns the number of messages.
async fn tickets_postgres(db: &Db, desks: &[Desk], rng: &mut StdRng, n: u64) -> Result<u64> {
    let conn = db.pool().acquire().await?;
    let mut tx: crate::db::Tx = sqlx::Transaction::begin(conn, None).await?;
    let deferred = super::deferred::Deferred::take_postgres(&mut tx).await?;
    let t = now();
    let (mut made, mut messages) = (0, 0);
    while made < n {
        let count = POSTGRES_BATCH.min(n - made);
        let mut batch = Batch::make(desks, rng, made, count, t);
        for (year, range) in batch.years() {
            let numbers = case_number::allocate_many(&mut tx, year, range.len() as i64).await?;
            batch.number(range, numbers);
        }
        messages += insert_postgres(&mut tx, &batch).await?;
        made += count;
    }
    deferred.restore_postgres(&mut tx).await?;
    tx.commit().await?;
    Ok(messages)
}

/// Tickets made and stored at a time: on SQLite a batch is made while the one before is
/// stored, so smaller ones overlap better; PostgreSQL's multi-row inserts keep theirs.
const TICKET_BATCH: u64 = 2_000;
const POSTGRES_BATCH: u64 = 5_000;

async fn desk(db: &Db, slug: &str, name: &str, lang: &'static str) -> Result<Desk> {
    let org = match organisations::by_slug(db, slug).await? {
        Some(org) => org,
        None => {
            let mut tx = db.begin().await?;
            plans::ensure_defaults(&mut tx).await?;
            let (plan,): (String,) = sqlx::query_as("SELECT id FROM plans WHERE slug = 'full'")
                .fetch_one(&mut *tx)
                .await?;
            let org = organisations::create(&mut tx, slug, name, false, Some(&plan)).await?;
            // Training volume: no agreement on record is needed (issue 13).
            crate::agreements::set_environment_tx(
                &mut tx,
                &org.id,
                crate::agreements::Environment::Training,
            )
            .await?;
            tx.commit().await?;
            org
        }
    };
    let mut tx = db.begin().await?;
    let existing: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM desk_queues WHERE org_id = $1 ORDER BY created_at")
            .bind(&org.id)
            .fetch_all(&mut *tx)
            .await?;
    let mut queue_ids: Vec<String> = existing.into_iter().map(|q| q.0).collect();
    let hours = SupportHours::weekdays(time::macros::time!(9:00), time::macros::time!(15:00));
    for name in QUEUE_NAMES.iter().skip(queue_ids.len()).take(QUEUES_PER_ORG) {
        let q = queues::create(&mut tx, &org.id, name, &hours, Some(2 * 86_400), Some(10 * 86_400))
            .await?;
        queue_ids.push(q.id);
    }
    let existing: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM desk_categories WHERE org_id = $1")
            .bind(&org.id)
            .fetch_all(&mut *tx)
            .await?;
    let mut categories: Vec<String> = existing.iter().map(|c| c.0.clone()).collect();
    for topic in TOPICS.iter().filter(|t| !existing.iter().any(|c| c.1 == t.category)) {
        let id = new_id();
        sqlx::query("INSERT INTO desk_categories (org_id, id, name, name_sv, name_en, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&org.id)
            .bind(&id)
            .bind(topic.category)
            .bind(topic.category_sv)
            .bind(None::<String>)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        categories.push(id);
    }
    let mut advisers = vec![];
    for i in 1..=ADVISERS_PER_ORG {
        let (first, last) =
            (FIRST_NAMES[i % FIRST_NAMES.len()], LAST_NAMES[(i * 7) % LAST_NAMES.len()]);
        let email = Email::parse(&format!("neuvoja{i}@{slug}.invalid"))?;
        let (user, created) =
            identity::find_or_create(&mut tx, &email, &format!("{first} {last}")).await?;
        if created {
            people::add_member(&mut tx, &org.id, &user.id).await?;
            people::grant(&mut tx, &org.id, &user.id, Role::Adviser, None, None).await?;
        }
        advisers.push(user.id);
    }
    tx.commit().await?;
    Ok(Desk { org, lang, queues: queue_ids, categories, advisers })
}

/// What a synthetic ticket is.
struct Synthetic {
    org_id: String,
    id: String,
    case_number: String,
    queue_id: String,
    category_id: String,
    subject: String,
    status: TicketStatus,
    priority: TicketPriority,
    channel: TicketChannel,
    requester_email: String,
    requester_name: String,
    lang: &'static str,
    assignee_id: Option<String>,
    created_at: i64,
    updated_at: i64,
    first_responded_at: Option<i64>,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    messages: Vec<SyntheticMessage>,
}

impl Synthetic {
    /// Deadlines a fixed time after arrival (see the module's comment).
    fn first_response_due(&self) -> i64 {
        self.created_at + 2 * 86_400
    }

    fn resolution_due(&self) -> i64 {
        self.created_at + 10 * 86_400
    }
}

struct SyntheticMessage {
    id: String,
    kind: MessageKind,
    author: Option<String>,
    from: Option<String>,
    body: String,
    at: i64,
}

/// Synthetic tickets (the `first`-th onwards) in the order of their arrival, with what
/// search finds each by. Their case numbers come when they are stored ([`Batch::number`]).
struct Batch {
    tickets: Vec<Synthetic>,
    /// Each ticket's search header: its subject and requester.
    headers: Vec<String>,
    /// Each ticket's messages' search texts.
    texts: Vec<Vec<String>>,
}

impl Batch {
    fn make(desks: &[Desk], rng: &mut StdRng, first: u64, n: u64, t: i64) -> Batch {
        let mut tickets: Vec<Synthetic> =
            (0..n).map(|i| synthetic(desks, rng, first + i, t)).collect();
        // Case numbers are counted per year: in arrival order, each year's run at once.
        tickets.sort_by_key(|s| s.created_at);
        let headers = tickets
            .iter()
            .map(|s| {
                search::indexed_text(&format!(
                    "{} {} {}",
                    s.subject, s.requester_email, s.requester_name
                ))
            })
            .collect();
        let texts = tickets
            .iter()
            .map(|s| s.messages.iter().map(|m| search::indexed_text(&m.body)).collect())
            .collect();
        Batch { tickets, headers, texts }
    }

    /// The runs of tickets of the same year.
    fn years(&self) -> Vec<(i32, std::ops::Range<usize>)> {
        let mut runs = vec![];
        let mut i = 0;
        while i < self.tickets.len() {
            let year = year_of(self.tickets[i].created_at);
            let same =
                self.tickets[i..].iter().take_while(|s| year_of(s.created_at) == year).count();
            runs.push((year, i..i + same));
            i += same;
        }
        runs
    }

    /// Gives the tickets of `range` their case numbers.
    fn number(&mut self, range: std::ops::Range<usize>, numbers: Vec<String>) {
        for (s, number) in self.tickets[range].iter_mut().zip(numbers) {
            s.case_number = number;
        }
    }

    /// Each message with its ticket and search text, in the tickets' order.
    fn messages(&self) -> impl Iterator<Item = (&Synthetic, &SyntheticMessage, &String)> {
        self.tickets
            .iter()
            .zip(&self.texts)
            .flat_map(|(s, texts)| s.messages.iter().zip(texts).map(move |(m, text)| (s, m, text)))
    }
}

/// Stores `batch` in `tx` (PostgreSQL, with multi-row inserts); returns its number of
/// messages.
async fn insert_postgres(tx: &mut crate::db::Tx, batch: &Batch) -> Result<u64> {
    // Messages before their tickets: each ticket's search vector is then made once, whole,
    // by the ticket's own insert trigger, instead of being rewritten for every message.
    let messages: Vec<_> = batch.messages().collect();
    for chunk in messages.chunks(1_500) {
        let sql = values(
            Backend::Postgres,
            "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, author_user_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, created_at, search_text)",
            chunk.len(),
            13,
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (s, m, text) in chunk {
            q = q
                .bind(&s.org_id)
                .bind(&m.id)
                .bind(&s.id)
                .bind(m.kind.as_str())
                .bind(&m.author)
                .bind(&m.from)
                .bind(m.from.as_ref().map(|_| &s.requester_name))
                .bind("")
                .bind("")
                .bind(&s.subject)
                .bind(&m.body)
                .bind(m.at)
                .bind(*text);
        }
        q.execute(&mut **tx).await?;
    }
    for (c, chunk) in batch.tickets.chunks(1_000).enumerate() {
        let sql = values(
            Backend::Postgres,
            &format!("INSERT INTO tickets ({TICKET_COLUMNS})"),
            chunk.len(),
            21,
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (k, s) in chunk.iter().enumerate() {
            q = q
                .bind(&s.org_id)
                .bind(&s.id)
                .bind(&s.case_number)
                .bind(&s.queue_id)
                .bind(&s.category_id)
                .bind(&s.subject)
                .bind(s.status.as_str())
                .bind(s.priority.as_str())
                .bind(s.channel.as_str())
                .bind(&s.requester_email)
                .bind(&s.requester_name)
                .bind(s.lang)
                .bind(&s.assignee_id)
                .bind(s.created_at)
                .bind(s.updated_at)
                .bind(s.first_response_due())
                .bind(s.first_responded_at)
                .bind(s.resolution_due())
                .bind(s.resolved_at)
                .bind(s.closed_at)
                .bind(&batch.headers[c * 1_000 + k]);
        }
        q.execute(&mut **tx).await?;
        let sql = values(
            Backend::Postgres,
            "INSERT INTO ticket_participants (org_id, ticket_id, address, role)",
            chunk.len(),
            4,
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for s in chunk {
            q = q.bind(&s.org_id).bind(&s.id).bind(&s.requester_email).bind("requester");
        }
        q.execute(&mut **tx).await?;
    }
    Ok(messages.len() as u64)
}

/// The tickets' columns every fill writes (SQLite's adds its search number).
const TICKET_COLUMNS: &str = "org_id, id, case_number, queue_id, category_id, subject, status, priority, channel, requester_email, requester_name, requester_lang, assignee_id, created_at, updated_at, first_response_due, first_responded_at, resolution_due, resolved_at, closed_at, search_text";

/// `HEAD VALUES (…), (…)` for `rows` rows of `columns` values, in each backend's own
/// placeholders: sqlx's QueryBuilder writes `?` for the Any driver, which PostgreSQL
/// refuses, and SQLite binds thousands of numbered `$N` ten times slower than `?`.
fn values(backend: Backend, head: &str, rows: usize, columns: usize) -> String {
    let mut sql = format!("{head} VALUES ");
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..columns {
            if c > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => sql.push_str(&format!("${}", r * columns + c + 1)),
            }
        }
        sql.push(')');
    }
    sql
}

fn year_of(t: i64) -> i32 {
    time::OffsetDateTime::from_unix_timestamp(t).map(|d| d.year()).unwrap_or(2000)
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn synthetic(desks: &[Desk], rng: &mut StdRng, nth: u64, t: i64) -> Synthetic {
    // The rare word's tickets go to the organisations in turn, so that each has its share
    // even in a small fill (drawn at random, 15 of them missed one organisation one fill in
    // seventy-five, and a test searching it found nothing).
    let rare = nth.is_multiple_of(100);
    let desk = if rare { &desks[(nth / 100) as usize % desks.len()] } else { pick(rng, desks) };
    // Swedish where the organisation is Swedish-speaking, else one contact in ten.
    let swedish = if desk.lang == "sv" { rng.random_bool(0.8) } else { rng.random_bool(0.1) };
    let lang = if swedish { "sv" } else { "fi" };
    let topic_index = rng.random_range(0..TOPICS.len());
    let topic = &TOPICS[topic_index];
    // Older tickets are mostly done; the last month holds every state.
    let age = rng.random_range(0..TWO_YEARS);
    let created_at = t - age;
    use TicketPriority as P;
    use TicketStatus as S;
    let status = if age > 30 * 86_400 {
        *pick(
            rng,
            &[
                S::Closed,
                S::Closed,
                S::Closed,
                S::Closed,
                S::Closed,
                S::Closed,
                S::Resolved,
                S::Waiting,
            ],
        )
    } else {
        *pick(rng, &[S::New, S::New, S::Open, S::Open, S::Waiting, S::Resolved, S::Closed])
    };
    let priority = *pick(
        rng,
        &[
            P::Normal,
            P::Normal,
            P::Normal,
            P::Normal,
            P::Normal,
            P::Normal,
            P::High,
            P::Low,
            P::Urgent,
            P::Normal,
        ],
    );
    use TicketChannel::{Api, Email, Web};
    let channel = *pick(rng, &[Email, Email, Email, Web, Web, Api]);
    let (first, last) = (*pick(rng, &FIRST_NAMES), *pick(rng, &LAST_NAMES));
    let requester_email = format!(
        "{}.{}{}@example.invalid",
        mail_local(first),
        mail_local(last),
        rng.random_range(1..100)
    );
    let (subject, opening) =
        if swedish { (topic.subject_sv, topic.body_sv) } else { (topic.subject_fi, topic.body_fi) };
    let mut body = format!("{} {}", greeting(swedish), opening);
    for _ in 0..rng.random_range(1..4) {
        body.push(' ');
        body.push_str(say(rng, swedish, &SENTENCES_FI, &SENTENCES_SV));
    }
    if rare {
        body.push_str(&format!(" Koskee myös {RARE_WORD}a."));
    }
    body.push_str(&format!("\n\n{first} {last}"));
    let assignee = (status != S::New).then(|| pick(rng, &desk.advisers).clone());
    let mut messages = vec![SyntheticMessage {
        id: new_id(),
        kind: MessageKind::Incoming,
        author: None,
        from: Some(requester_email.clone()),
        body,
        at: created_at,
    }];
    let mut at = created_at;
    let mut first_responded_at = None;
    if status != S::New {
        let rounds = rng.random_range(1..3);
        for round in 0..rounds {
            at += rng.random_range(600..3 * 86_400);
            if rng.random_bool(0.2) {
                messages.push(SyntheticMessage {
                    id: new_id(),
                    kind: MessageKind::Note,
                    author: assignee.clone(),
                    from: None,
                    body: pick(rng, &NOTES).to_string(),
                    at,
                });
                at += 60;
            }
            first_responded_at.get_or_insert(at);
            messages.push(SyntheticMessage {
                id: new_id(),
                kind: MessageKind::Reply,
                author: assignee.clone(),
                from: None,
                body: say(rng, swedish, &REPLIES_FI, &REPLIES_SV).to_string(),
                at,
            });
            if round + 1 < rounds {
                at += rng.random_range(3_600..5 * 86_400);
                messages.push(SyntheticMessage {
                    id: new_id(),
                    kind: MessageKind::Incoming,
                    author: None,
                    from: Some(requester_email.clone()),
                    body: pick(rng, if swedish { &FOLLOW_UPS_SV } else { &FOLLOW_UPS_FI })
                        .to_string(),
                    at,
                });
            }
        }
    }
    // Nothing in the future: a recent ticket's thread ends now at the latest.
    let at = at.min(t);
    let resolved_at = status.is_done().then_some(at);
    let closed_at = (status == S::Closed).then(|| (at + 7 * 86_400).min(t));
    Synthetic {
        org_id: desk.org.id.clone(),
        id: new_id(),
        case_number: String::new(),
        queue_id: desk.queues[topic_index % desk.queues.len()].clone(),
        category_id: desk.categories[topic_index % desk.categories.len()].clone(),
        subject: subject.to_string(),
        status,
        priority,
        channel,
        requester_email,
        requester_name: format!("{first} {last}"),
        lang,
        assignee_id: assignee,
        created_at,
        updated_at: closed_at.unwrap_or(at),
        first_responded_at,
        resolved_at,
        closed_at,
        messages,
    }
}

/// One of `fi` or `sv`, by language.
fn say(rng: &mut StdRng, swedish: bool, fi: &[&'static str], sv: &[&'static str]) -> &'static str {
    let pool = if swedish { sv } else { fi };
    pool[rng.random_range(0..pool.len())]
}

fn greeting(swedish: bool) -> &'static str {
    if swedish { "Hej!" } else { "Hei!" }
}

/// `n` ads across the organisations in every state, in one transaction.
async fn ad_batch(db: &Db, desks: &[Desk], rng: &mut StdRng, n: u64) -> Result<()> {
    let t = now();
    struct Ad<'a> {
        desk: &'a Desk,
        id: String,
        status: &'static str,
        job: &'static (&'static str, &'static str, &'static str),
        created_at: i64,
        deadline: i64,
        published_at: Option<i64>,
        closed_at: Option<i64>,
        archived_at: Option<i64>,
        publish_at: Option<i64>,
    }
    let ads: Vec<Ad> = (0..n)
        .map(|_| {
            let desk = pick(rng, desks);
            let status = *pick(
                rng,
                &[
                    "published",
                    "published",
                    "published",
                    "published",
                    "closed",
                    "closed",
                    "archived",
                    "draft",
                    "awaiting-approval",
                    "scheduled",
                ],
            );
            let created_at = t - rng.random_range(86_400..TWO_YEARS);
            let (deadline, published_at, closed_at, archived_at, publish_at) = match status {
                "published" => (
                    t + rng.random_range(86_400..40 * 86_400),
                    Some(t - rng.random_range(0..20 * 86_400)),
                    None,
                    None,
                    None,
                ),
                "closed" => (
                    created_at + 21 * 86_400,
                    Some(created_at + 86_400),
                    Some(created_at + 21 * 86_400),
                    None,
                    None,
                ),
                "archived" => (
                    created_at + 21 * 86_400,
                    Some(created_at + 86_400),
                    Some(created_at + 21 * 86_400),
                    Some(created_at + 60 * 86_400),
                    None,
                ),
                "scheduled" => (
                    t + 40 * 86_400,
                    None,
                    None,
                    None,
                    Some(t + rng.random_range(86_400..10 * 86_400)),
                ),
                _ => (t + 30 * 86_400, None, None, None, None),
            };
            Ad {
                desk,
                id: new_id(),
                status,
                job: pick(rng, &JOBS),
                created_at: created_at.min(published_at.unwrap_or(created_at)),
                deadline,
                published_at,
                closed_at,
                archived_at,
                publish_at,
            }
        })
        .collect();
    let mut tx = db.begin().await?;
    for chunk in ads.chunks(500) {
        let sql = values(
            db.backend(),
            "INSERT INTO job_ads (org_id, id, status, municipality_name, municipality_code, street, postal_code, city, employment_type, working_time, engagement, salary_basis, vacancies, contacts, questions, publish_at, deadline, published_at, closed_at, archived_at, retention_from, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts)",
            chunk.len(),
            26,
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for a in chunk {
            q = q
                .bind(&a.desk.org.id)
                .bind(&a.id)
                .bind(a.status)
                .bind(&a.desk.org.name)
                .bind("999")
                .bind("Kunnantie 1")
                .bind("99999")
                .bind(&a.desk.org.name)
                .bind("permanent")
                .bind("full-time")
                .bind("employment-contract")
                .bind("KVTES")
                .bind(1i64)
                .bind("[]")
                .bind("[]")
                .bind(a.publish_at)
                .bind(a.deadline)
                .bind(a.published_at)
                .bind(a.closed_at)
                .bind(a.archived_at)
                .bind(a.closed_at)
                .bind(&a.desk.advisers[0])
                .bind(a.created_at)
                .bind(a.archived_at.or(a.closed_at).or(a.published_at).unwrap_or(a.created_at))
                .bind("not-sent")
                .bind(0i64);
        }
        q.execute(&mut *tx).await?;
        let texts: Vec<(&Ad, &str, &str)> = chunk
            .iter()
            .flat_map(|a| {
                let mut v = vec![(a, "fi", a.job.0)];
                if a.desk.lang == "sv" || a.id.ends_with(['0', '1', '2', '3']) {
                    v.push((a, "sv", a.job.1));
                }
                v
            })
            .collect();
        let sql = values(
            db.backend(),
            "INSERT INTO job_ad_texts (org_id, ad_id, lang, title, description)",
            texts.len(),
            5,
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (a, lang, title) in texts {
            q = q.bind(&a.desk.org.id).bind(&a.id).bind(lang).bind(title).bind(a.job.2);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

const QUEUE_NAMES: [&str; QUEUES_PER_ORG] =
    ["Yleisneuvonta", "Sosiaalipalvelut", "Kasvatus ja opetus", "Tekniset palvelut", "Laskutus"];

const FIRST_NAMES: [&str; 16] = [
    "Maija", "Antti", "Aino", "Erik", "Liisa", "Pekka", "Anna", "Johanna", "Mikko", "Sanna",
    "Tuomas", "Elina", "Kaisa", "Ville", "Ulla", "Henrik",
];
const LAST_NAMES: [&str; 16] = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Lindqvist",
    "Holmström",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Salo",
    "Berg",
    "Rantanen",
    "Saarinen",
    "Lindroos",
];

struct Topic {
    category: &'static str,
    category_sv: &'static str,
    subject_fi: &'static str,
    subject_sv: &'static str,
    body_fi: &'static str,
    body_sv: &'static str,
}

const TOPICS: [Topic; 8] = [
    Topic {
        category: "Varhaiskasvatus",
        category_sv: "Småbarnspedagogik",
        subject_fi: "Päivähoitohakemus",
        subject_sv: "Ansökan om dagvård",
        body_fi: "Lähetin päivähoitohakemuksen, mutta en ole saanut vahvistusta.",
        body_sv: "Jag skickade en ansökan om dagvård men har inte fått någon bekräftelse.",
    },
    Topic {
        category: "Laskutus",
        category_sv: "Fakturering",
        subject_fi: "Laskun eräpäivä",
        subject_sv: "Fakturans förfallodag",
        body_fi: "Voinko siirtää laskun eräpäivää kahdella viikolla?",
        body_sv: "Kan jag skjuta upp fakturans förfallodag med två veckor?",
    },
    Topic {
        category: "Asuminen",
        category_sv: "Boende",
        subject_fi: "Vuokra-asunnon hakemus",
        subject_sv: "Ansökan om hyresbostad",
        body_fi: "Haluaisin tietää, missä vaiheessa vuokra-asuntohakemukseni on.",
        body_sv: "Jag vill veta hur långt min ansökan om hyresbostad har kommit.",
    },
    Topic {
        category: "Rakentaminen",
        category_sv: "Byggande",
        subject_fi: "Rakennuslupa autokatokselle",
        subject_sv: "Bygglov för carport",
        body_fi: "Tarvitaanko autokatokselle rakennuslupa vai riittääkö toimenpidelupa?",
        body_sv: "Behövs bygglov för en carport eller räcker det med åtgärdstillstånd?",
    },
    Topic {
        category: "Liikenne",
        category_sv: "Trafik",
        subject_fi: "Asukaspysäköintitunnus",
        subject_sv: "Boendeparkeringstillstånd",
        body_fi: "Muutin keskustaan. Miten haen asukaspysäköintitunnusta?",
        body_sv: "Jag har flyttat till centrum. Hur ansöker jag om boendeparkering?",
    },
    Topic {
        category: "Sosiaalipalvelut",
        category_sv: "Socialtjänster",
        subject_fi: "Toimeentulotuen hakemus",
        subject_sv: "Ansökan om utkomststöd",
        body_fi: "Täydennyspyynnössä pyydettiin tiliotteita. Mihin ne lähetetään?",
        body_sv: "I begäran om komplettering bad man om kontoutdrag. Vart skickar jag dem?",
    },
    Topic {
        category: "Kirjasto",
        category_sv: "Bibliotek",
        subject_fi: "Kirjastokortti kadonnut",
        subject_sv: "Förlorat lånekort",
        body_fi: "Kirjastokorttini on kadonnut. Miten saan uuden?",
        body_sv: "Mitt lånekort har försvunnit. Hur får jag ett nytt?",
    },
    Topic {
        category: "Koulutus",
        category_sv: "Utbildning",
        subject_fi: "Koulukuljetushakemus",
        subject_sv: "Ansökan om skolskjuts",
        body_fi: "Lapseni koulumatka on yli viisi kilometriä. Miten haen koulukuljetusta?",
        body_sv: "Mitt barns skolväg är över fem kilometer. Hur ansöker jag om skolskjuts?",
    },
];

const SENTENCES_FI: [&str; 8] = [
    "Hakemus on lähetetty sähköisesti viime viikolla.",
    "Asia on minulle kiireellinen, koska muutto on ensi kuussa.",
    "Liitteenä on aiempi päätös, jos siitä on apua.",
    "Yritin soittaa neuvontaan, mutta linja oli varattu.",
    "Kiitos jo etukäteen avusta.",
    "Voitteko vastata sähköpostilla?",
    "En löytänyt tietoa verkkosivuilta.",
    "Tarvitsenko tähän erillisen hakemuksen?",
];
const SENTENCES_SV: [&str; 6] = [
    "Ansökan skickades elektroniskt förra veckan.",
    "Ärendet är brådskande eftersom flytten är nästa månad.",
    "Jag hittade ingen information på webbplatsen.",
    "Tack på förhand för hjälpen.",
    "Kan ni svara per e-post?",
    "Behöver jag göra en separat ansökan?",
];
const REPLIES_FI: [&str; 4] = [
    "Kiitos viestistänne. Hakemuksenne on vastaanotettu ja se käsitellään kahden viikon kuluessa.",
    "Tarvitsemme vielä kopion päätöksestä. Vastatkaa tähän viestiin ja liittäkää se mukaan.",
    "Asia on nyt korjattu. Uusi päätös lähtee teille postitse.",
    "Hakemuksen voi täydentää asiointipalvelussa. Ohjeet löytyvät kaupungin verkkosivuilta.",
];
const REPLIES_SV: [&str; 3] = [
    "Tack för ert meddelande. Ansökan har tagits emot och behandlas inom två veckor.",
    "Vi behöver ännu en kopia av beslutet. Svara på detta meddelande och bifoga den.",
    "Ärendet är nu åtgärdat. Ett nytt beslut skickas per post.",
];
const FOLLOW_UPS_FI: [&str; 3] = [
    "Kiitos vastauksesta. Liitteenä pyydetty päätös.",
    "Onko hakemukseni jo käsitelty?",
    "Selvä, kiitos paljon!",
];
const FOLLOW_UPS_SV: [&str; 2] =
    ["Tack för svaret. Här är beslutet.", "Har min ansökan behandlats?"];
const NOTES: [&str; 3] = [
    "Tarkistettu asiakastietojärjestelmästä, tiedot täsmäävät.",
    "Siirretty tiedoksi yksikön esihenkilölle.",
    "Odotetaan laskutuksen vahvistusta.",
];

/// Job ads: Finnish title, Swedish title, description.
const JOBS: [(&str, &str, &str); 6] = [
    ("Lähihoitaja, kotihoito", "Närvårdare, hemvård", "Haemme lähihoitajaa kotihoidon tiimiin."),
    (
        "Varhaiskasvatuksen opettaja",
        "Lärare inom småbarnspedagogik",
        "Haemme opettajaa päiväkotiin.",
    ),
    ("Sosiaalityöntekijä", "Socialarbetare", "Haemme sosiaalityöntekijää aikuissosiaalityöhön."),
    ("Luokanopettaja", "Klasslärare", "Haemme luokanopettajaa alakouluun."),
    ("Kirjastovirkailija", "Biblioteksfunktionär", "Haemme kirjastovirkailijaa pääkirjastoon."),
    ("Rakennustarkastaja", "Byggnadsinspektör", "Haemme rakennustarkastajaa rakennusvalvontaan."),
];
