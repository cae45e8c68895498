//! TestApp: the real server on port 0 over a fresh database, plus fixtures and clients.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use tupa_core::audit::By;
use tupa_core::config::{Environment, Settings};
use tupa_core::db::Db;
use tupa_core::identity::password::Password;
use tupa_core::identity::{self, Email, tokens, totp};
use tupa_core::organisations::people::{self, Role};
use tupa_core::organisations::{self, Organisation};
use tupa_core::setup;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an async test body once per backend, as two tests: `name::sqlite`, `name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            }
        )*
    };
}

pub const PASSWORD: &str = "correct horse battery staple";

/// Drops the test's PostgreSQL database (or SQLite directory) when the test ends.
struct Cleanup {
    admin_url: Option<String>,
    db_name: Option<String>,
    dir: Option<std::path::PathBuf>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let (Some(url), Some(name)) = (self.admin_url.clone(), self.db_name.clone()) {
            // Drop runs inside the test's runtime; a fresh thread with its own runtime can block.
            let _ = std::thread::spawn(move || {
                let rt =
                    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    if let Ok(db) = Db::connect(&url).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(db.pool())
                        .await;
                        db.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn postgres_admin_url() -> String {
    std::env::var("TUPA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh, migrated database of the backend; returns it with its URL and cleanup guard.
async fn fresh_database(backend: Backend) -> (Db, String, Cleanup) {
    let tag = uuid::Uuid::new_v4().simple().to_string();
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("tupa-test-{tag}"));
            std::fs::create_dir_all(&dir).unwrap();
            let url = format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display());
            // As `tupa serve` opens it (with the log's checkpoints in the background).
            let db = Db::connect_server(&url).await.unwrap();
            (db, url, Cleanup { admin_url: None, db_name: None, dir: Some(dir) })
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url();
            let admin = Db::connect(&admin_url)
                .await
                .expect("PostgreSQL must run at TUPA_TEST_POSTGRES_URL (default 127.0.0.1:5432)");
            let name = format!("tupa_test_{tag}");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(admin.pool())
                .await
                .unwrap();
            admin.close().await;
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
            let url = format!("{base}/{name}");
            let db = Db::connect(&url).await.unwrap();
            (db, url, Cleanup { admin_url: Some(admin_url), db_name: Some(name), dir: None })
        }
    }
}

#[allow(dead_code)] // settings and backend are for tests that need them
pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub database_url: String,
    pub backend: Backend,
    pub identification: Option<Arc<tupa_core::identity::ftn::Identification>>,
    _cleanup: Cleanup,
}

pub struct Options {
    pub environment: Environment,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub trust_forwarded_for: bool,
    /// Extra CA certificates for IMAP servers (a test server's self-signed certificate).
    pub imap_ca_file: Option<std::path::PathBuf>,
    /// Strong identification through this provider (`TUPA_OIDC_*`); None: test identification.
    pub oidc: Option<tupa_core::identity::ftn::FtnConfig>,
    /// TURN servers for video calls (`TUPA_TURN_URLS`, `TUPA_TURN_SECRET`).
    pub turn: Option<tupa_core::guidance::calls::TurnConfig>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            environment: Environment::Training,
            public_url: None,
            smtp_url: None,
            trust_forwarded_for: false,
            imap_ca_file: None,
            oidc: None,
            turn: None,
        }
    }
}

/// Waits until the process's PostgreSQL listener LISTENs, as a real server has long before
/// anyone uses it: an event published before then would never reach this process (a busy
/// machine took seconds, and a test of events across processes waited in vain).
async fn listening(db: &Db) {
    if db.backend() != tupa_core::db::Backend::Postgres {
        return;
    }
    for _ in 0..200 {
        if db.public_generation().is_listening() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the live event listener did not connect within 10 s");
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, Options::default()).await
}

pub async fn spawn_with(backend: Backend, options: Options) -> TestApp {
    // reqwest has no TLS provider of its own: the tests' clients need ring installed.
    tupa_core::http::install_crypto_provider();
    let (db, database_url, cleanup) = fresh_database(backend).await;
    setup::prepare(&db).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let settings = Arc::new(Settings {
        environment: options.environment,
        public_url: options.public_url.unwrap_or_else(|| base.clone()),
        data_dir: std::env::temp_dir(),
        database_url: database_url.clone(),
        smtp_url: options.smtp_url,
        mail_from: "tupa@test.invalid".into(),
        trust_forwarded_for: options.trust_forwarded_for,
        // Each test its own key (the data directory is the shared temp directory).
        secret_key: Some(tupa_core::secrets::SecretKey::generate()),
        imap_ca_file: options.imap_ca_file,
        imap_poll_seconds: 60,
        turn: options.turn,
    });
    tokio::spawn(tupa_core::events::listen_forever(db.clone()));
    listening(&db).await;
    let identification = options.oidc.map(|ftn| {
        Arc::new(tupa_core::identity::ftn::Identification::new(ftn, &settings.public_url).unwrap())
    });
    let state = tupa_web::AppState::new(tupa_web::Shared {
        db: db.clone(),
        settings: settings.clone(),
        identification: identification.clone(),
        public_cache: Default::default(),
    });
    let app = tupa_web::app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    TestApp { base, db, settings, database_url, backend, identification, _cleanup: cleanup }
}

/// A person made by a fixture, with an API token.
pub struct Person {
    pub id: String,
    pub email: String,
    pub token: String,
    pub totp_secret: Option<String>,
}

impl TestApp {
    /// First-run setup done directly: operator "tupa" and a platform admin with TOTP on.
    pub async fn operator(&self) -> Person {
        let (_, user) = setup::run(
            &self.db,
            setup::SetupInput {
                operator_name: "Tupa-operaattori".into(),
                operator_slug: "tupa".into(),
                admin_name: "Paula Platform".into(),
                admin_email: "paula@operator.test".into(),
                password: PASSWORD.into(),
                lang: tupa_core::i18n::Lang::En,
            },
        )
        .await
        .unwrap();
        let secret = totp::begin_enrolment(&self.db, &user.id).await.unwrap();
        sqlx::query("UPDATE users SET totp_enabled = $1 WHERE id = $2")
            .bind(true)
            .bind(&user.id)
            .execute(self.db.pool())
            .await
            .unwrap();
        let (_, token) = tokens::create(&self.db, &user.id, "test").await.unwrap();
        Person { id: user.id, email: user.email, token, totp_secret: Some(secret) }
    }

    /// A browser signed in as the platform admin made by `operator()` (TOTP included).
    pub async fn signed_in_operator(&self) -> Browser {
        let user = identity::find_by_email(&self.db, &Email::parse("paula@operator.test").unwrap())
            .await
            .unwrap()
            .unwrap();
        let person = Person {
            id: user.id,
            email: user.email,
            token: String::new(),
            totp_secret: user.totp_secret,
        };
        self.signed_in(&person).await
    }

    /// A new API token for the platform admin made by `operator()`.
    pub async fn operator_token(&self) -> String {
        let user = identity::find_by_email(&self.db, &Email::parse("paula@operator.test").unwrap())
            .await
            .unwrap()
            .unwrap();
        tokens::create(&self.db, &user.id, "test").await.unwrap().1
    }

    /// A customer organisation on the given plan (`full` is self-managed).
    pub async fn org(&self, slug: &str, plan: &str) -> Organisation {
        let plan = tupa_core::organisations::plans::by_slug(&self.db, plan).await.unwrap().unwrap();
        let mut tx = self.db.begin().await.unwrap();
        let org =
            organisations::create(&mut tx, slug, &format!("Org {slug}"), false, Some(&plan.id))
                .await
                .unwrap();
        tx.commit().await.unwrap();
        org
    }

    /// A person with a password and an API token, holding `role` in `org` (whole organisation).
    pub async fn person(&self, org: &Organisation, email: &str, role: Role) -> Person {
        let mut tx = self.db.begin().await.unwrap();
        let (user, _) = identity::find_or_create(
            &mut tx,
            &Email::parse(email).unwrap(),
            email.split('@').next().unwrap(),
        )
        .await
        .unwrap();
        identity::set_password(&mut tx, &user.id, &Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
        people::add_member(&mut tx, &org.id, &user.id).await.unwrap();
        people::grant(&mut tx, &org.id, &user.id, role, None, None).await.unwrap();
        tx.commit().await.unwrap();
        let (_, token) = tokens::create(&self.db, &user.id, "test").await.unwrap();
        Person { id: user.id, email: user.email, token, totp_secret: None }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn api(&self, token: &str) -> Api {
        Api { client: Client::new(), base: self.base.clone(), token: token.to_string(), lang: None }
    }

    pub async fn browser(&self) -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut b = Browser { client, base: self.base.clone(), csrf: String::new(), jar };
        let page = b.get("/accessibility").await;
        b.csrf = csrf_of(&page.text().await.unwrap()).expect("a page carries the CSRF token");
        b
    }

    /// A browser signed in with e-mail and password (and TOTP code when the person has one).
    pub async fn signed_in(&self, person: &Person) -> Browser {
        let mut b = self.browser().await;
        let res = b
            .post(
                "/sign-in",
                &[("email", person.email.as_str()), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in of {} failed", person.email);
        if let Some(secret) = &person.totp_secret {
            // The fixture's code may have been used in this 30 s step already: take the next one.
            let code = totp::code_at(secret, tupa_core::db::now() + 30).unwrap();
            let res = b.post("/sign-in/totp", &[("code", code.as_str()), ("next", "/")]).await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "TOTP step failed");
        }
        // Signing in gave the browser a new CSRF token.
        b.csrf = b.cookie("tupa_csrf").expect("a CSRF cookie after sign-in");
        b
    }

    pub async fn outbox_to(&self, address: &str) -> Vec<tupa_core::mail::outbox::OutboxMail> {
        tupa_core::mail::outbox::list(&self.db, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.to_address == address)
            .collect()
    }

    pub async fn audit_actions(&self, org_id: Option<&str>) -> Vec<String> {
        tupa_core::audit::list(&self.db, org_id, 1000, None)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect()
    }

    #[allow(dead_code)]
    pub fn system() -> By {
        By::system()
    }
}

/// The CSRF token in a page's forms.
pub fn csrf_of(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// The first link in a text that starts with `prefix`.
pub fn link_in(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    Some(text[start..].split_whitespace().next()?.to_string())
}

pub struct Browser {
    pub client: Client,
    pub base: String,
    /// The CSRF token when the browser was made (or signed in by `signed_in`).
    pub csrf: String,
    pub jar: Arc<reqwest::cookie::Jar>,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        (res.status(), res.text().await.unwrap())
    }
    /// The value of one of this browser's cookies for the server.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let header = self.jar.cookies(&self.base.parse().unwrap())?;
        let header = header.to_str().ok()?.to_string();
        header
            .split("; ")
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }

    /// Posts a form with the CSRF token this browser holds now (as its pages would carry it;
    /// the token changes at sign-in).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        let csrf = self.cookie("tupa_csrf").unwrap_or_else(|| self.csrf.clone());
        let mut pairs: Vec<(&str, &str)> = form.to_vec();
        pairs.push(("csrf", csrf.as_str()));
        self.client.post(format!("{}{path}", self.base)).form(&pairs).send().await.unwrap()
    }
    pub async fn post_text(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let res = self.post(path, form).await;
        (res.status(), res.text().await.unwrap())
    }
}

pub fn location(res: &Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

pub struct Api {
    pub client: Client,
    pub base: String,
    pub token: String,
    pub lang: Option<&'static str>,
}

impl Api {
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req =
            self.client.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(lang) = self.lang {
            req = req.header("accept-language", lang);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::PUT, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
}

impl TestApp {
    /// A second `tupa serve` process on the same database (as behind a load balancer).
    pub async fn second_server(&self) -> String {
        let db = Db::connect(&self.database_url).await.unwrap();
        tokio::spawn(tupa_core::events::listen_forever(db.clone()));
        listening(&db).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = tupa_web::AppState::new(tupa_web::Shared {
            db,
            settings: self.settings.clone(),
            identification: self.identification.clone(),
            public_cache: Default::default(),
        });
        let app = tupa_web::app(state).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        base
    }
}

/// Reads server-sent events until one named `event` arrives whose data contains `needle`.
pub async fn wait_for_event(res: reqwest::Response, event: &str, needle: &str) -> String {
    use futures_util::StreamExt;
    let mut stream = res.bytes_stream();
    let mut buffer = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("event within 10 s")
            .expect("stream open")
            .unwrap();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            if block.contains(&format!("event: {event}\n")) && block.contains(needle) {
                return block;
            }
        }
    }
}
