//! The subcommands. Each prints a clear error and exits non-zero on bad input (main maps
//! an `Err` to exit code 1).

use std::io::Read;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, anyhow, bail};
use tupa_core::audit::{self, By};
use tupa_core::config::Settings;
use tupa_core::db::Db;
use tupa_core::i18n::Lang;
use tupa_core::identity::links::{self, Purpose};
use tupa_core::identity::password::Password;
use tupa_core::identity::{self, Email, tokens};
use tupa_core::mail::outbox::{self, NewMail};
use tupa_core::organisations::people::{self, Role};
use tupa_core::organisations::{self, plans};
use tupa_core::{demo, setup};

use crate::config::{Common, resolve};

/// A domain error in plain English for the terminal.
fn explain(e: tupa_core::Error) -> anyhow::Error {
    match &e {
        tupa_core::Error::Unexpected(_) => anyhow!(e),
        _ => {
            let msg = Lang::En.t(&format!("error-{}", e.code()));
            match e.field() {
                Some(field) => anyhow!("{msg} ({field})"),
                None => anyhow!(msg),
            }
        }
    }
}

async fn open(common: &Common) -> anyhow::Result<(Db, Settings)> {
    let (settings, _) = resolve(common, None)?;
    let db = Db::connect(&settings.database_url).await?;
    setup::prepare(&db).await.map_err(explain)?;
    Ok((db, settings))
}

fn read_password_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the password from standard input")?;
    let password = text.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

pub async fn serve(
    common: &Common,
    listen: Option<&str>,
    metrics_listen: Option<&str>,
    oidc: &crate::config::Oidc,
) -> anyhow::Result<()> {
    let (settings, listen) = resolve(common, listen)?;
    let metrics_addr = crate::config::metrics_listen(common, metrics_listen)?;
    let identification = match oidc.resolve(common)? {
        Some(ftn) => Some(Arc::new(identity::ftn::Identification::new(ftn, &settings.public_url)?)),
        None => None,
    };
    let addr: SocketAddr =
        listen.parse().with_context(|| format!("TUPA_LISTEN '{listen}' is not an address:port"))?;
    let db = Db::connect_server(&settings.database_url).await?;
    setup::prepare(&db).await.map_err(explain)?;
    // The key file exists from the first start (made now if this is it), so `tupa mail
    // ingest`, which never makes one, finds the mail gate's token from the first message on.
    tupa_core::desk::ingest_gate::token(&settings)
        .context("cannot read or make the secret key (TUPA_SECRET_KEY or the key file)")?;
    if db.autovacuum_off().await {
        tracing::warn!("{}", tupa_core::db::AUTOVACUUM_OFF);
    }
    if settings.sends_mail() {
        tokio::spawn(tupa_core::mail::smtp::deliver_forever(db.clone(), settings.clone()));
    }
    // Desk mailboxes read by IMAP (none configured: it only re-reads the table now and then).
    tokio::spawn(tupa_core::desk::imap_poll::poll_forever(db.clone(), settings.clone()));
    // PostgreSQL without autovacuum: the statistics of grown tables, as autovacuum would
    // gather them (which also makes the connections' kept plans again; see db::statistics).
    tokio::spawn(tupa_core::db::statistics::refresh_forever(db.clone()));
    // Live events from the other processes on the same PostgreSQL (nothing to do on SQLite).
    tokio::spawn(tupa_core::events::listen_forever(db.clone()));
    // Job ads open and close by the clock; this records it (history, job market) in seconds.
    tokio::spawn(tupa_core::recruitment::ads::tick_forever(db.clone()));
    // Applications whose retention ended are deleted hourly (several processes may run it).
    tokio::spawn(tupa_core::recruitment::retention::purge_forever(db.clone()));
    // Guidance-space lifecycle and account retention, hourly (conditional updates: safe in
    // several processes).
    tokio::spawn(tupa_core::maintenance::run_forever(db.clone(), settings.clone()));
    // Published ads to the national job market (leased per ad: safe in several processes).
    tokio::spawn(tupa_core::recruitment::jobmarket_worker::run_forever(
        db.clone(),
        settings.clone(),
    ));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let backend = match db.backend() {
        tupa_core::db::Backend::Sqlite => format!("SQLite in {}", settings.data_dir.display()),
        tupa_core::db::Backend::Postgres => "PostgreSQL".to_string(),
    };
    let mail = if settings.sends_mail() { "sent by SMTP" } else { "kept in the outbox" };
    eprintln!(
        "Tupa is listening on http://{local} ({} environment, {backend}, mail {mail})",
        settings.environment.as_str()
    );
    if !setup::is_done(&db).await.map_err(explain)? {
        eprintln!(
            "First run: open {}/setup in a browser to create the operator organisation and its first admin.",
            settings.public_url
        );
    }
    match &identification {
        Some(i) => eprintln!(
            "Clients identify through {} (register redirect URI {} and JWKS {}/oidc/jwks.json)",
            i.ftn.issuer,
            identity::ftn::redirect_uri(&settings.public_url),
            settings.public_url
        ),
        None if settings.environment == tupa_core::config::Environment::Training => {
            eprintln!("No TUPA_OIDC_ISSUER: clients use the test identification (training only).")
        }
        None => {}
    }
    let state = tupa_web::AppState::new(tupa_web::Shared {
        db: db.clone(),
        settings: Arc::new(settings),
        identification,
        public_cache: Default::default(),
    });
    if let Some(addr) = metrics_addr {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr} for metrics"))?;
        eprintln!("Metrics for Prometheus at http://{}/metrics", listener.local_addr()?);
        let metrics = tupa_web::observability::metrics::router(state.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, metrics).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }
    let app = tupa_web::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

