//! Whose data a request is about: the address the data is filed under and, when known, the
//! person's account (a guidance client, an identified person). Everything found for a
//! request is found through this, in one organisation only.

use crate::db::Db;
use crate::error::{Error, Result};
use crate::identity::{self, Email};
use crate::organisations::Organisation;

#[derive(Clone, Debug, Default)]
pub struct Person {
    /// The address the request names (lower-case).
    pub email: Option<String>,
    /// The person's account.
    pub user_id: Option<String>,
    /// Every address the person's data may be filed under: the request's and the account's.
    pub emails: Vec<String>,
}

impl Person {
    /// Whether `address` is one of the person's.
    pub fn is(&self, address: Option<&str>) -> bool {
        address.is_some_and(|a| self.emails.iter().any(|e| e.eq_ignore_ascii_case(a.trim())))
    }

    /// The account id to bind in queries (an impossible id when there is none).
    pub fn user_or_none(&self) -> &str {
        self.user_id.as_deref().unwrap_or("-")
    }
}

/// The person of a request from `email` and/or `person_id` (an account that belongs to the
/// organisation: a member, or a client of one of its spaces). At least one is needed.
pub async fn resolve(
    db: &Db,
    org: &Organisation,
    email: Option<&str>,
    person_id: Option<&str>,
) -> Result<Person> {
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    let person_id = person_id.map(str::trim).filter(|p| !p.is_empty());
    if email.is_none() && person_id.is_none() {
        return Err(Error::invalid("email", "privacy-person-missing"));
    }
    let mut person = Person::default();
    if let Some(e) = email {
        let e = Email::parse(e).map_err(|e| e.at("email"))?;
        person.email = Some(e.as_str().to_lowercase());
        person.emails.push(e.as_str().to_lowercase());
    }
    if let Some(id) = person_id {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM org_people WHERE org_id = $1 AND user_id = $2)
                  + (SELECT COUNT(*) FROM space_members WHERE org_id = $1 AND user_id = $2)",
        )
        .bind(&org.id)
        .bind(id)
        .fetch_one(db.pool())
        .await?;
        if n == 0 {
            return Err(Error::invalid("person_id", "privacy-person-unknown"));
        }
        let user = identity::get(db, id).await?;
        add_account(&mut person, user);
    }
    Ok(person)
}

/// The person signed in with `user` (strong identification or their own account).
pub fn of_user(user: &identity::User) -> Person {
    let mut p = Person::default();
    add_account(&mut p, user.clone());
    p
}

fn add_account(person: &mut Person, user: identity::User) {
    let address = user.email.to_lowercase();
    if person.email.is_none() {
        person.email = Some(address.clone());
    }
    if !person.emails.contains(&address) {
        person.emails.push(address);
    }
    person.user_id = Some(user.id);
}

/// The person a stored request is about.
pub fn of_request(r: &super::DataRequest) -> Person {
    let mut p = Person { email: r.email.clone(), user_id: r.person_id.clone(), emails: vec![] };
    p.emails.extend(r.email.clone());
    p
}

/// Completes [`of_request`] with the account's current address.
pub async fn load(db: &Db, r: &super::DataRequest) -> Result<Person> {
    let mut p = of_request(r);
    if let Some(id) = &r.person_id
        && let Ok(user) = identity::get(db, id).await
    {
        let address = user.email.to_lowercase();
        if !p.emails.contains(&address) {
            p.emails.push(address);
        }
    }
    Ok(p)
}

/// The ids of the person's records in one organisation.
#[derive(Clone, Debug, Default)]
pub struct Records {
    /// (id, case number) of tickets where the person is the requester or a participant.
    pub tickets: Vec<(String, String)>,
    /// Tickets that are data-request cases themselves (kept; see `erasure::HOLDS`).
    pub case_tickets: Vec<String>,
    pub applications: Vec<String>,
    /// Spaces where the person is the client.
    pub spaces: Vec<String>,
    /// The person's own data requests.
    pub requests: Vec<String>,
}

fn push_new(list: &mut Vec<String>, rows: Vec<(String,)>) {
    for (id,) in rows {
        if !list.contains(&id) {
            list.push(id);
        }
    }
}

/// Finds the person's records in `org_id`.
pub async fn records(db: &Db, org_id: &str, person: &Person) -> Result<Records> {
    let mut r = Records::default();
    let user = person.user_or_none();
    for email in &person.emails {
        let tickets: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, case_number FROM tickets WHERE org_id = $1 AND (requester_email = $2
             OR id IN (SELECT ticket_id FROM ticket_participants WHERE org_id = $1 AND address = $2)
             OR id IN (SELECT ticket_id FROM ticket_messages WHERE org_id = $1 AND from_address = $2))
             ORDER BY created_at",
        )
        .bind(org_id)
        .bind(email)
        .fetch_all(db.pool())
        .await?;
        for t in tickets {
            if !r.tickets.contains(&t) {
                r.tickets.push(t);
            }
        }
        let apps: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM applications WHERE org_id = $1 AND LOWER(email) = $2 ORDER BY created_at",
        )
        .bind(org_id)
        .bind(email)
        .fetch_all(db.pool())
        .await?;
        push_new(&mut r.applications, apps);
        let spaces: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM guidance_spaces WHERE org_id = $1 AND (LOWER(client_email) = $2
             OR id IN (SELECT space_id FROM space_members WHERE org_id = $1 AND user_id = $3 AND role = 'client'))
             ORDER BY created_at",
        )
        .bind(org_id)
        .bind(email)
        .bind(user)
        .fetch_all(db.pool())
        .await?;
        push_new(&mut r.spaces, spaces);
        let requests: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM data_requests WHERE org_id = $1 AND (email = $2 OR person_id = $3) ORDER BY created_at",
        )
        .bind(org_id)
        .bind(email)
        .bind(user)
        .fetch_all(db.pool())
        .await?;
        push_new(&mut r.requests, requests);
    }
    let cases: Vec<(String,)> = sqlx::query_as(
        "SELECT ticket_id FROM data_requests WHERE org_id = $1 AND ticket_id IS NOT NULL",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    r.case_tickets = cases
        .into_iter()
        .map(|c| c.0)
        .filter(|c| r.tickets.iter().any(|(id, _)| id == c))
        .collect();
    Ok(r)
}
