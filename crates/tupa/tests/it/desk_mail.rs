//! Mail in: real messages through the real parser into tickets, with threading, loop
//! protection, bounces and refusals; and every message of the shared corpus survives.

use tupa_core::desk::ingest::{Outcome, ingest};
use tupa_core::desk::{queues, tickets};
use tupa_core::organisations::Organisation;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    mail_threads_by_message_id_and_case_tag,
    loops_bounces_and_strangers,
    the_desk_is_found_among_the_recipients_and_the_sender_in_one_look_up,
    every_corpus_message_is_stored_or_refused
);

const DESK: &str = "neuvonta@espoo.test";

async fn desk(app: &TestApp, slug: &str, address: &str) -> Organisation {
    let org = app.org(slug, "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, address, None).await.unwrap();
    tx.commit().await.unwrap();
    org
}

fn mail(from: &str, to: &str, subject: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{}@client.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0200\r\n{extra_headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
        uuid::Uuid::new_v4()
    )
    .into_bytes()
}

/// The organisation a stored original is kept for.
async fn kept_for(app: &TestApp, raw_mail_id: &str) -> Option<String> {
    let (org_id,): (Option<String>,) = sqlx::query_as("SELECT org_id FROM raw_mail WHERE id = $1")
        .bind(raw_mail_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    org_id
}

async fn case_of(outcome: &Outcome) -> String {
    outcome.case_number().expect("stored").to_string()
}

async fn mail_threads_by_message_id_and_case_tag(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = desk(&app, "espoo", DESK).await;
    let settings = (*app.settings).clone();

    // A new message: a ticket, and an acknowledgement carrying the case tag, sent from the desk.
    let first = mail(
        "Maija Meikäläinen <maija@example.fi>",
        DESK,
        "=?utf-8?q?Kysymys_p=C3=A4iv=C3=A4hoidosta?=",
        "",
        "Hei, milloin haku päättyy?",
    );
    let outcome = ingest(&app.db, &settings, &first, Some(DESK)).await.unwrap();
    assert!(matches!(outcome, Outcome::Created { .. }), "{outcome:?}");
    let case = case_of(&outcome).await;
    assert!(case.len() == 13 && case.as_bytes()[4] == b'-', "YYYY-NNNNNNNN: {case}");
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(ticket.org_id, org.id);
    assert_eq!(ticket.subject, "Kysymys päivähoidosta", "RFC 2047 subject decoded");
    assert_eq!(ticket.requester_email, "maija@example.fi");
    assert!(ticket.first_response_due.unwrap() > ticket.created_at, "a due time in support hours");
    let ack = app.outbox_to("maija@example.fi").await.pop().expect("acknowledgement queued");
    assert!(ack.subject.contains(&format!("[Tupa #{case}]")), "{}", ack.subject);
    assert!(ack.body_text.contains(&case));
    assert_eq!(ack.from_address.as_deref(), Some(DESK));
    assert!(ack.in_reply_to.as_deref().unwrap().ends_with("@client.test"));

    // Reply to the acknowledgement (Gmail-style: In-Reply-To our Message-ID): same ticket.
    let ack_id = ack.message_id.trim_matches(['<', '>']).to_string();
    let reply = mail(
        "maija@example.fi",
        DESK,
        "Re: whatever the client did",
        &format!("In-Reply-To: <{ack_id}>\r\nReferences: <x@client.test> <{ack_id}>\r\n"),
        "Lisätietoa.",
    );
    let outcome = ingest(&app.db, &settings, &reply, Some(DESK)).await.unwrap();
    assert_eq!(outcome, Outcome::FollowUp { case_number: case.clone() });

    // Outlook-style: no threading headers, only the case tag after prefixes.
    let reply = mail(
        "MAIJA@example.fi",
        DESK,
        &format!("VS: SV: AW: Fwd: VL: Kysymys [Tupa #{case}] [Kuntarekry #4711]"),
        "",
        "Vielä yksi asia.",
    );
    let outcome = ingest(&app.db, &settings, &reply, Some(DESK)).await.unwrap();
    assert_eq!(outcome, Outcome::FollowUp { case_number: case.clone() });
    let msgs = tickets::messages(&app.db, &org.id, &ticket.id).await.unwrap();
    assert_eq!(msgs.iter().filter(|m| m.kind == tickets::MessageKind::Incoming).count(), 3);
    assert!(
        msgs.iter().any(|m| m.subject.contains("[Kuntarekry #4711]")),
        "foreign case tags are kept"
    );
    assert_eq!(
        app.outbox_to("maija@example.fi").await.len(),
        1,
        "follow-ups get no new acknowledgement"
    );

    // A stranger quoting the case tag: a new ticket that refers to the old one.
    let stranger = mail(
        "someone@else.test",
        DESK,
        &format!("Re: Kysymys [Tupa #{case}]"),
        "",
        "Minäkin kysyn.",
    );
    let outcome = ingest(&app.db, &settings, &stranger, Some(DESK)).await.unwrap();
    let new_case = match &outcome {
        Outcome::Created { case_number } => case_number.clone(),
        other => panic!("expected a new ticket, got {other:?}"),
    };
    assert_ne!(new_case, case);
    let new_ticket = tickets::by_case_number(&app.db, &new_case).await.unwrap().unwrap();
    assert_eq!(new_ticket.refers_to.as_deref(), Some(ticket.id.as_str()));

    // Another organisation's desk never threads into this organisation's ticket.
    let other = desk(&app, "vantaa", "asiakaspalvelu@vantaa.test").await;
    let cross = mail(
        "maija@example.fi",
        "asiakaspalvelu@vantaa.test",
        &format!("Re: [Tupa #{case}]"),
        "",
        "Väärä osoite.",
    );
    let outcome = ingest(&app.db, &settings, &cross, None).await.unwrap();
    let cross_ticket =
        tickets::by_case_number(&app.db, outcome.case_number().unwrap()).await.unwrap().unwrap();
    assert_eq!(cross_ticket.org_id, other.id);
    assert_ne!(outcome.case_number().unwrap(), case);
}

/// Without an envelope recipient the desk is the first of To and Cc that is one (spelt in any
/// case), and a sender counts as "ourselves" only when it is a desk address of the same
/// organisation: another organisation's desk writing to this one is a contact like any.
async fn the_desk_is_found_among_the_recipients_and_the_sender_in_one_look_up(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let espoo = desk(&app, "espoo", DESK).await;
    let vantaa = desk(&app, "vantaa", "asiakaspalvelu@vantaa.test").await;
    let settings = (*app.settings).clone();

    let cc = mail(
        "maija@example.fi",
        "someone@example.fi, other@example.fi",
        "Kopio",
        "Cc: friend@example.fi, NEUVONTA@Espoo.test\r\n",
        "Hei",
    );
    let outcome = ingest(&app.db, &settings, &cc, None).await.unwrap();
    let ticket =
        tickets::by_case_number(&app.db, outcome.case_number().expect("stored")).await.unwrap();
    assert_eq!(ticket.unwrap().org_id, espoo.id);

    let from_vantaa =
        mail("asiakaspalvelu@vantaa.test", DESK, "Siirto", "", "Teille kuuluva asia.");
    let outcome = ingest(&app.db, &settings, &from_vantaa, None).await.unwrap();
    let ticket =
        tickets::by_case_number(&app.db, outcome.case_number().expect("stored")).await.unwrap();
    assert_eq!(ticket.unwrap().org_id, espoo.id);

    let to_itself =
        mail("Asiakaspalvelu@vantaa.test", "asiakaspalvelu@vantaa.test", "Silmukka", "", "x");
    let Outcome::Refused { reason, raw_mail_id } =
        ingest(&app.db, &settings, &to_itself, None).await.unwrap()
    else {
        panic!("our own mail coming back is refused");
    };
    assert_eq!(reason, "mail-from-ourselves");
    assert_eq!(kept_for(&app, &raw_mail_id).await.as_deref(), Some(vantaa.id.as_str()));

    // The organisation and its plan come with the address: a desk whose organisation has no
    // plan, or is retired, takes no mail; the message is kept for that organisation.
    let kerava = desk(&app, "kerava", "neuvonta@kerava.test").await;
    let tuusula = desk(&app, "tuusula", "neuvonta@tuusula.test").await;
    sqlx::query("UPDATE organisations SET plan_id = NULL WHERE id = $1")
        .bind(&kerava.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE organisations SET retired_at = 1 WHERE id = $1")
        .bind(&tuusula.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    for (org, address) in [(&kerava, "neuvonta@kerava.test"), (&tuusula, "neuvonta@tuusula.test")] {
        let Outcome::Refused { reason, raw_mail_id } = ingest(
            &app.db,
            &settings,
            &mail("maija@example.fi", address, "Kysymys", "", "Hei"),
            None,
        )
        .await
        .unwrap() else {
            panic!("{address}: the desk is not open");
        };
        assert_eq!(reason, "desk-unavailable", "{address}");
        assert_eq!(
            kept_for(&app, &raw_mail_id).await.as_deref(),
            Some(org.id.as_str()),
            "{address}"
        );
    }
}

async fn loops_bounces_and_strangers(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = desk(&app, "espoo", DESK).await;
    let settings = (*app.settings).clone();
    let first = mail("ville@example.fi", DESK, "Hakemus", "", "Hei");
    let case = case_of(&ingest(&app.db, &settings, &first, Some(DESK)).await.unwrap()).await;
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    let ack = app.outbox_to("ville@example.fi").await.pop().unwrap();
    let ack_id = ack.message_id.trim_matches(['<', '>']).to_string();

    // An out-of-office answer to our acknowledgement: kept on the ticket, never answered.
    let ooo = mail(
        "ville@example.fi",
        DESK,
        "Automaattinen vastaus: Hakemus",
        &format!("Auto-Submitted: auto-replied\r\nIn-Reply-To: <{ack_id}>\r\n"),
        "Olen lomalla.",
    );
    assert_eq!(
        ingest(&app.db, &settings, &ooo, Some(DESK)).await.unwrap(),
        Outcome::FollowUp { case_number: case.clone() }
    );
    // A new auto-generated message opens a ticket but gets no acknowledgement (no mail loop).
    let robot = mail(
        "noreply@system.test",
        DESK,
        "Raportti",
        "Auto-Submitted: auto-generated\r\nPrecedence: bulk\r\n",
        "Automaattinen raportti",
    );
    assert!(matches!(
        ingest(&app.db, &settings, &robot, Some(DESK)).await.unwrap(),
        Outcome::Created { .. }
    ));
    assert!(app.outbox_to("noreply@system.test").await.is_empty());
    let list =
        mail("list@lists.test", DESK, "Uutiskirje", "List-Id: <news.lists.test>\r\n", "Uutisia");
    ingest(&app.db, &settings, &list, Some(DESK)).await.unwrap();
    assert!(app.outbox_to("list@lists.test").await.is_empty());
    let empty_return = mail("x@example.fi", DESK, "Hei", "Return-Path: <>\r\n", "Hei");
    ingest(&app.db, &settings, &empty_return, Some(DESK)).await.unwrap();
    assert!(app.outbox_to("x@example.fi").await.is_empty(), "empty Return-Path: no reply");

    // A bounce of our acknowledgement is attached to its ticket and flagged.
    let bounce = format!(
        "From: MAILER-DAEMON@mx.example.fi\r\nTo: {DESK}\r\nReturn-Path: <>\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce1@mx.example.fi>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.fi\r\n\r\nFinal-Recipient: rfc822; ville@example.fi\r\nAction: failed\r\nStatus: 5.1.1\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\nFrom: {DESK}\r\nTo: ville@example.fi\r\nSubject: {}\r\nMessage-ID: <{ack_id}>\r\n\r\nKiitos\r\n--b1--\r\n",
        ack.subject
    );
    assert_eq!(
        ingest(&app.db, &settings, bounce.as_bytes(), Some(DESK)).await.unwrap(),
        Outcome::FollowUp { case_number: case.clone() }
    );
    let msgs = tickets::messages(&app.db, &org.id, &ticket.id).await.unwrap();
    assert!(
        msgs.iter().any(|m| m.auto_kind == Some(tupa_core::mail::inbound::AutoKind::Bounce)),
        "bounce flagged on the ticket"
    );
    assert!(
        msgs.iter().any(|m| m.auto_kind == Some(tupa_core::mail::inbound::AutoKind::AutoReply))
    );

    // Our own mail coming back, mail to nobody's address, and garbage: refused but kept.
    let own = mail(DESK, DESK, "Loop", "", "loop");
    assert!(
        matches!(ingest(&app.db, &settings, &own, Some(DESK)).await.unwrap(), Outcome::Refused { reason, .. } if reason == "mail-from-ourselves")
    );
    let nowhere = mail("a@example.fi", "nobody@nowhere.test", "Hei", "", "Hei");
    assert!(
        matches!(ingest(&app.db, &settings, &nowhere, None).await.unwrap(), Outcome::Refused { reason, .. } if reason == "mail-no-desk-address")
    );
    assert!(matches!(
        ingest(&app.db, &settings, b"", Some(DESK)).await.unwrap(),
        Outcome::Refused { .. }
    ));
    let (kept,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM raw_mail WHERE outcome = 'refused'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(kept, 3, "refused messages are kept for inspection");
    let (all,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM raw_mail").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(all, 9, "every message that arrived is kept");
}

async fn every_corpus_message_is_stored_or_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    desk(&app, "espoo", DESK).await;
    let settings = (*app.settings).clone();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus");
    let mut files = vec![];
    for dir in ["rfc", "legacy", "malformed", "thirdparty"] {
        for entry in
            std::fs::read_dir(root.join(dir)).expect("shared/mail-corpus beside the repository")
        {
            files.push(entry.unwrap().path());
        }
    }
    assert!(files.len() >= 100, "corpus found: {}", files.len());
    let (mut stored, mut refused) = (0, 0);
    for path in &files {
        let raw = std::fs::read(path).unwrap();
        let has_sender = tupa_core::mail::inbound::parse(&raw).is_ok_and(|m| m.from.is_some());
        // The MTA passes the envelope recipient: the desk address, whatever the headers say.
        match ingest(&app.db, &settings, &raw, Some(DESK)).await {
            Ok(Outcome::Refused { reason, .. }) => {
                // Only a message nobody could be answered at is refused (kept all the same).
                assert!(
                    !has_sender,
                    "{}: refused ({reason}) although it has a sender",
                    path.display()
                );
                assert!(
                    ["mail-no-sender", "mail-empty", "mail-unparseable"].contains(&reason.as_str()),
                    "{reason}"
                );
                refused += 1
            }
            Ok(_) => stored += 1,
            Err(e) => panic!("{}: not stored at all: {e:?}", path.display()),
        }
    }
    let (kept, bytes): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM raw_mail")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(kept as usize, files.len(), "every original kept");
    let expected: usize = files.iter().map(|p| std::fs::metadata(p).unwrap().len() as usize).sum();
    assert_eq!(bytes as usize, expected, "originals kept byte for byte");
    let reasons: Vec<(String, i64)> = sqlx::query_as(
        "SELECT reason, COUNT(*) FROM raw_mail WHERE outcome = 'refused' GROUP BY reason",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(
        stored >= 70,
        "the corpus becomes tickets: {stored} stored, {refused} refused: {reasons:?}"
    );
    // Nothing stored carries markup as text.
    let texts: Vec<(String,)> =
        sqlx::query_as("SELECT body_text FROM ticket_messages WHERE kind = 'incoming'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert!(
        texts.iter().all(|(t,)| !t.to_ascii_lowercase().contains("<script")),
        "no script in text bodies"
    );
}
