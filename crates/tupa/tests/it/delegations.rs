//! Delegated administration (issue 13): a main admin grants the operator rights until a
//! date; only then may a platform admin change the organisation, and its audit log says on
//! whose behalf. The grant ends by itself and can be revoked at once.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tupa_core::delegations::{self, Right};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, location, spawn};

both_backends!(a_grant_lets_the_operator_act_until_it_ends_or_is_revoked);

fn day(offset: i64) -> String {
    let d = time::OffsetDateTime::now_utc().date() + time::Duration::days(offset);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

async fn a_grant_lets_the_operator_act_until_it_ends_or_is_revoked(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let a_adviser = app.person(&a, "adv@a.test", Role::Adviser).await;
    let b_main = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let operator = app.api(&op.token);
    let settings = json!({"privacy_notice_url": "https://a.test/tietosuoja", "business_id": ""});
    let roles = format!("/api/v1/orgs/a-org/users/{}/roles", a_adviser.id);

    // Without a grant: the organisation can be read, not changed.
    let (s, _) = operator.get("/api/v1/orgs/a-org").await;
    assert_eq!(s, StatusCode::OK, "the operator sees the organisation");
    let (s, _) = operator.put("/api/v1/orgs/a-org/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = operator.put(&roles, json!([{"role": "main-admin"}])).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let a_now = tupa_core::organisations::by_slug(&app.db, "a-org").await.unwrap().unwrap();
    assert_eq!(a_now.privacy_notice_url, None, "nothing changed");

    // Only the organisation's main admin grants; the operator cannot grant itself.
    let grant = json!({"rights": ["settings"], "until": day(30), "reason": "Kesäloma"});
    let (s, _) = operator.post("/api/v1/orgs/a-org/delegations", grant.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.api(&b_main.token).post("/api/v1/orgs/a-org/delegations", grant.clone()).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another organisation's admin learns nothing");
    let (s, _) =
        app.api(&a_adviser.token).post("/api/v1/orgs/a-org/delegations", grant.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let main = app.api(&a_main.token);
    for bad in [
        json!({"rights": [], "until": day(30), "reason": "x"}),
        json!({"rights": ["settings"], "until": day(400), "reason": "x"}),
        json!({"rights": ["settings"], "until": day(-1), "reason": "x"}),
        json!({"rights": ["settings"], "until": day(30), "reason": " "}),
        json!({"rights": ["settings"], "until": day(30), "reason": "x".repeat(delegations::REASON_CHARS + 1)}),
    ] {
        let (s, body) = main.post("/api/v1/orgs/a-org/delegations", bad.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    let (s, d) = main.post("/api/v1/orgs/a-org/delegations", grant).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let id = d["id"].as_str().unwrap().to_string();
    assert_eq!(d["active"], true);

    // Now the operator changes settings (only settings), on the organisation's behalf.
    let (s, body) = operator.put("/api/v1/orgs/a-org/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _) = operator.put(&roles, json!([{"role": "main-admin"}])).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "users were not delegated");
    let entries = tupa_core::audit::list(&app.db, Some(&a.id), 100, None).await.unwrap();
    let change = entries
        .iter()
        .find(|e| e.action == "settings-updated" || e.action.contains("settings"))
        .expect("the change is audited");
    let details: serde_json::Value = serde_json::from_str(&change.details).unwrap();
    assert_eq!(details["on_behalf_of"], true, "{details}");
    assert_eq!(details["delegation"], id.as_str());
    assert!(entries.iter().any(|e| e.action == "delegation-granted"));
    // The main admin's own actions are not marked.
    let (s, _) = main.put("/api/v1/orgs/a-org/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::OK);
    let entries = tupa_core::audit::list(&app.db, Some(&a.id), 100, None).await.unwrap();
    let own = entries
        .iter()
        .find(|e| e.actor_label == "main@a.test" && e.action.contains("settings"))
        .unwrap();
    assert!(!own.details.contains("on_behalf_of"));
    // The main admins read it in their audit log.
    let (s, log) = main.get("/api/v1/orgs/a-org/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert!(log.to_string().contains("on_behalf_of"));

    // It ends by itself at the end of its last day.
    let now = tupa_core::db::now();
    assert!(
        delegations::active_with(&app.db, &a.id, Right::Settings, now).await.unwrap().is_some()
    );
    let later = now + 32 * 86_400;
    assert!(
        delegations::active_with(&app.db, &a.id, Right::Settings, later).await.unwrap().is_none()
    );
    let actor = crate::applications::actor_of(&app, &a_main).await;
    let listed = delegations::list(&app.db, &actor, &a, later).await.unwrap();
    assert!(!listed[0].active, "ended by itself");

    // Revoked at once.
    let (s, _) =
        main.call(Method::DELETE, &format!("/api/v1/orgs/a-org/delegations/{id}"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = operator.put("/api/v1/orgs/a-org/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "no longer");
    let (_, list) = main.get("/api/v1/orgs/a-org/delegations").await;
    assert_eq!(list[0]["active"], false);
    assert!(list[0]["revoked_at"].is_i64());
    assert!(app.audit_actions(Some(&a.id)).await.contains(&"delegation-revoked".to_string()));
    let (s, _) =
        operator.call(Method::DELETE, &format!("/api/v1/orgs/a-org/delegations/{id}"), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The page: the main admin grants from the form; the operator sees the list only.
    let browser = app.signed_in(&a_main).await;
    let (s, html) = browser.get_text("/orgs/a-org/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        [
            "organisaatiosi puolesta",
            "för din organisations räkning",
            "on your organisation's behalf"
        ]
        .iter()
        .any(|t| html.contains(&t.replace('\'', "&#x27;")) || html.contains(t)),
        "the audit page says on whose behalf"
    );
    let (s, html) = browser.get_text("/orgs/a-org/delegations").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("name=\"reason\""));
    let until = day(7);
    let (s, html) = browser
        .post_text("/orgs/a-org/delegations", &[("until", until.as_str()), ("reason", "Loma")])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no rights ticked");
    assert!(html.contains("f-rights-error"));
    let res = browser
        .post(
            "/orgs/a-org/delegations",
            &[
                ("rights", "users"),
                ("rights", "templates"),
                ("until", until.as_str()),
                ("reason", "Loma"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/orgs/a-org/delegations"));
    let (s, _) = operator.put(&roles, json!([{"role": "adviser"}, {"role": "recruiter"}])).await;
    assert_eq!(s, StatusCode::OK, "users delegated now");
    let ob = app.signed_in_operator().await;
    let (s, html) = ob.get_text("/orgs/a-org/delegations").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("name=\"reason\""), "the operator cannot grant itself");
    assert!(!html.contains("class=\"notice\""), "a self-managed plan has no standing grant");

    // A plan managed by the operator: a standing grant for settings, shown to its main
    // admins; other rights still need a grant.
    let m = app.org("m-org", "full-managed").await;
    let m_main = app.person(&m, "main@m.test", Role::MainAdmin).await;
    let m_adviser = app.person(&m, "adv@m.test", Role::Adviser).await;
    let (s, _) = operator.put("/api/v1/orgs/m-org/settings", settings).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = operator
        .put(
            &format!("/api/v1/orgs/m-org/users/{}/roles", m_adviser.id),
            json!([{"role": "main-admin"}]),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, html) = app.signed_in(&m_main).await.get_text("/orgs/m-org/delegations").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("class=\"notice\""), "the standing grant is shown");
}
