//! Mail in by IMAP, against a real Dovecot started privately for each test (own
//! configuration, free ports, a password file with one user, a Maildir and a self-signed
//! certificate in a temp directory). Messages are delivered the way an MDA does (written to
//! Maildir/tmp, renamed into new/), and \Seen is read from the file names Dovecot keeps.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use tupa_core::desk::imap_poll::{self, Timing};
use tupa_core::desk::{queues, tickets};

use crate::both_backends;
use crate::helpers::{Backend, Options, TestApp, spawn_with};

both_backends!(
    imap_mail_becomes_tickets_and_is_flagged_seen,
    wrong_password_is_recorded_and_a_fix_is_picked_up,
    starttls_polling_and_the_settings_page,
    oversized_imap_mail_is_refused_unread_and_flagged_seen
);

const DESK: &str = "neuvonta@imap.test";
const USER: &str = "desk";
const PASSWORD: &str = "mailbox secret 1";

/// A private Dovecot. Stopped and removed on drop.
struct Dovecot {
    dir: PathBuf,
    child: std::process::Child,
    imaps_port: u16,
    imap_port: u16,
    maildir: PathBuf,
}

fn dovecot_binary() -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("dovecot")).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain([PathBuf::from("/usr/sbin/dovecot")])
        .find(|p| p.is_file())
        .expect("Dovecot is not installed: the IMAP tests need Debian's dovecot-imapd (`apt-get install dovecot-imapd`; .ci/run installs it)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn id(flag: &str) -> String {
    let out = std::process::Command::new("id").arg(flag).output().expect("id runs");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl Dovecot {
    fn start() -> Dovecot {
        Dovecot::start_with(true)
    }

    /// `idle: false` leaves IDLE out of the capabilities Dovecot announces, as some servers do.
    fn start_with(idle: bool) -> Dovecot {
        let binary = dovecot_binary();
        let dir =
            std::env::temp_dir().join(format!("tupa-dovecot-{}", uuid::Uuid::new_v4().simple()));
        let maildir = dir.join("home").join(USER).join("Maildir");
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).unwrap();
        }
        std::fs::create_dir_all(dir.join("state")).unwrap();
        // A private CA (what TUPA_IMAP_CA_FILE names) and the server's certificate signed by it.
        let openssl = |args: &[&str]| {
            let out = std::process::Command::new("openssl")
                .args(args)
                .current_dir(&dir)
                .output()
                .expect("the openssl command makes the test certificates");
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        openssl(
            &[
                &["req", "-x509"],
                &ec[..],
                &[
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Tupa test CA",
                    "-keyout",
                    "ca-key.pem",
                    "-out",
                    "ca.pem",
                ],
            ]
            .concat(),
        );
        openssl(
            &[
                &["req"],
                &ec[..],
                &["-subj", "/CN=127.0.0.1", "-keyout", "key.pem", "-out", "server.csr"],
            ]
            .concat(),
        );
        std::fs::write(dir.join("server.ext"), "basicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1, DNS:localhost\n").unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "cert.pem",
        ]);
        std::fs::write(dir.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}::::::\n")).unwrap();

        // As root (CI), Dovecot's own unprivileged users run the login and auth processes and
        // mail is accessed as nobody; as anyone else, everything runs as that user.
        let root = id("-u") == "0";
        let (mail_uid, mail_gid, users) = if root {
            ("65534".to_string(), "65534".to_string(), String::new())
        } else {
            let name = id("-un");
            let group = id("-gn");
            (
                id("-u"),
                id("-g"),
                format!(
                    "default_internal_user = {name}\ndefault_internal_group = {group}\ndefault_login_user = {name}\n"
                ),
            )
        };
        if root {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::set_permissions(dir.join("passwd"), std::fs::Permissions::from_mode(0o644))
                .unwrap();
            for entry in [
                dir.join("home"),
                dir.join("home").join(USER),
                maildir.clone(),
                maildir.join("new"),
                maildir.join("cur"),
                maildir.join("tmp"),
            ] {
                std::os::unix::fs::chown(&entry, Some(65534), Some(65534)).unwrap();
            }
        }
        let (imaps_port, imap_port) = (free_port(), free_port());
        let d = dir.display();
        let config = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n{users}\
             protocols = imap\nlisten = 127.0.0.1\nssl = required\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem\n\
             disable_plaintext_auth = yes\nauth_mechanisms = plain\nmail_location = maildir:~/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = {d}/passwd\n}}\n\
             userdb {{\n  driver = static\n  args = uid={mail_uid} gid={mail_gid} home={d}/home/%u\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    port = {imap_port}\n  }}\n  inet_listener imaps {{\n    port = {imaps_port}\n    ssl = yes\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n"
        );
        let config = if idle {
            config
        } else {
            format!("{config}imap_capability = IMAP4rev1 LITERAL+ SASL-IR UIDPLUS\n")
        };
        std::fs::write(dir.join("dovecot.conf"), config).unwrap();
        let child = std::process::Command::new(&binary)
            .arg("-F")
            .arg("-c")
            .arg(dir.join("dovecot.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dovecot starts");
        let dovecot = Dovecot { dir, child, imaps_port, imap_port, maildir };
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", imaps_port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "Dovecot did not start listening: {}",
                dovecot.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        dovecot
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
    }

    fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// Drops a message into the mailbox as an MDA does; returns its Maildir name.
    fn deliver(&self, raw: &str) -> String {
        let name = format!("{}.tupa{}.test", tupa_core::db::now(), uuid::Uuid::new_v4().simple());
        let tmp = self.maildir.join("tmp").join(&name);
        std::fs::write(&tmp, raw.replace('\n', "\r\n")).unwrap();
        std::fs::rename(&tmp, self.maildir.join("new").join(&name)).unwrap();
        name
    }

    /// True when Dovecot has flagged the message \Seen (the `S` after `:2,` in its name).
    fn seen(&self, name: &str) -> bool {
        flagged(&self.maildir.join("cur"), name)
    }
}