pub async fn oidc_rotate_keys(common: &Common) -> anyhow::Result<()> {
    let (db, settings) = open(common).await?;
    let (sig, enc) = identity::oidc::keys::rotate(&db, &settings).await?;
    println!("New signing key {sig} and encryption key {enc}.");
    println!(
        "The previous keys stay published at {}/oidc/jwks.json for {} days.",
        settings.public_url,
        identity::oidc::keys::RETIRED_KEY_GRACE_SECS / 86400
    );
    Ok(())
}

pub async fn migrate(common: &Common) -> anyhow::Result<()> {
    let (settings, _) = resolve(common, None)?;
    let db = Db::connect(&settings.database_url).await?;
    // The whole migrator, with its checks of what was applied; `open` trusts a database that
    // has exactly this build's migrations.
    db.migrate_fully().await?;
    setup::prepare(&db).await.map_err(explain)?;
    println!("Database is up to date ({:?}).", db.backend());
    Ok(())
}

pub async fn setup(
    common: &Common,
    operator_name: &str,
    operator_slug: &str,
    admin_email: &str,
    admin_name: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    if !password_stdin {
        bail!("give the admin's password on standard input with --password-stdin");
    }
    let password = read_password_stdin()?;
    let (db, _) = open(common).await?;
    let input = setup::SetupInput {
        operator_name: operator_name.into(),
        operator_slug: operator_slug.into(),
        admin_name: admin_name.into(),
        admin_email: admin_email.into(),
        password,
        lang: Lang::Fi,
    };
    let (org, user) = setup::run(&db, input).await.map_err(explain)?;
    println!(
        "Set up: operator organisation '{}' ({}) and platform admin {}.",
        org.name, org.slug, user.email
    );
    println!("The platform admin must enrol a second factor (TOTP) at the first sign-in.");
    Ok(())
}

pub async fn org_create(common: &Common, slug: &str, name: &str, plan: &str) -> anyhow::Result<()> {
    let (db, _) = open(common).await?;
    let slug = organisations::parse_slug(slug, "slug").map_err(explain)?;
    let name = organisations::parse_name(name, "name").map_err(explain)?;
    let plan = match plan {
        "none" => None,
        p => Some(
            plans::by_slug(&db, p)
                .await
                .map_err(explain)?
                .ok_or_else(|| anyhow!("no plan '{p}'"))?,
        ),
    };
    let mut tx = db.begin().await?;
    let org =
        organisations::create(&mut tx, &slug, &name, false, plan.as_ref().map(|p| p.id.as_str()))
            .await
            .map_err(explain)?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::system(),
        audit::Action::OrganisationCreated,
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({"slug": slug, "via": "cli"}),
    )
    .await
    .map_err(explain)?;
    tx.commit().await?;
    println!("Created organisation '{}' ({}).", org.name, org.slug);
    match &plan {
        Some(p) => {
            let caps: Vec<&str> = p.capabilities().iter().map(|c| c.as_str()).collect();
            let caps = if caps.is_empty() { "no capability".to_string() } else { caps.join(", ") };
            println!("Plan: {} ({}): {caps}.", p.name, p.slug);
        }
        None => println!(
            "No plan: no capability (desk, guidance, recruitment, reports) works until a \
             platform admin sets one on /orgs/{}.",
            org.slug
        ),
    }
    Ok(())
}

