//! The subcommands, run as the real binary against a fresh database of each backend.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    cli_administration_commands,
    demo_fills_a_training_instance_only,
    demo_after_browser_setup_says_it_made_no_platform_admin,
    demo_fills_synthetic_volume,
    mail_ingest_exit_codes_for_the_mta,
    desk_imap_commands
);

async fn mail_ingest_exit_codes_for_the_mta(backend: Backend) {
    let app = spawn(backend).await;
    let url = app.database_url.as_str();
    app.operator().await;
    app.org("espoo", "full").await;
    let o = tupa(
        url,
        &["desk", "address", "add", "--org", "espoo", "--address", "Neuvonta@Espoo.test"],
        None,
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = tupa(
        url,
        &["desk", "address", "add", "--org", "espoo", "--address", "neuvonta@espoo.test"],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("already belongs"), "{}", text(&o));
    let o = tupa(
        url,
        &[
            "desk",
            "address",
            "add",
            "--org",
            "espoo",
            "--address",
            "x@espoo.test",
            "--queue",
            "Nope",
        ],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("no queue"));

    let message = "From: Maija <maija@example.fi>\r\nTo: neuvonta@espoo.test\r\nSubject: Hei\r\nMessage-ID: <m1@example.fi>\r\n\r\nKysymys\r\n";
    let o =
        tupa(url, &["mail", "ingest", "--recipient", "neuvonta@espoo.test"], Some(message), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let case = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(tupa_core::desk::case_number::parse(&case).is_some(), "prints the case number: {case}");
    // Refused (no desk address): exit 65 with the reason, and the message is kept.
    let o = tupa(
        url,
        &["mail", "ingest", "--recipient", "nobody@espoo.test"],
        Some(&message.replace("neuvonta@", "nobody@")),
        &[],
    );
    assert_eq!(o.status.code(), Some(65));
    assert!(text(&o).contains("mail-no-desk-address") && text(&o).contains("kept"));
    // The database is unreachable: 75, so the MTA keeps the message and retries.
    let o = tupa("postgres://nobody@127.0.0.1:1/none", &["mail", "ingest"], Some(message), &[]);
    assert_eq!(o.status.code(), Some(75), "{}", text(&o));
}

async fn desk_imap_commands(backend: Backend) {
    let app = spawn(backend).await;
    let url = app.database_url.as_str();
    app.operator().await;
    app.org("espoo", "full").await;
    let key = tupa_core::secrets::SecretKey::generate();
    let key_text = key.to_base64();
    let env = [("TUPA_SECRET_KEY", key_text.as_str())];
    let o = tupa(
        url,
        &["desk", "address", "add", "--org", "espoo", "--address", "neuvonta@espoo.test"],
        None,
        &env,
    );
    assert!(o.status.success(), "{}", text(&o));
    let set = [
        "desk",
        "address",
        "imap",
        "set",
        "--org",
        "espoo",
        "--address",
        "neuvonta@espoo.test",
        "--host",
        "imap.espoo.test",
        "--user",
        "neuvonta",
    ];

    let o = tupa(url, &set, None, &env);
    assert!(
        !o.status.success() && text(&o).contains("--password-stdin"),
        "the first time needs the password: {}",
        text(&o)
    );
    let o = tupa(
        url,
        &[
            &set[..7],
            &["x@espoo.test", "--host", "imap.espoo.test", "--user", "u", "--password-stdin"],
        ]
        .concat(),
        Some("pw\n"),
        &env,
    );
    assert!(!o.status.success() && text(&o).contains("add it first"), "{}", text(&o));
    let o = tupa(
        url,
        &[&set[..], &["--security", "plain", "--password-stdin"]].concat(),
        Some("pw\n"),
        &env,
    );
    assert!(!o.status.success() && text(&o).contains("TLS or STARTTLS"), "{}", text(&o));

    let o = tupa(url, &[&set[..], &["--password-stdin"]].concat(), Some("sala sana\n"), &env);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("imap.espoo.test:993"), "{}", text(&o));
    let (stored,): (String,) =
        sqlx::query_as("SELECT password_enc FROM desk_imap WHERE address = $1")
            .bind("neuvonta@espoo.test")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        tupa_core::secrets::decrypt_with(&key, &stored).unwrap(),
        "sala sana",
        "encrypted with TUPA_SECRET_KEY"
    );

    let o = tupa(
        url,
        &["desk", "address", "imap", "show", "--org", "espoo", "--address", "neuvonta@espoo.test"],
        None,
        &env,
    );
    assert!(
        o.status.success()
            && text(&o).contains("imap.espoo.test:993 (tls)")
            && text(&o).contains("never"),
        "{}",
        text(&o)
    );
    assert!(!text(&o).contains("sala sana"), "the password is never shown");

    let o = tupa(url, &["migrate"], None, &[("TUPA_SECRET_KEY", "c2hvcnQ=")]);
    assert!(
        !o.status.success() && text(&o).contains("TUPA_SECRET_KEY"),
        "a bad key is refused at start: {}",
        text(&o)
    );

    let remove =
        ["desk", "address", "imap", "remove", "--org", "espoo", "--address", "neuvonta@espoo.test"];
    let o = tupa(url, &remove, None, &env);
    assert!(o.status.success(), "{}", text(&o));
    let o = tupa(url, &remove, None, &env);
    assert!(!o.status.success() && text(&o).contains("not fetched by IMAP"), "{}", text(&o));
}