fn flagged(cur: &Path, name: &str) -> bool {
    std::fs::read_dir(cur).unwrap().filter_map(|e| e.ok()).any(|e| {
        let file = e.file_name().to_string_lossy().to_string();
        file.starts_with(&format!("{name}:2,"))
            && file.rsplit(":2,").next().is_some_and(|flags| flags.contains('S'))
    })
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // The master's children notice it is gone and end too.
        let _ = std::process::Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits for `check` to hold, polling; fails with `what` after `secs` seconds.
async fn eventually<F, Fut>(secs: u64, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Quick rescans and retries; a poll interval of an hour, so only IDLE can bring mail in quickly.
fn timing() -> Timing {
    Timing {
        rescan: Duration::from_millis(300),
        lease: Duration::from_secs(30),
        idle_renew: Duration::from_secs(25 * 60),
        poll: Duration::from_secs(3600),
        backoff_first: Duration::from_millis(300),
        backoff_max: Duration::from_secs(2),
    }
}

fn message(from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: {DESK}\nSubject: {subject}\nMessage-ID: <{}@client.test>\nDate: Tue, 24 Nov 2026 10:00:00 +0200\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n",
        uuid::Uuid::new_v4()
    )
}

/// An organisation with a second queue that the desk address feeds, and an operator token.
async fn world(app: &TestApp) -> (tupa_core::organisations::Organisation, String, String) {
    app.operator().await;
    let org = app.org("imap-org", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::default_queue(&mut tx, &org.id).await.unwrap();
    let hours = queues::default_hours();
    let queue = queues::create(&mut tx, &org.id, "Sähköposti", &hours, None, None).await.unwrap();
    queues::add_address(&mut tx, &org.id, DESK, Some(&queue.id)).await.unwrap();
    tx.commit().await.unwrap();
    (org, queue.id, app.operator_token().await)
}

/// Waits until Dovecot has flagged the messages \Seen; on timeout shows what the poller
/// recorded and Dovecot's log.
async fn until_seen(app: &TestApp, dovecot: &Dovecot, org_id: &str, names: &[&str], what: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !names.iter().all(|n| dovecot.seen(n)) {
        if tokio::time::Instant::now() > deadline {
            panic!(
                "timed out waiting: {what}\nmailbox: {}\ndovecot log:\n{}",
                mailbox_state(app, org_id).await,
                dovecot.log()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn mailbox_state(app: &TestApp, org_id: &str) -> Value {
    let m = tupa_core::desk::mailboxes::get(&app.db, org_id, DESK)
        .await
        .unwrap()
        .expect("mailbox configured");
    json!({"last_success_at": m.last_success_at, "last_error": m.last_error, "failing": m.failing()})
}

async fn count(app: &TestApp, sql: &'static str, bind: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>(sql).bind(bind).fetch_one(app.db.pool()).await.unwrap().0
}

async fn imap_mail_becomes_tickets_and_is_flagged_seen(backend: Backend) {
    let dovecot = Dovecot::start();
    let app = spawn_with(
        backend,
        Options { imap_ca_file: Some(dovecot.ca_file()), ..Options::default() },
    )
    .await;
    let (org, queue_id, token) = world(&app).await;
    let api = app.api(&token);
    let path = format!("/api/v1/orgs/imap-org/desk/addresses/{DESK}/imap");
    let (s, body) = api.put(&path, json!({"host": "127.0.0.1", "port": dovecot.imaps_port, "username": USER, "password": PASSWORD})).await;
    assert!(s.is_success(), "{s} {body}");
    assert_eq!(
        (body["folder"].as_str(), body["security"].as_str(), body["enabled"].as_bool()),
        (Some("INBOX"), Some("tls"), Some(true))
    );
    assert!(
        !body.to_string().contains(PASSWORD) && body.get("password_enc").is_none(),
        "the password is never returned: {body}"
    );
    let stored: (String,) = sqlx::query_as("SELECT password_enc FROM desk_imap WHERE address = $1")
        .bind(DESK)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(stored.0.starts_with("v1.") && !stored.0.contains(PASSWORD), "stored encrypted");

    // Waiting before the poller starts: a question, and a message with no sender.
    let question = dovecot.deliver(&message(
        "Maija Meikäläinen <maija@example.fi>",
        "Kysymys IMAPin kautta",
        "Hei, toimiiko tämä?",
    ));
    let nameless = dovecot.deliver(&format!(
        "To: {DESK}\nSubject: Kuka olen\nMessage-ID: <nobody@client.test>\n\nEi lähettäjää.\n"
    ));
    // Two supervisors, as two `tupa serve` processes on one database: the lease lets one read.
    let poller = tokio::spawn(imap_poll::run(app.db.clone(), (*app.settings).clone(), timing()));
    let other = tokio::spawn(imap_poll::run(app.db.clone(), (*app.settings).clone(), timing()));

    until_seen(&app, &dovecot, &org.id, &[&question, &nameless], "both messages flagged \\Seen")
        .await;
    let rows: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT outcome, reason, ticket_id FROM raw_mail WHERE recipient = $1 ORDER BY received_at, id").bind(DESK).fetch_all(app.db.pool()).await.unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().any(|r| r.0 == "refused" && r.1.as_deref() == Some("mail-no-sender")),
        "the nameless one is refused and kept: {rows:?}"
    );
    let ticket_id = rows
        .iter()
        .find(|r| r.0 == "stored")
        .and_then(|r| r.2.clone())
        .expect("the question is stored with its ticket");
    let (case, queue): (String, String) =
        sqlx::query_as("SELECT case_number, queue_id FROM tickets WHERE id = $1")
            .bind(&ticket_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(queue, queue_id, "the ticket is in the queue the address feeds");
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(
        (
            ticket.org_id.as_str(),
            ticket.requester_email.as_str(),
            ticket.subject.as_str(),
            ticket.channel.as_str()
        ),
        (org.id.as_str(), "maija@example.fi", "Kysymys IMAPin kautta", "email")
    );
    let ack = app.outbox_to("maija@example.fi").await.pop().expect("acknowledgement");
    assert_eq!(ack.from_address.as_deref(), Some(DESK), "answered from the desk address");
    let state = mailbox_state(&app, &org.id).await;
    assert!(state["last_success_at"].is_i64() && state["failing"] == json!(false), "{state}");

    // The poller is now in IDLE (and would not poll for an hour): a reply arrives at once.
    let reply = dovecot.deliver(&message(
        "maija@example.fi",
        &format!("VS: [Tupa #{case}] Kysymys"),
        "Lisätietoa.",
    ));
    until_seen(&app, &dovecot, &org.id, &[&reply], "the reply is taken through IDLE").await;
    let incoming = count(
        &app,
        "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $1 AND kind = 'incoming'",
        &ticket_id,
    )
    .await;
    assert_eq!(incoming, 2, "the reply threads to the same ticket");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE org_id = $1", &org.id).await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM raw_mail WHERE recipient = $1", DESK).await,
        3,
        "each message taken once"
    );

    // Removing the IMAP settings stops the reading; new mail stays unseen in the mailbox.
    let (s, _) = api.call(reqwest::Method::DELETE, &path, None).await;
    assert_eq!(s, reqwest::StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_secs(1)).await; // a few rescans: the reader is stopped
    let later = dovecot.deliver(&message("maija@example.fi", "Vielä yksi", "Tämä jää laatikkoon."));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!dovecot.seen(&later), "nothing reads a mailbox whose settings were removed");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM raw_mail WHERE recipient = $1", DESK).await, 3);
    assert!(app.audit_actions(Some(&org.id)).await.iter().any(|a| a == "desk-imap-set"));
    poller.abort();
    other.abort();
}

async fn wrong_password_is_recorded_and_a_fix_is_picked_up(backend: Backend) {
    let dovecot = Dovecot::start();
    let app = spawn_with(
        backend,
        Options { imap_ca_file: Some(dovecot.ca_file()), ..Options::default() },
    )
    .await;
    let (org, _, token) = world(&app).await;
    let api = app.api(&token);
    let path = format!("/api/v1/orgs/imap-org/desk/addresses/{DESK}/imap");
    let (s, body) = api.put(&path, json!({"host": "127.0.0.1", "port": dovecot.imaps_port, "username": USER, "password": "wrong"})).await;
    assert!(s.is_success(), "{s} {body}");
    let waiting = dovecot.deliver(&message("pekka@example.fi", "Odottaa", "Odotan."));
    let poller = tokio::spawn(imap_poll::run(app.db.clone(), (*app.settings).clone(), timing()));

    eventually(20, "the sign-in error is recorded", || async {
        mailbox_state(&app, &org.id).await["failing"] == json!(true)
    })
    .await;
    let (_, shown) = api.get(&path).await;
    assert!(shown["last_error"].as_str().unwrap().contains("sign-in refused"), "{shown}");
    assert!(shown["last_success_at"].is_null());
    assert!(!dovecot.seen(&waiting), "nothing was taken");
    let health = reqwest::get(app.url("/readyz")).await.unwrap();
    assert!(health.status().is_success(), "the server carries on");

    // Bad input is refused at its field, in the caller's language (the operator's profile
    // says English); nothing changes.
    let (s, err) = api.put(&path, json!({"host": "imap palvelin", "username": USER})).await;
    assert_eq!(
        (s.as_u16(), err["code"].as_str(), err["field"].as_str()),
        (422, Some("imap-host-invalid"), Some("host")),
        "{err}"
    );
    assert_eq!(
        err["message"].as_str(),
        Some(tupa_core::i18n::Lang::En.t("error-imap-host-invalid").as_str())
    );

    // The right password (host and user unchanged): the reader restarts with it at once.
    let (s, body) = api.put(&path, json!({"host": "127.0.0.1", "port": dovecot.imaps_port, "username": USER, "password": PASSWORD})).await;
    assert!(s.is_success(), "{s} {body}");
    until_seen(&app, &dovecot, &org.id, &[&waiting], "the waiting message is taken after the fix")
        .await;
    let state = mailbox_state(&app, &org.id).await;
    assert!(state["last_success_at"].is_i64() && state["failing"] == json!(false), "{state}");

    // Saving again without a password keeps the stored one.
    let before: (String,) = sqlx::query_as("SELECT password_enc FROM desk_imap WHERE address = $1")
        .bind(DESK)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (s, _) = api.put(&path, json!({"host": "127.0.0.1", "port": dovecot.imaps_port, "username": USER, "password": ""})).await;
    assert!(s.is_success());
    let after: (String,) = sqlx::query_as("SELECT password_enc FROM desk_imap WHERE address = $1")
        .bind(DESK)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(before, after);

    // Only platform admins: the organisation's own main admin may not read another mailbox in.
    let main =
        app.person(&org, "main@imap.test", tupa_core::organisations::people::Role::MainAdmin).await;
    let (s, err) = app
        .api(&main.token)
        .put(&path, json!({"host": "evil.test", "username": "x", "password": "y"}))
        .await;
    assert!(s.is_client_error(), "{s} {err}");
    let (s, _) = app.api(&main.token).get(&path).await;
    assert_eq!(s, reqwest::StatusCode::FORBIDDEN);
    assert_eq!(api.get(&path).await.1["host"], json!("127.0.0.1"));
    poller.abort();

    // The lease: held by one owner until it runs out, then another may take it.
    use tupa_core::desk::mailboxes::lease;
    let now = tupa_core::db::now();
    sqlx::query("UPDATE desk_imap SET lease_owner = NULL, lease_until = NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(lease(&app.db, &org.id, DESK, "process-a", now + 60).await.unwrap());
    assert!(!lease(&app.db, &org.id, DESK, "process-b", now + 60).await.unwrap(), "held by a");
    assert!(lease(&app.db, &org.id, DESK, "process-a", now + 120).await.unwrap(), "a renews");
    sqlx::query("UPDATE desk_imap SET lease_until = $1")
        .bind(now - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(
        lease(&app.db, &org.id, DESK, "process-b", now + 60).await.unwrap(),
        "b takes an expired lease"
    );
    sqlx::query("UPDATE desk_imap SET enabled = $1")
        .bind(false)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(
        !lease(&app.db, &org.id, DESK, "process-b", now + 60).await.unwrap(),
        "a disabled mailbox is not read"
    );
}

async fn starttls_polling_and_the_settings_page(backend: Backend) {
    let dovecot = Dovecot::start_with(false);
    let app = spawn_with(
        backend,
        Options { imap_ca_file: Some(dovecot.ca_file()), ..Options::default() },
    )
    .await;
    let (org, _, _) = world(&app).await;
    let browser = app.signed_in_operator().await;
    let page = "/orgs/imap-org/desk/settings";

    // A mistake comes back at its field, with what was typed (but never the password).
    let port = dovecot.imap_port.to_string();
    let form = |password: &'static str| -> Vec<(&str, String)> {
        [
            ("address", DESK),
            ("host", "127.0.0.1"),
            ("port", port.as_str()),
            ("security", "starttls"),
            ("username", USER),
            ("password", password),
            ("folder", "INBOX"),
            ("enabled", "true"),
        ]
        .map(|(k, v)| (k, v.to_string()))
        .to_vec()
    };
    let pairs = form("");
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (s, html) = browser.post_text("/orgs/imap-org/desk/addresses/imap", &refs).await;
    assert_eq!(s.as_u16(), 422, "a new mailbox needs its password");
    assert!(
        html.contains("id=\"f-password\"")
            && html.contains("f-password-error")
            && html.contains("href=\"#f-password\""),
        "error at the field, linked from the summary"
    );
    assert!(html.contains(&format!("value=\"{port}\"")), "typed values kept");

    let pairs = form(PASSWORD);
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = browser.post("/orgs/imap-org/desk/addresses/imap", &refs).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, html) = browser.get_text(page).await;
    assert!(
        html.contains("value=\"127.0.0.1\"")
            && html.contains("<option value=\"starttls\" selected>"),
        "the stored settings are shown"
    );
    assert!(!html.contains(PASSWORD), "the password is never echoed");
    assert!(html.contains("<label for=\"imap1-password\">"), "every field has its label");

    // STARTTLS on the plain port: upgraded before signing in, then read as usual.
    let question = dovecot.deliver(&message("liisa@example.fi", "STARTTLS-kysymys", "Hei."));
    // This server offers no IDLE: the mailbox is checked every `poll` instead.
    let poller = tokio::spawn(imap_poll::run(
        app.db.clone(),
        (*app.settings).clone(),
        Timing { poll: Duration::from_millis(500), ..timing() },
    ));
    until_seen(&app, &dovecot, &org.id, &[&question], "the message is read over STARTTLS").await;
    let next = dovecot.deliver(&message("liisa@example.fi", "Toinen kysymys", "Hei taas."));
    until_seen(&app, &dovecot, &org.id, &[&next], "the next message is found by polling").await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE org_id = $1", &org.id).await, 2);
    eventually(10, "the read is recorded", || async {
        mailbox_state(&app, &org.id).await["last_success_at"].is_i64()
    })
    .await;
    let (_, html) = browser.get_text(page).await;
    assert!(!html.contains("–</dd>"), "the last read time is shown");

    // Removing the address removes its mailbox settings with it.
    let res = browser.post("/orgs/imap-org/desk/addresses/remove", &[("address", DESK)]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(tupa_core::desk::mailboxes::get(&app.db, &org.id, DESK).await.unwrap().is_none());
    poller.abort();
}

async fn oversized_imap_mail_is_refused_unread_and_flagged_seen(backend: Backend) {
    let dovecot = Dovecot::start();
    let app = spawn_with(
        backend,
        Options { imap_ca_file: Some(dovecot.ca_file()), ..Options::default() },
    )
    .await;
    let (org, _, token) = world(&app).await;
    let path = format!("/api/v1/orgs/imap-org/desk/addresses/{DESK}/imap");
    let (s, body) = app.api(&token).put(&path, json!({"host": "127.0.0.1", "port": dovecot.imaps_port, "username": USER, "password": PASSWORD})).await;
    assert!(s.is_success(), "{s} {body}");
    // Over the limit (the size the server reports decides), then an ordinary question.
    let limit = tupa_core::mail::inbound::MAX_MESSAGE_BYTES;
    let line = format!("{}\n", "A".repeat(76));
    let body = line.repeat(limit / line.len() + 1000);
    let big = dovecot.deliver(&message("iso@example.fi", "Valtava liite", &body));
    let small = dovecot.deliver(&message("pieni@example.fi", "Pieni kysymys", "Hei."));
    let poller = tokio::spawn(imap_poll::run(app.db.clone(), (*app.settings).clone(), timing()));
    until_seen(&app, &dovecot, &org.id, &[&big, &small], "both flagged \\Seen, none refetched")
        .await;
    poller.abort();
    // outcome, reason, size, bytes kept, sender
    type Row = (String, Option<String>, i64, i64, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT outcome, reason, size, CAST(LENGTH(content) AS BIGINT), sender FROM raw_mail WHERE recipient = $1 ORDER BY received_at, id",
    )
    .bind(DESK)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 2, "each message taken once: {rows:?}");
    let refused = rows.iter().find(|r| r.0 == "refused").expect("the large one is refused");
    assert_eq!(refused.1.as_deref(), Some("mail-too-large"));
    assert!(refused.2 as usize > limit, "its size as the server reported it: {}", refused.2);
    assert!(refused.3 < 64 * 1024, "only its header is kept: {} bytes", refused.3);
    assert_eq!(refused.4.as_deref(), Some("iso@example.fi"), "sender read from the header");
    assert!(rows.iter().any(|r| r.0 == "stored"), "the ordinary one is a ticket: {rows:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE org_id = $1", &org.id).await, 1);
}