/// The organisation's plan allows `cap`: what `tupa` subcommands warn about when they set up
/// something the plan will refuse to run.
async fn plan_allows(
    db: &Db,
    org: &tupa_core::organisations::Organisation,
    cap: plans::Capability,
) -> anyhow::Result<bool> {
    Ok(match &org.plan_id {
        Some(id) => plans::by_id(db, id).await.map_err(explain)?.is_some_and(|p| p.has(cap)),
        None => false,
    })
}

pub async fn user_create(
    common: &Common,
    org_slug: &str,
    email: &str,
    role: &str,
    name: Option<&str>,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let password = if password_stdin {
        Some(Password::parse(&read_password_stdin()?).map_err(explain)?)
    } else {
        None
    };
    let (db, settings) = open(common).await?;
    let org = organisations::by_slug(&db, org_slug)
        .await
        .map_err(explain)?
        .ok_or_else(|| anyhow!("no organisation '{org_slug}'"))?;
    let email = Email::parse(email).map_err(explain)?;
    let role = Role::parse(role).map_err(|_| {
        anyhow!(
            "unknown role '{role}' (use one of: {})",
            Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
        )
    })?;
    if role == Role::PlatformAdmin && !org.is_operator {
        bail!("platform-admin is a role of the operator organisation only");
    }
    let default_name = email.as_str().split('@').next().unwrap_or("").to_string();
    let name = identity::parse_display_name(name.unwrap_or(&default_name)).map_err(explain)?;
    let mut tx = db.begin().await?;
    let (user, created) =
        identity::find_or_create(&mut tx, &email, &name).await.map_err(explain)?;
    people::add_member(&mut tx, &org.id, &user.id).await.map_err(explain)?;
    let current = people::current_grants(&db, &org.id, &user.id).await.map_err(explain)?;
    if !current.iter().any(|g| g.role == role && g.unit_id.is_none()) {
        people::grant(&mut tx, &org.id, &user.id, role, None, None).await.map_err(explain)?;
    }
    let mut link = None;
    if let Some(p) = &password {
        identity::set_password(&mut tx, &user.id, p).await.map_err(explain)?;
    } else if !user.has_password() {
        let token = links::create(&mut tx, Purpose::Invitation, &user.id, Some(&org.id), None)
            .await
            .map_err(explain)?;
        let url = format!("{}/invite/{token}", settings.public_url);
        let lang = user.lang().unwrap_or_default();
        outbox::enqueue(
            &mut tx,
            &settings,
            NewMail {
                org_id: Some(&org.id),
                to: email.as_str(),
                subject: lang.t_args("mail-invite-subject", &[("org", &org.name)]),
                body_text: lang.t_args(
                    "mail-invite-body",
                    &[
                        ("name", &user.display_name),
                        ("org", &org.name),
                        ("inviter", "Tupa"),
                        ("link", &url),
                    ],
                ),
            },
        )
        .await
        .map_err(explain)?;
        link = Some(url);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::system(),
        audit::Action::UserInvited,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({"email": email.as_str(), "roles": [role.as_str()], "via": "cli"}),
    )
    .await
    .map_err(explain)?;
    tx.commit().await?;
    println!(
        "{} {} in '{}' as {}.",
        if created { "Created" } else { "Updated" },
        email.as_str(),
        org.slug,
        role.as_str()
    );
    if let Some(url) = link {
        println!("Invitation link (also in the outbox): {url}");
    }
    Ok(())
}

