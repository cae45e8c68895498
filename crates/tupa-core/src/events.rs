//! Live events between the processes of an installation. A change is published after its
//! transaction commits; on PostgreSQL it travels by NOTIFY to every `tupa serve` process
//! (each LISTENs and hands it to its own subscribers). On SQLite the server is one process,
//! but `tupa mail ingest` runs in another, so events go through the `live_events` table,
//! which the server reads every second. Events carry ids only, never personal data: a subscriber
//! reads what it may see through the normal, authorised paths.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::db::{Backend, Db, Tx};

pub const CHANNEL: &str = "tupa_events";
const PUBLIC_CHANNEL: &str = crate::recruitment::public_changes::CHANNEL;

crate::closed_set! {
    /// What a live event reports. A process that meets a word it does not know (a newer
    /// release's, during a rolling upgrade) drops the event: none of its subscribers wants it.
    pub enum EventKind ("kind", "request-invalid") {
        /// A ticket changed or arrived.
        Ticket = "ticket",
        /// Someone opened a ticket.
        Viewing = "viewing",
        SpaceMessage = "space-message",
        SpaceTask = "space-task",
        SpaceLink = "space-link",
        SpaceSummary = "space-summary",
        SpaceMaterial = "space-material",
        /// A professional left a space (their socket closes).
        SpaceMemberLeft = "space-member-left",
        /// A video call's signalling message for one member of a space.
        CallSignal = "call-signal",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub org_id: String,
    pub kind: EventKind,
    pub case_number: Option<String>,
    /// For `space-message`: the space and the message; for the other items of a space
    /// (`space-task`, `space-link`, `space-summary`, `space-material`): the space and the item
    /// (in `message_id`, so that the events of older processes still parse).
    #[serde(default)]
    pub space_id: Option<String>,
    #[serde(default)]
    pub message_id: Option<String>,
    /// The hub (process) that published it, which delivered it to its own subscribers at
    /// once and skips it when it comes back through the database.
    #[serde(default)]
    pub origin: String,
}

impl Event {
    /// An event of `kind` in `org_id` with nothing else set yet.
    pub fn of(org_id: &str, kind: EventKind) -> Event {
        Event {
            org_id: org_id.to_string(),
            kind,
            case_number: None,
            space_id: None,
            message_id: None,
            origin: String::new(),
        }
    }
    pub fn ticket(org_id: &str, case_number: &str) -> Event {
        Event { case_number: Some(case_number.to_string()), ..Event::of(org_id, EventKind::Ticket) }
    }
    pub fn viewing(org_id: &str, case_number: &str) -> Event {
        Event {
            case_number: Some(case_number.to_string()),
            ..Event::of(org_id, EventKind::Viewing)
        }
    }
    /// A new item of a space other than a message (`guidance::items::ItemKind`).
    pub fn space_item(org_id: &str, space_id: &str, kind: EventKind, item_id: &str) -> Event {
        Event {
            space_id: Some(space_id.to_string()),
            message_id: Some(item_id.to_string()),
            ..Event::of(org_id, kind)
        }
    }
    pub fn space_message(org_id: &str, space_id: &str, message_id: &str) -> Event {
        Event {
            space_id: Some(space_id.to_string()),
            message_id: Some(message_id.to_string()),
            ..Event::of(org_id, EventKind::SpaceMessage)
        }
    }
    /// A task of the space was given, answered, finished, commented, changed or removed.
    pub fn space_task(org_id: &str, space_id: &str, task_id: &str) -> Event {
        Event {
            space_id: Some(space_id.to_string()),
            message_id: Some(task_id.to_string()),
            ..Event::of(org_id, EventKind::SpaceTask)
        }
    }
}

/// The subscribers of one process.
#[derive(Clone, Debug)]
pub struct Hub {
    tx: broadcast::Sender<Event>,
    origin: String,
}

impl Default for Hub {
    fn default() -> Self {
        // Slow subscribers skip (and re-read the page); nobody blocks the publisher.
        Hub { tx: broadcast::channel(4096).0, origin: crate::db::new_id() }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }
    /// How many live streams and sockets of this process are listening now (each holds one
    /// subscription while it is open), for the metrics.
    pub fn listeners(&self) -> usize {
        self.tx.receiver_count()
    }
    /// Hands an event that came through the database to this process's subscribers, unless
    /// this process published it (they had it at once).
    pub fn deliver(&self, event: Event) {
        if event.origin != self.origin || event.origin.is_empty() {
            let _ = self.tx.send(event);
        }
    }
}

/// Publishes an event to every process. Failures are logged, never returned: the change it
/// reports has already been stored, and pages still show it on the next load.
pub async fn publish(db: &Db, mut event: Event) {
    // This process's subscribers hear it at once (a chat message should not wait for the
    // database round trip, or on SQLite for the next poll); the others through the database.
    event.origin = db.hub().origin.clone();
    let _ = db.hub().tx.send(event.clone());
    let payload = serde_json::to_string(&event).unwrap_or_default();
    let sent = match db.backend() {
        Backend::Sqlite => {
            sqlx::query("INSERT INTO live_events (payload, at) VALUES ($1, $2)")
                .bind(payload)
                .bind(crate::db::now())
                .execute(db.pool())
                .await
        }
        Backend::Postgres => {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(db.pool())
                .await
        }
    };
    if let Err(e) = sent {
        tracing::warn!(error = %e, "cannot publish a live event");
    }
}

/// [`publish`] as part of `tx`, for a change made in it: other processes hear of it when
/// `tx` commits, and only then (never of a change rolled back), with no statement and no
/// commit of its own after the change's (on SQLite a second commit per API ticket). This
/// process's subscribers hear of it through [`Published::here`] once `tx` has committed.
pub async fn publish_in(db: &Db, tx: &mut Tx, mut event: Event) -> crate::error::Result<Published> {
    event.origin = db.hub().origin.clone();
    let payload = serde_json::to_string(&event).unwrap_or_default();
    match db.backend() {
        Backend::Sqlite => {
            sqlx::query("INSERT INTO live_events (payload, at) VALUES ($1, $2)")
                .bind(payload)
                .bind(crate::db::now())
                .execute(&mut **tx)
                .await?;
        }
        // PostgreSQL delivers a transaction's notifications at its commit.
        Backend::Postgres => {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(Published(event))
}

/// An event stored with its change, for this process's subscribers after the commit.
#[must_use = "this process's subscribers hear of the event only through `here`"]
pub struct Published(Event);

impl Published {
    pub fn here(self, db: &Db) {
        let _ = db.hub().tx.send(self.0);
    }
}

/// Hands events from every process to this process's subscribers, until the process ends.
/// PostgreSQL: LISTEN on the server the pool uses (PgListener reconnects by itself after a
/// restart; after a failover LISTEN fails on the demoted server, which is in recovery, and
/// the loop connects again to the host the pool moved to). SQLite: new rows of
/// `live_events`, read every second; rows older than a minute are removed.
pub async fn listen_forever(db: Db) {
    if db.backend() == Backend::Sqlite {
        return poll_forever(db).await;
    }
    loop {
        match sqlx::postgres::PgListener::connect(&db.connect_url()).await {
            Ok(mut listener) => {
                // The public board's changes come on a channel of their own (see
                // recruitment::public_changes); its cached pages are trusted only while this
                // connection listens.
                if let Err(e) = listener.listen_all([CHANNEL, PUBLIC_CHANNEL]).await {
                    tracing::warn!(error = %e, "cannot LISTEN for live events");
                } else {
                    db.public_generation().set_listening(true);
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(n)) if n.channel() == PUBLIC_CHANNEL => {
                                db.public_generation().bump()
                            }
                            Ok(Some(n)) => match serde_json::from_str::<Event>(n.payload()) {
                                Ok(event) => db.hub().deliver(event),
                                Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                            },
                            // The connection was lost: what was sent meanwhile is gone.
                            Ok(None) => {
                                tracing::warn!("live event listener lost its connection");
                                break;
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "live event listener lost its connection");
                                break;
                            }
                        }
                    }
                    db.public_generation().set_listening(false);
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect the live event listener"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
}

async fn poll_forever(db: Db) {
    let mut last: i64 = sqlx::query_as::<_, (Option<i64>,)>("SELECT MAX(id) FROM live_events")
        .fetch_one(db.pool())
        .await
        .ok()
        .and_then(|r| r.0)
        .unwrap_or(0);
    let mut ticks = 0u32;
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        match sqlx::query_as::<_, (i64, String)>(
            "SELECT id, payload FROM live_events WHERE id > $1 ORDER BY id",
        )
        .bind(last)
        .fetch_all(db.pool())
        .await
        {
            Ok(rows) => {
                for (id, payload) in rows {
                    last = id;
                    if let Ok(event) = serde_json::from_str::<Event>(&payload) {
                        db.hub().deliver(event);
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot read live events"),
        }
        ticks += 1;
        if ticks.is_multiple_of(60) {
            let _ = sqlx::query("DELETE FROM live_events WHERE at < $1")
                .bind(crate::db::now() - 60)
                .execute(db.pool())
                .await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Event, EventKind};

    #[test]
    fn kinds_parse_their_words_only() {
        crate::closed_set::check::<EventKind>("kind", "request-invalid");
    }

    /// An event of a kind this release does not know (a newer one's, mid-upgrade) is not
    /// read, so no subscriber mistakes it for one it knows.
    #[test]
    fn an_unknown_kind_is_not_read() {
        let known = serde_json::to_string(&Event::ticket("o", "D-1")).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&known).unwrap().kind, EventKind::Ticket);
        let unknown = known.replace("\"ticket\"", "\"space-poll\"");
        assert!(serde_json::from_str::<Event>(&unknown).is_err());
    }
}
