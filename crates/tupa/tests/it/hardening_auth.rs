//! Sign-in hardening: redirect targets, throttles under concurrency, the reset form's own
//! throttle, and session and CSRF tokens that change with privileges.

use futures_util::future::join_all;
use reqwest::StatusCode;
use tupa_core::identity::totp;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, location, spawn};

both_backends!(
    redirect_targets_stay_on_our_origin,
    control_characters_in_next_are_bad_input_not_a_crash,
    concurrent_wrong_passwords_get_exactly_the_limit,
    concurrent_wrong_codes_get_exactly_the_limit,
    reset_requests_never_lock_the_owner_out,
    sign_in_renews_session_and_csrf_tokens,
);

const HOSTILE_NEXT: [&str; 6] = [
    "/\t/evil.example",
    "/\t\t/evil.example/path",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
];

/// The Location a browser would follow stays on our site.
fn assert_local(location: &str, input: &str) {
    let base = url::Url::parse("http://tupa.test/").unwrap();
    let target = base.join(location).unwrap();
    assert_eq!(target.host_str(), Some("tupa.test"), "{input:?} redirected to {location:?}");
}

async fn redirect_targets_stay_on_our_origin(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let adviser = app.person(&org, "aino@lahti.test", Role::Adviser).await;
    for next in HOSTILE_NEXT {
        let b = app.browser().await;
        let res = b.post("/language", &[("lang", "sv"), ("next", next)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_local(&location(&res), next);
        let res = b
            .post(
                "/sign-in",
                &[("email", adviser.email.as_str()), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_local(&location(&res), next);
        // The sign-in page carries the target in its form: the same rule applies there.
        let (status, html) = b.get_text(&format!("/sign-in?next={}", urlencoding(next))).await;
        assert!(status.is_success() || status.is_redirection(), "{status}");
        assert!(!html.contains("evil.example\""), "{next:?} kept in the sign-in form");
    }
    // A local target survives, query included.
    let b = app.browser().await;
    let res = b
        .post(
            "/sign-in",
            &[("email", adviser.email.as_str()), ("password", PASSWORD), ("next", "/orgs?x=1")],
        )
        .await;
    assert_eq!(location(&res), "/orgs?x=1");
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_string()
}

async fn control_characters_in_next_are_bad_input_not_a_crash(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kouvola", "full").await;
    let adviser = app.person(&org, "kalle@kouvola.test", Role::Adviser).await;
    for next in ["/orgs\r\nSet-Cookie: x=y", "/orgs\n", "/a\u{b}b", "/\r/evil.example", "/\0"] {
        let b = app.browser().await;
        let res = b.post("/language", &[("lang", "fi"), ("next", next)]).await;
        assert!(!res.status().is_server_error(), "{next:?}: {}", res.status());
        assert!(res.headers().get("set-cookie").is_some());
        assert!(!res.headers().iter().any(|(k, _)| k.as_str() == "x"), "header injected");
        let res = b.get(&format!("/sign-in?next={}", urlencoding(next))).await;
        assert!(!res.status().is_server_error(), "{next:?}: {}", res.status());
        let res = b
            .post(
                "/sign-in",
                &[("email", adviser.email.as_str()), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_local(&location(&res), next);
    }
}

async fn concurrent_wrong_passwords_get_exactly_the_limit(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hamina", "full").await;
    let adviser = app.person(&org, "hanna@hamina.test", Role::Adviser).await;
    let b = app.browser().await;
    let form = [("email", adviser.email.as_str()), ("password", "wrong password!")];
    let tries = (0..30).map(|_| b.post("/sign-in", &form));
    let statuses: Vec<StatusCode> = join_all(tries).await.iter().map(|r| r.status()).collect();
    let judged = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((judged, refused), (5, 25), "{statuses:?}");
    // And the account stays locked for the right password too.
    let res =
        b.post("/sign-in", &[("email", adviser.email.as_str()), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn concurrent_wrong_codes_get_exactly_the_limit(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.operator().await;
    let b = app.browser().await;
    let res = b.post("/sign-in", &[("email", admin.email.as_str()), ("password", PASSWORD)]).await;
    assert!(location(&res).starts_with("/sign-in/totp"));
    let secret = admin.totp_secret.clone().unwrap();
    let right = totp::code_at(&secret, tupa_core::db::now()).unwrap();
    let wrong = if right == "000000" { "111111" } else { "000000" };
    let form = [("code", wrong)];
    let tries = (0..20).map(|_| b.post("/sign-in/totp", &form));
    let statuses: Vec<StatusCode> = join_all(tries).await.iter().map(|r| r.status()).collect();
    let judged = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
    assert_eq!(judged, 5, "{statuses:?}");
    let res = b.post("/sign-in/totp", &[("code", right.as_str())]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "locked, even for the right code");
}

async fn reset_requests_never_lock_the_owner_out(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.operator().await;
    let org = app.org("loviisa", "full").await;
    let adviser = app.person(&org, "liisa@loviisa.test", Role::Adviser).await;
    let stranger = app.browser().await;
    for email in [&admin.email, &adviser.email] {
        let mut statuses = vec![];
        for _ in 0..8 {
            statuses.push(
                stranger.post("/password/forgot", &[("email", email.as_str())]).await.status(),
            );
        }
        // The reset form has its own limit: a few links, then a polite refusal.
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 3, "{statuses:?}");
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(app.outbox_to(email).await.len(), 3, "no mailbox flooding");
    }
    // The owners still sign in at once.
    let owner = app.browser().await;
    let res =
        owner.post("/sign-in", &[("email", adviser.email.as_str()), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res =
        owner.post("/sign-in", &[("email", admin.email.as_str()), ("password", PASSWORD)]).await;
    assert!(location(&res).starts_with("/sign-in/totp"), "the platform admin is not locked out");
}

async fn sign_in_renews_session_and_csrf_tokens(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.operator().await;
    let b = app.browser().await;
    let planted_csrf = b.cookie("tupa_csrf").unwrap();
    let res = b.post("/sign-in", &[("email", admin.email.as_str()), ("password", PASSWORD)]).await;
    assert!(location(&res).starts_with("/sign-in/totp"));
    let csrf_after_password = b.cookie("tupa_csrf").unwrap();
    assert_ne!(csrf_after_password, planted_csrf, "a CSRF token from before sign-in is replaced");
    let pending_session = b.cookie("tupa_session").unwrap();

    let code = totp::code_at(admin.totp_secret.as_ref().unwrap(), tupa_core::db::now()).unwrap();
    let res = b.post("/sign-in/totp", &[("code", code.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let full_session = b.cookie("tupa_session").unwrap();
    assert_ne!(full_session, pending_session, "the session token changes with the second factor");
    assert_ne!(b.cookie("tupa_csrf").unwrap(), csrf_after_password);
    assert_eq!(b.get("/plans").await.status(), StatusCode::OK);

    // Someone holding the token from before the second factor gets nothing.
    let other =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = other
        .get(app.url("/plans"))
        .header("cookie", format!("tupa_session={pending_session}"))
        .send()
        .await
        .unwrap();
    assert!(location(&res).starts_with("/sign-in"), "old session token refused");

    // A form carrying the planted token (an attacker's page would) is refused: the browser's
    // cookie no longer holds it.
    let res = b
        .client
        .post(app.url("/language"))
        .form(&[("lang", "fi"), ("next", "/"), ("csrf", planted_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