pub async fn token_create(common: &Common, email: &str, name: &str) -> anyhow::Result<()> {
    let (db, _) = open(common).await?;
    let email = Email::parse(email).map_err(explain)?;
    let user = identity::find_by_email(&db, &email)
        .await
        .map_err(explain)?
        .ok_or_else(|| anyhow!("no account with {}", email.as_str()))?;
    let name = tokens::parse_name(name).map_err(explain)?;
    let (token, secret) = tokens::create(&db, &user.id, &name).await.map_err(explain)?;
    audit::record_now(
        &db,
        None,
        &By::system(),
        audit::Action::TokenCreated,
        Some((audit::Target::Token, &token.id)),
        serde_json::json!({"name": name, "user": email.as_str(), "via": "cli"}),
    )
    .await
    .map_err(explain)?;
    println!("{secret}");
    Ok(())
}

pub async fn demo(
    common: &Common,
    reset_passwords: bool,
    bulk: demo::bulk::BulkOptions,
) -> anyhow::Result<()> {
    let (db, settings) = open(common).await?;
    let options = demo::DemoOptions { reset_passwords };
    let report = demo::run(&db, &settings, &options).await.map_err(explain)?;
    let filled = if bulk.tickets > 0 || bulk.ads > 0 {
        let started = std::time::Instant::now();
        let filled = demo::bulk::fill(&db, bulk).await.map_err(explain)?;
        Some((filled, started.elapsed().as_secs_f64()))
    } else {
        None
    };
    // A bulk fill: give the planner its statistics now rather than when autovacuum comes,
    // and SQLite's search index its single segment rather than at the next hourly tidy.
    db.analyze().await?;
    if filled.is_some() {
        tupa_core::desk::search_index::tidy(&db).await.map_err(explain)?;
    }
    print!("{}", demo_summary(&settings.public_url, &report));
    if let Some((f, seconds)) = filled {
        let slugs: Vec<&str> = demo::bulk::BULK_ORGS.iter().map(|o| o.0).collect();
        // The tickets' rate up to their commit; SQLite's checkpoint after it (which waits
        // for the disk) is said apart (`demo::bulk::sqlite`).
        let (committed, flushed) = (f.committed.as_secs_f64(), f.written_through.as_secs_f64());
        let mut line = format!(
            "Synthetic volume in {}: {} tickets ({} messages) and {} job ads in {seconds:.1} s; the tickets committed in {committed:.1} s ({:.0} tickets/s)",
            slugs.join(", "),
            f.tickets,
            f.messages,
            f.ads,
            f.tickets as f64 / committed.max(0.001)
        );
        if flushed > 0.0 {
            line.push_str(&format!(
                ", then written from the write-ahead log into the database file in {flushed:.1} s more"
            ));
        }
        println!("{line}.");
    }
    Ok(())
}

/// What `tupa demo` prints: what it made and kept, where to go, and how to sign in.
fn demo_summary(url: &str, report: &demo::DemoReport) -> String {
    use std::fmt::Write;
    let slug = demo::DEMO_ORG_SLUG;
    let mut out = String::new();
    let list =
        |parts: &[String]| if parts.is_empty() { "nothing".to_string() } else { parts.join(", ") };
    let _ = writeln!(out, "Demo organisation '{slug}' (Esimerkkilän kaupunki) is ready.");
    let _ = writeln!(out, "  created now: {}", list(&report.created));
    let _ = writeln!(out, "  already there, left as it was: {}", list(&report.kept));
    let _ = writeln!(out, "Open {url}/sign-in and sign in with an account below. Its pages:");
    let _ = writeln!(out, "  staff:        {url}/orgs/{slug}");
    let _ = writeln!(out, "  job board:    {url}/jobs/{slug}");
    let _ = writeln!(out, "  contact form: {url}/contact/{slug}");
    let _ = writeln!(out, "  desk address for `tupa mail ingest`: {}", demo::DESK_ADDRESS);
    if report.platform_admin == demo::PlatformAdmin::SetUpByYou {
        let _ = writeln!(
            out,
            "No platform admin was made: this installation was set up in the browser, so its platform admin is the account made there."
        );
    }
    let mut unchanged = false;
    for a in &report.accounts {
        match &a.password {
            Some(p) => {
                let _ = writeln!(out, "  {:<15} {:<40} password: {p}", a.role.as_str(), a.email);
            }
            None => {
                unchanged = true;
                let _ =
                    writeln!(out, "  {:<15} {:<40} password: unchanged", a.role.as_str(), a.email);
            }
        }
        if let Some(secret) = &a.totp_secret {
            let _ = writeln!(out, "  {:<15} TOTP secret for an authenticator app: {secret}", "");
        }
    }
    if unchanged {
        let _ = writeln!(
            out,
            "Passwords are printed only when made; `tupa demo --reset-passwords` gives the demo accounts new ones."
        );
    }
    out
}

