//! Organisations, plans and settings, the unit tree, people and roles, audit log visibility.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, location, spawn};

both_backends!(
    platform_admin_creates_organisation_and_assigns_plan,
    settings_follow_the_plan,
    unit_tree_add_rename_move_retire_restore,
    roles_change_and_deactivation_removes_access,
    audit_log_is_per_organisation,
    capabilities_follow_the_plan,
);

async fn capabilities_follow_the_plan(backend: Backend) {
    use tupa_core::authz::require_capability;
    use tupa_core::organisations::plans::Capability;
    let app = spawn(backend).await;
    let op = app.operator().await;
    let desk_only = app.org("desk-only", "desk").await;
    let full = app.org("full-org", "full").await;
    assert!(require_capability(&app.db, &desk_only, Capability::Desk).await.is_ok());
    let refused =
        require_capability(&app.db, &desk_only, Capability::Recruitment).await.unwrap_err();
    assert_eq!(refused.code(), "not-in-plan");
    assert!(require_capability(&app.db, &full, Capability::Recruitment).await.is_ok());
    // Changing the plan changes the capabilities at once.
    app.api(&op.token)
        .patch("/api/v1/orgs/desk-only", json!({"name": "Desk only", "plan": "full"}))
        .await;
    let desk_only = tupa_core::organisations::by_slug(&app.db, "desk-only").await.unwrap().unwrap();
    assert!(require_capability(&app.db, &desk_only, Capability::Recruitment).await.is_ok());
    // The overview page lists the plan's services.
    let admin = app.person(&full, "main@full.test", Role::MainAdmin).await;
    let b = app.signed_in(&admin).await;
    let (_, html) = b.get_text("/orgs/full-org").await;
    assert!(
        html.contains("Rekrytointi") && html.contains("Ohjaustilat"),
        "capabilities shown in Finnish"
    );
}

