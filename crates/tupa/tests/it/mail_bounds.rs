//! Hostile mail (issue 11): a message with thousands of Cc addresses keeps at most
//! `MAX_RECIPIENTS_KEPT`, none of them gets the desk's replies unless an adviser picks it,
//! and the ticket page stays small; a message over the size limit is refused with a short
//! record (never its body) by a `tupa mail ingest` whose memory stays bounded whatever comes
//! in; the contact form's uploads are bounded too.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::ingest::{MAX_RECIPIENTS_KEPT, Outcome, ingest};
use tupa_core::desk::{queues, tickets};
use tupa_core::mail::inbound::MAX_MESSAGE_BYTES;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    thousands_of_cc_addresses_are_capped_and_never_copied_unasked,
    oversized_mail_on_the_cli_keeps_a_short_record_in_bounded_memory,
    contact_form_uploads_are_bounded,
    migration_makes_stored_header_copies_proposals
);

const DESK: &str = "neuvonta@espoo.test";
const CC_COUNT: usize = 5_000;

async fn desk_org(app: &TestApp) -> tupa_core::organisations::Organisation {
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, DESK, None).await.unwrap();
    tx.commit().await.unwrap();
    org
}

/// A message To the desk with `n` Cc addresses, folded as a mail client would.
fn mail_with_cc(n: usize) -> Vec<u8> {
    let cc: Vec<String> = (0..n).map(|i| format!("vastaanottaja{i}@lista.test")).collect();
    format!(
        "From: Maija <maija@example.fi>\r\nTo: {DESK}\r\nCc: {}\r\nSubject: Kaikille\r\nMessage-ID: <many-cc@example.fi>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0200\r\n\r\nHei kaikki.\r\n",
        cc.join(",\r\n "),
    )
    .into_bytes()
}

async fn count(app: &TestApp, sql: &'static str, bind: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>(sql).bind(bind).fetch_one(app.db.pool()).await.unwrap().0
}