/// Exit codes of `tupa mail ingest`, from sysexits.h, which MTAs understand.
const EX_DATAERR: u8 = 65;
const EX_TEMPFAIL: u8 = 75;

/// One message from standard input, read within the size limit: memory stays bounded by
/// the limit whatever an MTA (or anyone) pipes in.
enum Input {
    /// The whole message (at most the limit).
    Whole(Vec<u8>),
    /// Over the limit: the first limit + 1 bytes and the full size. The rest was read and
    /// thrown away, so the MTA sees the message taken (no broken pipe) and our refusal.
    TooLarge { head: Vec<u8>, size: u64 },
}

fn read_message(input: &mut impl Read) -> std::io::Result<Input> {
    let limit = tupa_core::mail::inbound::MAX_MESSAGE_BYTES;
    // Room for the whole limit at once: grown by doubling, each step copied the message into
    // a buffer twice the size while the old one was still held (and the allocator keeps
    // what was freed a moment longer), so a message at the limit peaked at several times it.
    // Only the pages written are memory; a short message touches a few.
    let mut head = Vec::with_capacity(limit + 1);
    input.by_ref().take(limit as u64 + 1).read_to_end(&mut head)?;
    if head.len() <= limit {
        return Ok(Input::Whole(head));
    }
    let rest = std::io::copy(input, &mut std::io::sink())?;
    Ok(Input::TooLarge { size: head.len() as u64 + rest, head })
}