pub(crate) fn tupa(
    database_url: &str,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(args)
        .env("DATABASE_URL", database_url)
        .env("TUPA_DATA_DIR", std::env::temp_dir())
        .env("TUPA_PUBLIC_URL", "http://tupa.test")
        .env_remove("TUPA_ENVIRONMENT")
        .env_remove("TUPA_CONFIG")
        // Whatever listens on this host's 8080 is not the test's server: `mail ingest` stores
        // mail itself unless a test points it at its server's gate (tests/it/mail_gate.rs).
        .env("TUPA_MAIL_GATE", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

pub(crate) fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

async fn cli_administration_commands(backend: Backend) {
    let app = spawn(backend).await;
    let url = app.database_url.as_str();
    let o = tupa(url, &["migrate"], None, &[]);
    assert!(o.status.success(), "{}", text(&o));

    let o = tupa(
        url,
        &[
            "setup",
            "--operator-name",
            "Operaattori",
            "--admin-email",
            "root@op.test",
            "--admin-name",
            "Root",
            "--password-stdin",
        ],
        Some("short\n"),
        &[],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("at least 10 characters"), "{}", text(&o));
    let o = tupa(
        url,
        &[
            "setup",
            "--operator-name",
            "Operaattori",
            "--admin-email",
            "root@op.test",
            "--admin-name",
            "Root",
            "--password-stdin",
        ],
        Some("a very long password\n"),
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));

    let o = tupa(url, &["org", "create", "--slug", "Bad Slug", "--name", "X"], None, &[]);
    assert!(!o.status.success());
    assert!(text(&o).contains("lower-case"), "{}", text(&o));
    let o = tupa(
        url,
        &["org", "create", "--slug", "espoo", "--name", "Espoon kaupunki", "--plan", "nope"],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("no plan"));
    let o = tupa(
        url,
        &["org", "create", "--slug", "espoo", "--name", "Espoon kaupunki", "--plan", "full"],
        None,
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = tupa(url, &["org", "create", "--slug", "espoo", "--name", "Again"], None, &[]);
    assert!(!o.status.success() && text(&o).contains("already in use"));

    // Without --plan an organisation gets every capability, and says so; with `--plan none`
    // it has none, and setting up a desk address for it warns that mail will be refused.
    let o = tupa(url, &["org", "create", "--slug", "vantaa", "--name", "Vantaa"], None, &[]);
    assert!(o.status.success() && text(&o).contains("(full): desk, guidance"), "{}", text(&o));
    let o = tupa(
        url,
        &["org", "create", "--slug", "kauniainen", "--name", "Kauniainen", "--plan", "none"],
        None,
        &[],
    );
    assert!(o.status.success() && text(&o).contains("No plan"), "{}", text(&o));
    for (org, warned) in [("kauniainen", true), ("vantaa", false)] {
        let address = format!("kirjaamo@{org}.test");
        let o =
            tupa(url, &["desk", "address", "add", "--org", org, "--address", &address], None, &[]);
        assert!(o.status.success(), "{}", text(&o));
        assert_eq!(text(&o).contains("desk-unavailable"), warned, "{org}: {}", text(&o));
    }

    let o = tupa(
        url,
        &["user", "create", "--org", "espoo", "--email", "mirja@espoo.test", "--role", "chief"],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("unknown role"));
    let o = tupa(
        url,
        &[
            "user",
            "create",
            "--org",
            "espoo",
            "--email",
            "mirja@espoo.test",
            "--role",
            "platform-admin",
        ],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("operator organisation only"));
    let o = tupa(
        url,
        &[
            "user",
            "create",
            "--org",
            "nowhere",
            "--email",
            "mirja@espoo.test",
            "--role",
            "main-admin",
        ],
        None,
        &[],
    );
    assert!(!o.status.success() && text(&o).contains("no organisation"));
    let o = tupa(
        url,
        &[
            "user",
            "create",
            "--org",
            "espoo",
            "--email",
            "mirja@espoo.test",
            "--role",
            "main-admin",
        ],
        None,
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("http://tupa.test/invite/"),
        "prints the invitation link: {}",
        text(&o)
    );
    let o = tupa(
        url,
        &[
            "user",
            "create",
            "--org",
            "espoo",
            "--email",
            "antti@espoo.test",
            "--role",
            "adviser",
            "--password-stdin",
        ],
        Some("another long password"),
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));

    let o = tupa(url, &["token", "create", "--email", "nobody@espoo.test"], None, &[]);
    assert!(!o.status.success() && text(&o).contains("no account"));
    let o = tupa(
        url,
        &["token", "create", "--email", "antti@espoo.test", "--name", "script"],
        None,
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let (status, me) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(me["email"], "antti@espoo.test");
    assert_eq!(me["organisations"][0]["roles"][0], "adviser");

    let o = tupa(url, &["serve", "--listen", "not-an-address"], None, &[]);
    assert!(!o.status.success() && text(&o).contains("not an address"));
    let o = tupa(url, &["migrate"], None, &[("TUPA_ENVIRONMENT", "staging")]);
    assert!(!o.status.success() && text(&o).contains("training"));
}

async fn demo_fills_a_training_instance_only(backend: Backend) {
    let app = spawn(backend).await;
    let url = app.database_url.as_str();
    let o = tupa(url, &["demo"], None, &[("TUPA_ENVIRONMENT", "production")]);
    assert!(!o.status.success() && text(&o).contains("production"), "{}", text(&o));
    let o = tupa(url, &["demo"], None, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    for role in ["platform-admin", "main-admin", "adviser", "counsellor", "supervisor", "recruiter"]
    {
        assert!(out.contains(role), "{role} account printed: {out}");
    }
    // The printed password works.
    let line = out.lines().find(|l| l.contains("adviser@esimerkkila.invalid")).unwrap();
    let password = line.split("password: ").nth(1).unwrap().trim();
    let b = app.browser().await;
    let res = b
        .post("/sign-in", &[("email", "adviser@esimerkkila.invalid"), ("password", password)])
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let (_, html) = b.get_text("/orgs/esimerkkila/units").await;
    assert!(html.contains("Aikuissosiaalityö"));
    let (_, html) = b.get_text("/orgs/esimerkkila/desk").await;
    assert!(
        html.contains("Päivähoitohakemus") && html.contains("Parkeringstillstånd"),
        "sample tickets in the desk"
    );
    // What a tour needs: canned answers, categories, tickets in several states, ads in every
    // state and applications in the pipeline.
    let (_, queue) = b.get_text("/orgs/esimerkkila/desk").await;
    for subject in ["Kotihoidon laskutus", "Vesivahinko vuokra-asunnossa"] {
        assert!(queue.contains(subject), "{subject} in the queue");
    }
    let counts = |sql: &'static str| {
        let db = app.db.clone();
        async move { sqlx::query_as::<_, (i64,)>(sql).fetch_one(db.pool()).await.unwrap().0 }
    };
    let states = counts("SELECT COUNT(DISTINCT status) FROM tickets").await;
    assert!(states >= 4, "tickets in {states} states");
    let ad_states = counts("SELECT COUNT(DISTINCT status) FROM job_ads").await;
    assert_eq!(ad_states, 6, "draft, awaiting approval, scheduled, published, closed, archived");
    assert_eq!(counts("SELECT COUNT(DISTINCT stage) FROM applications").await, 4);
    assert_eq!(counts("SELECT COUNT(*) FROM canned_answers").await, 3);
    assert_eq!(counts("SELECT COUNT(*) FROM desk_categories").await, 5);
    let tickets_before = counts("SELECT COUNT(*) FROM tickets").await;

    // A second run tops up what is missing and keeps the rest, passwords included.
    sqlx::query("DELETE FROM canned_answers WHERE title = 'Asia on ratkaistu'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let o = tupa(url, &["demo"], None, &[("TUPA_LISTEN", "0.0.0.0:9123"), ("TUPA_PUBLIC_URL", "")]);
    assert!(o.status.success(), "{}", text(&o));
    let again = text(&o);
    assert!(again.contains("created now: 1 canned answers"), "{again}");
    assert!(again.contains("password: unchanged") && !again.contains(password), "{again}");
    assert!(
        again.contains("http://localhost:9123/sign-in"),
        "the address tupa serve uses: {again}"
    );
    assert_eq!(counts("SELECT COUNT(*) FROM canned_answers").await, 3);
    assert_eq!(counts("SELECT COUNT(*) FROM tickets").await, tickets_before, "no second set");
    let res = b
        .post("/sign-in", &[("email", "adviser@esimerkkila.invalid"), ("password", password)])
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER, "the first password still works");

    // --reset-passwords prints new ones that work.
    let o = tupa(url, &["demo", "--reset-passwords"], None, &[]);
    let reset = text(&o);
    let line = reset.lines().find(|l| l.contains("adviser@esimerkkila.invalid")).unwrap();
    let new_password = line.split("password: ").nth(1).unwrap().trim();
    assert_ne!(new_password, password);
    let b2 = app.browser().await;
    let res = b2
        .post("/sign-in", &[("email", "adviser@esimerkkila.invalid"), ("password", new_password)])
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
}

async fn demo_after_browser_setup_says_it_made_no_platform_admin(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let o = tupa(&app.database_url, &["demo"], None, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("No platform admin was made"), "{out}");
    assert!(!out.contains("platform-admin@demo"), "{out}");
}

async fn demo_fills_synthetic_volume(backend: Backend) {
    let app = spawn(backend).await;
    let url = app.database_url.as_str();
    let o = tupa(url, &["demo", "--tickets", "2500", "--ads", "120"], None, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("2500 tickets"), "{}", text(&o));
    let one = |sql: &'static str| {
        let db = app.db.clone();
        async move { sqlx::query_as::<_, (i64,)>(sql).fetch_one(db.pool()).await.unwrap().0 }
    };
    assert_eq!(
        one("SELECT COUNT(*) FROM tickets WHERE org_id IN (SELECT id FROM organisations WHERE slug IN ('jarvela', 'kivikoski', 'strandby', 'metsala'))").await,
        2500
    );
    assert_eq!(
        one("SELECT COUNT(DISTINCT case_number) FROM tickets").await,
        one("SELECT COUNT(*) FROM tickets").await
    );
    assert_eq!(one("SELECT COUNT(DISTINCT status) FROM tickets").await, 5, "every status");
    assert_eq!(
        one("SELECT COUNT(DISTINCT queue_id) FROM tickets").await,
        21,
        "20 queues and the demo's"
    );
    assert!(one("SELECT COUNT(DISTINCT requester_lang) FROM tickets").await == 2);
    assert!(one("SELECT COUNT(*) FROM ticket_messages").await > 2500);
    assert_eq!(one("SELECT COUNT(DISTINCT status) FROM job_ads").await, 6, "ads in every state");
    assert!(
        one("SELECT COUNT(DISTINCT user_id) FROM role_grants WHERE role = 'adviser'").await >= 50
    );
    // Spread over two years: the oldest is over a year old.
    let (oldest,): (i64,) = sqlx::query_as("SELECT MIN(created_at) FROM tickets")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(tupa_core::db::now() - oldest > 365 * 86_400);

    // The tickets are the desk's own: an adviser of a fill organisation finds the rare word.
    let org = tupa_core::organisations::by_slug(&app.db, "jarvela").await.unwrap().unwrap();
    let adviser = app
        .person(&org, "lukija@jarvela.test", tupa_core::organisations::people::Role::Adviser)
        .await;
    let word = tupa_core::demo::bulk::RARE_WORD;
    let (status, found) = app
        .api(&adviser.token)
        .get(&format!("/api/v1/orgs/jarvela/tickets?status=all&q={word}"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{found}");
    let found = found.as_array().unwrap().len();
    // One ticket in a hundred mentions it, spread over four organisations.
    assert!((1..=25).contains(&found), "{found} tickets with the rare word");

    // A second fill adds to the first.
    let o = tupa(url, &["demo", "--tickets", "100"], None, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        one("SELECT COUNT(*) FROM tickets WHERE org_id IN (SELECT id FROM organisations WHERE slug IN ('jarvela', 'kivikoski', 'strandby', 'metsala'))").await,
        2600
    );
}