async fn platform_admin_creates_organisation_and_assigns_plan(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let api = app.api(&op.token);
    let (s, org) = api
        .post("/api/v1/orgs", json!({"slug": "espoo", "name": "Espoon kaupunki", "plan": "desk"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{org}");
    let (s, body) = api.post("/api/v1/orgs", json!({"slug": "espoo", "name": "Toinen"})).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("slug-taken")));
    let (s, body) = api.post("/api/v1/orgs", json!({"slug": "Espoo kaupunki!", "name": "X"})).await;
    assert_eq!((s, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("slug")));
    let (s, body) = api
        .post("/api/v1/orgs", json!({"slug": "vantaa", "name": "Vantaa", "plan": "no-such"}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("plan-unknown"))
    );

    let (s, updated) =
        api.patch("/api/v1/orgs/espoo", json!({"name": "Espoon kaupunki", "plan": "full"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(updated["plan_id"], org["plan_id"]);

    // Through the page too, with a field error shown for bad input.
    let b = app.signed_in(&op).await;
    let (s, html) =
        b.post_text("/orgs", &[("name", "Kauniainen"), ("slug", "x"), ("plan", "full")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-slug-error") && html.contains("value=\"Kauniainen\""));
    let res =
        b.post("/orgs", &[("name", "Kauniainen"), ("slug", "kauniainen"), ("plan", "full")]).await;
    assert_eq!(location(&res), "/orgs/kauniainen?notice=organisation-created");
    let (s, html) = b.get_text("/orgs/kauniainen?notice=organisation-created").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("role=\"status\""), "confirmation shown");

    // A customer's main admin can neither create organisations nor change plans.
    let org = tupa_core::organisations::by_slug(&app.db, "espoo").await.unwrap().unwrap();
    let admin = app.person(&org, "mirja@espoo.test", Role::MainAdmin).await;
    let mapi = app.api(&admin.token);
    assert_eq!(
        mapi.post("/api/v1/orgs", json!({"slug": "x1", "name": "X"})).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        mapi.patch("/api/v1/orgs/espoo", json!({"name": "Hacked", "plan": "desk"})).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(mapi.get("/api/v1/plans").await.0, StatusCode::FORBIDDEN);
    let (_, orgs) = mapi.get("/api/v1/orgs").await;
    assert_eq!(orgs.as_array().unwrap().len(), 1, "a main admin sees only their organisation");
}

async fn settings_follow_the_plan(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let managed = app.org("managed", "full-managed").await;
    let own = app.org("own", "full").await;
    let a1 = app.person(&managed, "a1@managed.test", Role::MainAdmin).await;
    let a2 = app.person(&own, "a2@own.test", Role::MainAdmin).await;
    let settings =
        json!({"privacy_notice_url": "https://own.test/tietosuoja", "business_id": "0201256-6"});
    let (s, body) = app.api(&a1.token).put("/api/v1/orgs/managed/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "operator-managed plan: main admin must ask: {body}");
    let (s, body) = app.api(&a2.token).put("/api/v1/orgs/own/settings", settings.clone()).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["business_id"], "0201256-6");
    let (s, body) = app
        .api(&a2.token)
        .put(
            "/api/v1/orgs/own/settings",
            json!({"privacy_notice_url": "javascript:alert(1)", "business_id": ""}),
        )
        .await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("url-invalid")));
    let (s, body) = app
        .api(&a2.token)
        .put(
            "/api/v1/orgs/own/settings",
            json!({"privacy_notice_url": "", "business_id": "0201256-7"}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("business-id-invalid"))
    );
    let stored = tupa_core::organisations::by_slug(&app.db, "own").await.unwrap().unwrap();
    assert_eq!(
        stored.business_id.as_deref(),
        Some("0201256-6"),
        "refused input leaves stored data as it was"
    );
    // The operator changes them for the managed customer.
    let (s, _) = app.api(&op.token).put("/api/v1/orgs/managed/settings", settings).await;
    assert_eq!(s, StatusCode::OK);
    // A plan's capabilities and settings rule are the platform admin's to change.
    let (s, plan) = app.api(&op.token).put("/api/v1/plans/full-managed", json!({"slug": "full-managed", "name": "Managed", "capabilities": ["desk"], "admins_manage_settings": true})).await;
    assert_eq!(s, StatusCode::OK, "{plan}");
    assert_eq!(
        (plan["cap_desk"].as_bool(), plan["cap_recruitment"].as_bool()),
        (Some(true), Some(false))
    );
    let (s, _) = app
        .api(&a1.token)
        .put("/api/v1/orgs/managed/settings", json!({"privacy_notice_url": "", "business_id": ""}))
        .await;
    assert_eq!(s, StatusCode::OK, "now self-managed");
    let _ = managed;
}

async fn unit_tree_add_rename_move_retire_restore(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let admin = app.person(&org, "main@oulu.test", Role::MainAdmin).await;
    let api = app.api(&admin.token);
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_string();
    let (_, welfare) =
        api.post("/api/v1/orgs/oulu/units", json!({"name": "Hyvinvointipalvelut"})).await;
    let (_, social) = api
        .post("/api/v1/orgs/oulu/units", json!({"name": "Sosiaalityö", "parent_id": id(&welfare)}))
        .await;
    let (s, adults) = api
        .post("/api/v1/orgs/oulu/units", json!({"name": "Aikuiset", "parent_id": id(&social)}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, body) = api.post("/api/v1/orgs/oulu/units", json!({"name": "  "})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name-invalid"))
    );

    // Moving a unit under its own descendant would cut the branch off: refused.
    let (s, body) = api
        .patch(
            &format!("/api/v1/orgs/oulu/units/{}", id(&welfare)),
            json!({"action": "move", "parent_id": id(&adults)}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unit-move-cycle"))
    );
    let (s, moved) = api
        .patch(
            &format!("/api/v1/orgs/oulu/units/{}", id(&adults)),
            json!({"action": "move", "parent_id": id(&welfare)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(moved["parent_id"], welfare["id"]);
    let (s, renamed) = api
        .patch(
            &format!("/api/v1/orgs/oulu/units/{}", id(&social)),
            json!({"action": "rename", "name": "Sosiaalipalvelut"}),
        )
        .await;
    assert_eq!((s, renamed["name"].as_str()), (StatusCode::OK, Some("Sosiaalipalvelut")));
    // A unit with live sub-units cannot be retired.
    let (s, body) = api
        .patch(&format!("/api/v1/orgs/oulu/units/{}", id(&welfare)), json!({"action": "retire"}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unit-has-live-children"))
    );
    let (s, retired) = api
        .patch(&format!("/api/v1/orgs/oulu/units/{}", id(&social)), json!({"action": "retire"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(retired["retired_at"].is_number());
    // A retired unit keeps its history and can come back.
    let (_, all) = api.get("/api/v1/orgs/oulu/units").await;
    assert_eq!(all.as_array().unwrap().len(), 3);
    let (s, restored) = api
        .patch(&format!("/api/v1/orgs/oulu/units/{}", id(&social)), json!({"action": "restore"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(restored["retired_at"].is_null());

    // The page shows the tree; another organisation's unit id is not found from here.
    let other = app.org("kemi", "full").await;
    let other_admin = app.person(&other, "main@kemi.test", Role::MainAdmin).await;
    let (s, _) = app
        .api(&other_admin.token)
        .patch(&format!("/api/v1/orgs/kemi/units/{}", id(&social)), json!({"action": "retire"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let b = app.signed_in(&admin).await;
    let (s, html) = b.get_text("/orgs/oulu/units").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Sosiaalipalvelut") && html.contains("depth-1"));
    let res = b
        .post(
            &format!("/orgs/oulu/units/{}", id(&adults)),
            &[("action", "rename"), ("name", "Aikuissosiaalityö")],
        )
        .await;
    assert_eq!(location(&res), "/orgs/oulu/units?notice=unit-renamed");
    // A forged or misspelt button is refused and changes nothing.
    let before = app.audit_actions(Some(&org.id)).await.len();
    for forged in ["Rename", "delete", "retire ", ""] {
        let (s, html) = b
            .post_text(
                &format!("/orgs/oulu/units/{}", id(&adults)),
                &[("action", forged), ("name", "Väärennetty")],
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        assert!(html.contains("Unknown action") || html.contains("Tuntematon toiminto"), "{html}");
    }
    assert_eq!(app.audit_actions(Some(&org.id)).await.len(), before, "nothing changed");
    let (_, html) = b.get_text("/orgs/oulu/units").await;
    assert!(html.contains("Aikuissosiaalityö") && !html.contains("Väärennetty"));
    let actions = app.audit_actions(Some(&org.id)).await;
    for a in ["unit-created", "unit-moved", "unit-renamed", "unit-retired", "unit-restored"] {
        assert!(actions.contains(&a.to_string()), "{a} in audit log");
    }
}

async fn roles_change_and_deactivation_removes_access(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("pori", "full").await;
    let admin = app.person(&org, "main@pori.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "antti@pori.test", Role::Adviser).await;
    let api = app.api(&admin.token);
    let aapi = app.api(&adviser.token);
    assert_eq!(
        aapi.get("/api/v1/orgs/pori/users").await.0,
        StatusCode::FORBIDDEN,
        "an adviser does not manage users"
    );
    let (s, person) = api
        .put(
            &format!("/api/v1/orgs/pori/users/{}/roles", adviser.id),
            json!([{"role": "adviser"}, {"role": "main-admin"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{person}");
    assert_eq!(person["roles"].as_array().unwrap().len(), 2);
    assert_eq!(aapi.get("/api/v1/orgs/pori/users").await.0, StatusCode::OK, "now a main admin");
    let (s, _) = api
        .put(&format!("/api/v1/orgs/pori/users/{}/roles", adviser.id), json!([{"role": "adviser"}]))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(aapi.get("/api/v1/orgs/pori/users").await.0, StatusCode::FORBIDDEN);
    // One cannot lock oneself out.
    let (s, body) = api
        .put(&format!("/api/v1/orgs/pori/users/{}/active", admin.id), json!({"active": false}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cannot-deactivate-self"))
    );
    let (s, body) = api
        .put(&format!("/api/v1/orgs/pori/users/{}/roles", admin.id), json!([{"role": "adviser"}]))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cannot-demote-self"))
    );
    // Deactivation removes access to the organisation; history stays; reactivation restores.
    let (s, p) = api
        .put(&format!("/api/v1/orgs/pori/users/{}/active", adviser.id), json!({"active": false}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(p["deactivated_at"].is_number());
    assert_eq!(aapi.get("/api/v1/orgs/pori").await.0, StatusCode::NOT_FOUND);
    let (_, me) = aapi.get("/api/v1/me").await;
    assert!(me["organisations"].as_array().unwrap().is_empty());
    let history = tupa_core::organisations::people::grant_history(&app.db, &org.id, &adviser.id)
        .await
        .unwrap();
    assert_eq!(history.len(), 2, "the kept adviser grant and the revoked main-admin grant");
    assert!(history.iter().any(|g| g.role == Role::MainAdmin && g.revoked_at.is_some()));
    let (s, _) = api
        .put(&format!("/api/v1/orgs/pori/users/{}/active", adviser.id), json!({"active": true}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(aapi.get("/api/v1/orgs/pori").await.0, StatusCode::OK);
    // The page: roles form with a unit limit.
    let b = app.signed_in(&admin).await;
    let (s, html) = b.get_text(&format!("/orgs/pori/users/{}", adviser.id)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("name=\"roles\" value=\"adviser\" checked"));
    let res = b
        .post(
            &format!("/orgs/pori/users/{}/roles", adviser.id),
            &[("roles", "adviser"), ("roles", "recruiter"), ("unit_id", "")],
        )
        .await;
    assert_eq!(location(&res), format!("/orgs/pori/users/{}?notice=roles-saved", adviser.id));
    let (s, html) =
        b.post_text(&format!("/orgs/pori/users/{}/roles", adviser.id), &[("unit_id", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no roles at all: use deactivation instead");
    assert!(html.contains("f-roles-error"));
}

async fn audit_log_is_per_organisation(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let admin_a = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let admin_b = app.person(&b, "main@b.test", Role::MainAdmin).await;
    app.api(&admin_a.token).post("/api/v1/orgs/a-org/units", json!({"name": "A-yksikkö"})).await;
    app.api(&admin_b.token).post("/api/v1/orgs/b-org/units", json!({"name": "B-yksikkö"})).await;
    let (s, log) = app.api(&admin_a.token).get("/api/v1/orgs/a-org/audit").await;
    assert_eq!(s, StatusCode::OK);
    let text = log.to_string();
    assert!(text.contains("A-yksikkö") && !text.contains("B-yksikkö"));
    assert_eq!(
        app.api(&admin_a.token).get("/api/v1/orgs/b-org/audit").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.api(&admin_a.token).get("/api/v1/audit").await.0, StatusCode::FORBIDDEN);
    let (s, all) = app.api(&op.token).get("/api/v1/audit?limit=500").await;
    assert_eq!(s, StatusCode::OK);
    let text = all.to_string();
    assert!(text.contains("A-yksikkö") && text.contains("B-yksikkö"));
    let adviser = app.person(&a, "adv@a.test", Role::Adviser).await;
    assert_eq!(
        app.api(&adviser.token).get("/api/v1/orgs/a-org/audit").await.0,
        StatusCode::FORBIDDEN
    );
    let browser = app.signed_in(&admin_a).await;
    app.signed_in(&admin_b).await;
    let (s, html) = browser.get_text("/orgs/a-org/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("A-yksikkö"));
    // The people's own sign-ins show in their organisation's log, not in another's.
    assert!(html.contains("main@a.test") && !html.contains("main@b.test"));
    let (_, log) = app.api(&admin_a.token).get("/api/v1/orgs/a-org/audit").await;
    let sign_ins: Vec<_> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "sign-in")
        .map(|e| e["actor_label"].as_str().unwrap())
        .collect();
    assert_eq!(sign_ins, vec!["main@a.test"]);
}