pub async fn mail_ingest(common: &Common, recipient: Option<&str>) -> anyhow::Result<ExitCode> {
    let input = match read_message(&mut std::io::stdin().lock()) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("error: cannot read the message: {e}");
            return Ok(ExitCode::from(EX_TEMPFAIL));
        }
    };
    let stored = async {
        let (settings, listen) = resolve(common, None)?;
        if let Input::Whole(raw) = &input {
            match crate::mail_gate::hand_over(&settings, &listen, raw, recipient).await? {
                crate::mail_gate::Handed::Taken(outcome) => return anyhow::Ok(Ok(outcome)),
                crate::mail_gate::Handed::TakenUnread(answer) => {
                    return anyhow::Ok(Err(answer));
                }
                crate::mail_gate::Handed::NotTaken => {}
            }
        }
        // No server took it: one connection, this process stores one message and exits.
        let db = Db::connect_single(&settings.database_url).await?;
        setup::prepare(&db).await.map_err(explain)?;
        let outcome = match &input {
            Input::Whole(raw) => {
                tupa_core::desk::ingest::ingest(&db, &settings, raw, recipient).await
            }
            Input::TooLarge { head, size } => {
                tupa_core::desk::ingest::refuse_too_large(&db, head, *size, recipient).await
            }
        }
        .map_err(explain)?;
        anyhow::Ok(Ok(outcome))
    }
    .await;
    match stored {
        Ok(Err(answer)) => {
            println!("{answer}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(Ok(tupa_core::desk::ingest::Outcome::Created { case_number }))
        | Ok(Ok(tupa_core::desk::ingest::Outcome::FollowUp { case_number })) => {
            println!("{case_number}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(Ok(tupa_core::desk::ingest::Outcome::Refused { reason, raw_mail_id })) => {
            eprintln!("refused: {reason} (kept as {raw_mail_id} for inspection)");
            Ok(ExitCode::from(EX_DATAERR))
        }
        Err(e) => {
            // Nothing was stored: the MTA keeps the message and tries again.
            eprintln!("error: message not stored, try again later: {e:#}");
            Ok(ExitCode::from(EX_TEMPFAIL))
        }
    }
}

pub async fn desk_address_add(
    common: &Common,
    org_slug: &str,
    address: &str,
    queue_name: Option<&str>,
) -> anyhow::Result<()> {
    let (db, _) = open(common).await?;
    let org = organisations::by_slug(&db, org_slug)
        .await
        .map_err(explain)?
        .ok_or_else(|| anyhow!("no organisation '{org_slug}'"))?;
    let queue_id = match queue_name {
        Some(name) => Some(
            tupa_core::desk::queues::list(&db, &org.id)
                .await
                .map_err(explain)?
                .into_iter()
                .find(|q| q.name == name)
                .ok_or_else(|| anyhow!("no queue '{name}' in '{org_slug}'"))?
                .id,
        ),
        None => None,
    };
    let mut tx = db.begin().await?;
    let added =
        tupa_core::desk::queues::add_address(&mut tx, &org.id, address, queue_id.as_deref())
            .await
            .map_err(explain)?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::system(),
        audit::Action::DeskAddressAdded,
        None,
        serde_json::json!({"address": added.address, "via": "cli"}),
    )
    .await
    .map_err(explain)?;
    tx.commit().await?;
    println!("Mail to {} now arrives in '{}'.", added.address, org.slug);
    if !plan_allows(&db, &org, plans::Capability::Desk).await? {
        eprintln!(
            "warning: the plan of '{}' has no service desk: mail to {} is refused \
             (desk-unavailable) until a plan with the desk is set on /orgs/{}.",
            org.slug, added.address, org.slug
        );
    }
    Ok(())
}

async fn org_of(db: &Db, slug: &str) -> anyhow::Result<tupa_core::organisations::Organisation> {
    organisations::by_slug(db, slug)
        .await
        .map_err(explain)?
        .ok_or_else(|| anyhow!("no organisation '{slug}'"))
}

pub async fn desk_imap_set(
    common: &Common,
    org_slug: &str,
    address: &str,
    mut input: tupa_core::desk::mailboxes::ImapInput,
    password_stdin: bool,
) -> anyhow::Result<()> {
    if password_stdin {
        input.password = Some(read_password_stdin()?);
    }
    let (db, settings) = open(common).await?;
    let org = org_of(&db, org_slug).await?;
    let saved = tupa_core::desk::mailboxes::save(&db, &settings, &By::system(), &org, address, &input).await.map_err(|e| match e {
        tupa_core::Error::NotFound => anyhow!("'{address}' is not a desk address of '{org_slug}' (add it first with `tupa desk address add`)"),
        tupa_core::Error::Invalid { code: "imap-password-required", .. } => anyhow!("give the mailbox's password on standard input with --password-stdin"),
        other => explain(other),
    })?;
    let state = if saved.enabled { "`tupa serve` reads it within a minute" } else { "disabled" };
    println!(
        "Mail to {} is fetched from {}@{}:{} ({}, folder {}); {state}.",
        saved.address, saved.username, saved.host, saved.port, saved.security, saved.folder
    );
    Ok(())
}

pub async fn desk_imap_show(common: &Common, org_slug: &str, address: &str) -> anyhow::Result<()> {
    let (db, _) = open(common).await?;
    let org = org_of(&db, org_slug).await?;
    let m = tupa_core::desk::mailboxes::get(&db, &org.id, address)
        .await
        .map_err(explain)?
        .ok_or_else(|| anyhow!("mail to '{address}' is not fetched by IMAP"))?;
    let when = |t: Option<i64>| {
        t.map(tupa_core::desk::hours::format_helsinki).unwrap_or_else(|| "never".into())
    };
    println!("address:      {}", m.address);
    println!("server:       {}:{} ({})", m.host, m.port, m.security);
    println!("user:         {}", m.username);
    println!("folder:       {}", m.folder);
    println!("enabled:      {}", m.enabled);
    println!("last read:    {}", when(m.last_success_at));
    if m.failing() {
        println!("last error:   {} {}", when(m.last_error_at), m.last_error.unwrap_or_default());
    }
    Ok(())
}

pub async fn desk_imap_remove(
    common: &Common,
    org_slug: &str,
    address: &str,
) -> anyhow::Result<()> {
    let (db, _) = open(common).await?;
    let org = org_of(&db, org_slug).await?;
    tupa_core::desk::mailboxes::remove(&db, &By::system(), &org, address).await.map_err(
        |e| match e {
            tupa_core::Error::NotFound => anyhow!("mail to '{address}' is not fetched by IMAP"),
            other => explain(other),
        },
    )?;
    println!("Mail to {address} is no longer fetched by IMAP.");
    Ok(())
}

/// `tupa maintenance run [--at]`: every due lifecycle and retention step, one line each.
pub async fn maintenance_run(common: &Common, at: Option<&str>) -> anyhow::Result<()> {
    let (settings, _) = resolve(common, None)?;
    let now = tupa_core::db::now();
    let at = match at {
        Some(text) => {
            let t = time::OffsetDateTime::parse(
                text,
                &time::format_description::well_known::Rfc3339,
            )
            .with_context(|| {
                format!("--at '{text}' is not an RFC 3339 time (for example 2027-01-31T12:00:00Z)")
            })?
            .unix_timestamp();
            if let Some(why) = tupa_core::maintenance::refuse_at(settings.environment, t, now) {
                bail!("{why} (this is the {} environment)", settings.environment.as_str());
            }
            t
        }
        None => now,
    };
    let db = Db::connect(&settings.database_url).await?;
    setup::prepare(&db).await.map_err(explain)?;
    let report = tupa_core::maintenance::run(&db, &settings, at).await.map_err(explain)?;
    let when = time::OffsetDateTime::from_unix_timestamp(at)?
        .format(&time::format_description::well_known::Rfc3339)?;
    println!("Maintenance as of {when}:");
    for step in report {
        println!("{step}");
    }
    db.refresh_statistics().await?;
    let steps = tupa_core::desk::search_index::tidy(&db).await.map_err(explain)?;
    if steps > 0 {
        println!("The ticket search index was merged into one segment ({steps} steps).");
    }
    Ok(())
}

/// `tupa backup --to FILE`. Opens the database without migrating it: a backup must not
/// change what it copies.
pub async fn backup(common: &Common, to: &std::path::Path) -> anyhow::Result<()> {
    let (settings, _) = resolve(common, None)?;
    let db = Db::connect(&settings.database_url).await?;
    let report = tupa_core::backup::backup(&db, &settings, to).await?;
    db.close().await;
    match report.database_bytes {
        Some(bytes) => println!(
            "Backed up the SQLite database ({bytes} bytes, every stored file included) to {}.",
            to.display()
        ),
        None => println!("Wrote {} (the key file and a manifest, no database).", to.display()),
    }
    if report.manifest.has_key_file {
        println!("The secret key file is in the backup: keep the backup as safe as the key.");
    } else {
        println!("No key file in the data directory (TUPA_SECRET_KEY is used): keep that key too.");
    }
    if let Some(command) = report.pg_dump_command {
        println!(
            "The database is PostgreSQL, which holds every stored file too: back it up with \
             pg_dump or base backups, for example:\n  {command}"
        );
    }
    Ok(())
}

/// `tupa restore --from FILE`, into the data directory (which must not hold a database or
/// key file yet).
pub fn restore(common: &Common, from: &std::path::Path) -> anyhow::Result<()> {
    let (settings, _) = resolve(common, None)?;
    let report = tupa_core::backup::restore(from, &settings.data_dir, &settings.database_url)?;
    let made = time::OffsetDateTime::from_unix_timestamp(report.manifest.created_at)?
        .format(&time::format_description::well_known::Rfc3339)?;
    println!("Restored the backup of {made} (Tupa {}):", report.manifest.tupa_version);
    if let Some(path) = &report.database {
        println!("  database  {}", path.display());
    }
    if let Some(path) = &report.key_file {
        println!("  key file  {}", path.display());
    }
    if report.database.is_none() {
        println!(
            "The database was PostgreSQL: restore it with pg_restore (for example \
             pg_restore --dbname=\"$DATABASE_URL\" tupa.pgdump) before `tupa serve`."
        );
    } else {
        println!("Start it with `tupa serve` (pending migrations are applied then).");
    }
    Ok(())
}