async fn thousands_of_cc_addresses_are_capped_and_never_copied_unasked(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);

    let outcome =
        ingest(&app.db, &app.settings, &mail_with_cc(CC_COUNT), Some(DESK)).await.unwrap();
    let Outcome::Created { case_number: case } = outcome else { panic!("{outcome:?}") };
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();

    // Kept: the requester and at most the cap of addresses, all of them proposals.
    let participants =
        count(&app, "SELECT COUNT(*) FROM ticket_participants WHERE ticket_id = $1", &ticket.id)
            .await;
    assert!(participants <= 1 + MAX_RECIPIENTS_KEPT as i64, "{participants} participants kept");
    let copied = count(
        &app,
        "SELECT COUNT(*) FROM ticket_participants WHERE ticket_id = $1 AND role = 'cc'",
        &ticket.id,
    )
    .await;
    assert_eq!(copied, 0, "nothing from a header is a copy recipient on its own");
    let messages = tickets::messages(&app.db, &org.id, &ticket.id).await.unwrap();
    let first = messages.iter().find(|m| m.kind == tickets::MessageKind::Incoming).unwrap();
    let kept = first.to_shown(usize::MAX).0.len() + first.cc_shown(usize::MAX).0.len();
    assert_eq!(kept, MAX_RECIPIENTS_KEPT, "To and Cc kept on the message, up to the cap");
    assert_eq!(
        first.addresses_dropped as usize,
        CC_COUNT + 1 - MAX_RECIPIENTS_KEPT,
        "the rest are counted"
    );

    // A reply without a pick goes to the requester only.
    let (s, body) =
        api.post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "Vastaus"})).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let replies: Vec<_> = tupa_core::mail::outbox::list(&app.db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.body_text.contains("Vastaus"))
        .collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].to_address, "maija@example.fi");
    assert_eq!(replies[0].cc_addresses, None, "no copies nobody picked");

    // The ticket page shows the proposals and the count of the rest, and stays small.
    let browser = app.signed_in(&adviser).await;
    let (s, html) = browser.get_text(&format!("/orgs/espoo/desk/{case}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.len() < 200_000, "the ticket page is {} bytes", html.len());
    let dropped = (CC_COUNT + 1 - MAX_RECIPIENTS_KEPT).to_string();
    assert!(html.contains(&dropped), "the adviser sees that {dropped} addresses were not kept");
    assert!(html.contains("name=\"cc\" value=\"vastaanottaja3@lista.test\""), "offered for a copy");
    assert!(!html.contains("value=\"vastaanottaja3@lista.test\" checked"), "not ticked");

    // Picked in a reply (API): that one gets a copy, and is a copy recipient from now on.
    let (s, body) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "Toinen vastaus", "cc": ["Vastaanottaja3@lista.test"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let copy = app
        .outbox_to("maija@example.fi")
        .await
        .into_iter()
        .find(|m| m.body_text.contains("Toinen vastaus"))
        .unwrap();
    assert_eq!(copy.cc_addresses.as_deref(), Some("vastaanottaja3@lista.test"));
    let (shown, _) =
        tickets::participants(&app.db, &org.id, &ticket.id, tickets::ParticipantRole::Cc, 10)
            .await
            .unwrap();
    assert_eq!(shown, ["vastaanottaja3@lista.test"], "picking confirms");

    // Only addresses the ticket knows, and only a few.
    let (s, err) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "x", "cc": ["someone@else.test"]}),
        )
        .await;
    assert_eq!((s.as_u16(), err["code"].as_str()), (422, Some("reply-cc-unknown")), "{err}");
    let many: Vec<String> = (0..21).map(|i| format!("vastaanottaja{i}@lista.test")).collect();
    let (s, err) = api
        .post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "x", "cc": many}))
        .await;
    assert_eq!((s.as_u16(), err["code"].as_str()), (422, Some("reply-cc-too-many")), "{err}");
    let after = app.outbox_to("maija@example.fi").await.len();

    // The reply form: the confirmed one is ticked; unticking everything sends no copy.
    let (_, html) = browser.get_text(&format!("/orgs/espoo/desk/{case}")).await;
    assert!(html.contains("value=\"vastaanottaja3@lista.test\" checked"), "confirmed is ticked");
    let res = browser
        .post(
            &format!("/orgs/espoo/desk/{case}/reply"),
            &[("kind", "reply"), ("body", "Kolmas vastaus"), ("cc_choice", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = browser
        .post(
            &format!("/orgs/espoo/desk/{case}/reply"),
            &[
                ("kind", "reply"),
                ("body", "Neljäs vastaus"),
                ("cc_choice", "1"),
                ("cc", "vastaanottaja5@lista.test"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sent = app.outbox_to("maija@example.fi").await;
    assert_eq!(sent.len(), after + 2);
    let third = sent.iter().find(|m| m.body_text.contains("Kolmas")).unwrap();
    assert_eq!(third.cc_addresses, None, "nothing ticked, no copy");
    let fourth = sent.iter().find(|m| m.body_text.contains("Neljäs")).unwrap();
    assert_eq!(fourth.cc_addresses.as_deref(), Some("vastaanottaja5@lista.test"));
    // An error comes back at the copy choices with the ticks as they were.
    let (s, html) = browser
        .post_text(
            &format!("/orgs/espoo/desk/{case}/reply"),
            &[
                ("kind", "reply"),
                ("body", "Viides"),
                ("cc_choice", "1"),
                ("cc", "vastaanottaja6@lista.test"),
                ("cc", "vieras@else.test"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&tupa_core::i18n::Lang::Fi.t("error-reply-cc-unknown")));
    assert!(html.contains("value=\"vastaanottaja6@lista.test\" checked"), "ticks kept");
    assert!(!html.contains("value=\"vastaanottaja3@lista.test\" checked"), "unticked kept");

    // Confirming a proposal on the page makes it a copy recipient; at most 20 of them.
    let res = browser
        .post(
            &format!("/orgs/espoo/desk/{case}/cc"),
            &[("address", "vastaanottaja7@lista.test"), ("action", "add")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (confirmed, _) =
        tickets::participants(&app.db, &org.id, &ticket.id, tickets::ParticipantRole::Cc, 100)
            .await
            .unwrap();
    assert_eq!(confirmed.len(), 3, "{confirmed:?}");
    for i in 0..17 {
        let (s, err) = api
            .post(
                &format!("/api/v1/tickets/{case}/cc"),
                json!({"address": format!("lisatty{i}@example.fi")}),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{err}");
    }
    let (s, err) = api
        .post(&format!("/api/v1/tickets/{case}/cc"), json!({"address": "liikaa@example.fi"}))
        .await;
    assert_eq!((s.as_u16(), err["code"].as_str()), (422, Some("cc-too-many")), "{err}");

    // Everything that went out: never more than one reply's worth of copies.
    let total_copies: usize = tupa_core::mail::outbox::list(&app.db, 1000)
        .await
        .unwrap()
        .iter()
        .filter_map(|m| m.cc_addresses.as_deref())
        .map(|c| c.split(", ").count())
        .sum();
    assert_eq!(total_copies, 2, "two copies in all, both picked by the adviser");
}

/// Runs `tupa mail ingest` with `size` bytes of one message streamed to its standard input;
/// returns (exit code, standard error, peak resident memory in KiB).
fn ingest_streamed(database_url: &str, size: usize) -> (i32, String, i64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tupa"))
        .args(["mail", "ingest", "--recipient", DESK])
        .env("DATABASE_URL", database_url)
        .env("TUPA_DATA_DIR", std::env::temp_dir())
        .env("TUPA_PUBLIC_URL", "http://tupa.test")
        .env_remove("TUPA_ENVIRONMENT")
        .env_remove("TUPA_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let header = format!(
            "From: Iso Liite <iso@example.fi>\r\nTo: {DESK}\r\nSubject: Valtava liite\r\nMessage-ID: <big@example.fi>\r\n\r\n"
        );
        stdin.write_all(header.as_bytes())?;
        let line = [b'A'; 76].iter().chain(b"\r\n").copied().collect::<Vec<u8>>();
        let block: Vec<u8> = line.iter().copied().cycle().take(1 << 20).collect();
        let mut written = header.len();
        while written < size {
            let n = block.len().min(size - written);
            stdin.write_all(&block[..n])?;
            written += n;
        }
        std::io::Result::Ok(())
    });
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    // The child's own high-water mark of resident memory, read while it runs (VmHWM only
    // grows; it is gone once the process has ended). Rusage would not do: Linux carries the
    // parent's peak into a child's ru_maxrss across exec.
    let status_file = format!("/proc/{}/status", child.id());
    let sampler = std::thread::spawn(move || {
        let mut peak = 0i64;
        while let Ok(status) = std::fs::read_to_string(&status_file) {
            let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
            else {
                break; // exiting: its memory is gone
            };
            peak = peak.max(kib);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        peak
    });
    let status = child.wait().unwrap();
    let peak = sampler.join().unwrap();
    let written = writer.join().unwrap();
    assert!(written.is_ok(), "the whole message was taken, no broken pipe: {written:?}");
    (status.code().unwrap_or(-1), reader.join().unwrap(), peak)
}

async fn oversized_mail_on_the_cli_keeps_a_short_record_in_bounded_memory(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let url = app.database_url.clone();

    // Just over the limit: refused as the README says (65), with a short record.
    let size = MAX_MESSAGE_BYTES + 1024 * 1024;
    let (code, stderr, _) =
        tokio::task::spawn_blocking(move || ingest_streamed(&url, size)).await.unwrap();
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("mail-too-large"), "{stderr}");
    // size, bytes kept, sender, organisation, outcome
    type Row = (i64, i64, Option<String>, Option<String>, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT size, CAST(LENGTH(content) AS BIGINT), sender, org_id, outcome FROM raw_mail WHERE reason = 'mail-too-large'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 1, "one record");
    let (stored_size, kept, sender, org_id, outcome) = rows[0].clone();
    assert_eq!(stored_size as usize, size, "the size that arrived");
    assert!(kept < 64 * 1024, "only the header section is kept, not the body: {kept} bytes");
    assert_eq!(sender.as_deref(), Some("iso@example.fi"));
    assert_eq!(org_id.as_deref(), Some(org.id.as_str()), "the desk's organisation sees it");
    assert_eq!(outcome, "refused");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM tickets WHERE org_id = $1", &org.id).await,
        0,
        "no ticket"
    );

    // Far over the limit: memory stays bounded by the limit, not by what came in.
    let url = app.database_url.clone();
    let huge = 160 * 1024 * 1024;
    let (code, stderr, peak_kib) =
        tokio::task::spawn_blocking(move || ingest_streamed(&url, huge)).await.unwrap();
    assert_eq!(code, 65, "{stderr}");
    let bound_kib = (2 * MAX_MESSAGE_BYTES / 1024) as i64 + 48 * 1024;
    assert!(
        peak_kib < bound_kib,
        "peak memory {peak_kib} KiB for a {huge}-byte message (bound {bound_kib} KiB)"
    );
    let (largest,): (i64,) =
        sqlx::query_as("SELECT CAST(MAX(LENGTH(content)) AS BIGINT) FROM raw_mail")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(largest < 64 * 1024, "no body kept: {largest} bytes");
}

async fn contact_form_uploads_are_bounded(backend: Backend) {
    use reqwest::multipart::{Form, Part};
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let citizen = app.browser().await;
    // 30 MiB in one file, streamed: over every limit of the form (10 MiB a file, 20 together).
    let chunk = pdf_chunk();
    let stream =
        futures_util::stream::iter((0..30).map(move |_| Ok::<_, std::io::Error>(chunk.clone())));
    let part =
        Part::stream_with_length(reqwest::Body::wrap_stream(stream), 30 << 20).file_name("iso.pdf");
    let form = Form::new()
        .text("name", "Maija")
        .text("email", "maija@example.fi")
        .text("message", "Liitteenä iso tiedosto.")
        .part("attachments", part);
    let res = citizen
        .client
        .post(app.url(&format!("/contact/espoo?csrf={}", citizen.csrf)))
        .multipart(form)
        .send()
        .await;
    // Refused: an answer saying so, or the connection closed while still sending.
    if let Ok(res) = res {
        assert!(res.status().is_client_error(), "{}", res.status());
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE org_id = $1", &org.id).await, 0);
    let health = reqwest::get(app.url("/readyz")).await.unwrap();
    assert!(health.status().is_success(), "the server carries on");
}

/// One MiB of a PDF-looking file.
fn pdf_chunk() -> Vec<u8> {
    let mut v = b"%PDF-1.4\n".to_vec();
    v.resize(1 << 20, b'x');
    v
}

/// Tickets stored before the fix had header Cc addresses as copy recipients. Migration 0016
/// makes them proposals, and keeps those an adviser added and merged tickets' requesters.
async fn migration_makes_stored_header_copies_proposals(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let outcome = ingest(&app.db, &app.settings, &mail_with_cc(2), Some(DESK)).await.unwrap();
    let case = outcome.case_number().unwrap().to_string();
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    // As the old code stored them: copy recipients straight from the header.
    sqlx::query("UPDATE ticket_participants SET role = 'cc' WHERE role = 'proposed-cc'")
        .execute(app.db.pool())
        .await
        .unwrap();
    // One added by the adviser (recorded in the audit log), one a merged ticket's requester.
    let (s, _) = app
        .api(&adviser.token)
        .post(&format!("/api/v1/tickets/{case}/cc"), json!({"address": "omainen@example.fi"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let other = ingest(
        &app.db,
        &app.settings,
        b"From: toinen@example.fi\r\nTo: neuvonta@espoo.test\r\nSubject: Sama asia\r\n\r\nHei\r\n",
        Some(DESK),
    )
    .await
    .unwrap();
    let other =
        tickets::by_case_number(&app.db, other.case_number().unwrap()).await.unwrap().unwrap();
    sqlx::query("UPDATE tickets SET merged_into = $1 WHERE id = $2")
        .bind(&ticket.id)
        .bind(&other.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    tickets::add_participant(
        &mut tx,
        &org.id,
        &ticket.id,
        "toinen@example.fi",
        tickets::ParticipantRole::Cc,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // The migration's update, as it ran on the stored data.
    let migration = match backend {
        Backend::Sqlite => {
            include_str!("../../../tupa-core/migrations/sqlite/0016_mail_bounds.sql")
        }
        Backend::Postgres => {
            include_str!("../../../tupa-core/migrations/postgres/0016_mail_bounds.sql")
        }
    };
    let update = migration.split("-- How many To and Cc").next().unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(update.to_string())).execute(app.db.pool()).await.unwrap();

    let mut roles: Vec<(String, String)> = sqlx::query_as(
        "SELECT address, role FROM ticket_participants WHERE ticket_id = $1 ORDER BY address",
    )
    .bind(&ticket.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    roles.sort();
    let expected = [
        ("maija@example.fi", "requester"),
        ("omainen@example.fi", "cc"),
        ("toinen@example.fi", "cc"),
        ("vastaanottaja0@lista.test", "proposed-cc"),
        ("vastaanottaja1@lista.test", "proposed-cc"),
    ]
    .map(|(a, r)| (a.to_string(), r.to_string()));
    assert_eq!(roles, expected, "nothing deleted; header copies became proposals");
}
