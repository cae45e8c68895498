//! The ticket page as a workspace (issue 12): the customer's other tickets in the side panel
//! (theirs only, in this organisation only, merged ones left out), the "Note" link that opens
//! the reply box as a note without JavaScript, and the queue's filters folded unless one is on.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::{queues, tickets};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(customer_tickets_and_workspace_defaults);

async fn customer_tickets_and_workspace_defaults(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let mut advisers = vec![];
    for slug in ["pori", "rauma"] {
        let org = app.org(slug, "full").await;
        let mut tx = app.db.begin().await.unwrap();
        queues::add_address(&mut tx, &org.id, &format!("neuvonta@{slug}.test"), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        advisers.push((
            org.clone(),
            app.person(&org, &format!("adv@{slug}.test"), Role::Adviser).await,
        ));
    }
    let new_ticket = |i: usize, email: &'static str| {
        let (slug, token) = (advisers[i].0.slug.clone(), advisers[i].1.token.clone());
        let app = &app;
        async move {
            let (s, t) = app
                .api(&token)
                .post(
                    &format!("/api/v1/orgs/{slug}/tickets"),
                    json!({"name": "Aino", "email": email, "message": "Hei"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{t}");
            t["case_number"].as_str().unwrap().to_string()
        }
    };
    // Aino writes to Pori three times (in capitals once) and to Rauma once; Pekka to Pori.
    let first = new_ticket(0, "aino@example.fi").await;
    let second = new_ticket(0, "Aino@Example.fi").await;
    let third = new_ticket(0, "aino@example.fi").await;
    let pekka = new_ticket(0, "pekka@example.fi").await;
    let elsewhere = new_ticket(1, "aino@example.fi").await;

    let b = app.signed_in(&advisers[0].1).await;
    let link = |case: &str| format!("href=\"/orgs/pori/desk/{case}\"");
    // The side panel's list of the customer's tickets (the page links itself elsewhere).
    let panel = |html: &str| {
        let start = html.find("id=\"side-customer\"").expect("the panel");
        html[start..start + html[start..].find("</section>").unwrap()].to_string()
    };
    let (s, html) = b.get_text(&format!("/orgs/pori/desk/{first}")).await;
    assert_eq!(s, StatusCode::OK);
    let html = panel(&html);
    assert!(html.contains(&link(&second)) && html.contains(&link(&third)), "her other tickets");
    assert!(!html.contains(&link(&first)), "not the ticket itself");
    assert!(!html.contains(&pekka), "not someone else's");
    assert!(!html.contains(&elsewhere), "not another organisation's");
    // Newest first.
    assert!(html.find(&link(&third)) < html.find(&link(&second)));

    // A merged ticket lives on in the one it went into: no longer listed.
    let res = b
        .post(&format!("/orgs/pori/desk/{second}/merge"), &[("case_number", third.as_str())])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mut merged = None;
    for case in [&second, &third] {
        let t = tickets::by_case_number(&app.db, case).await.unwrap().unwrap();
        if t.merged_into.is_some() {
            merged = Some(case.clone());
        }
    }
    let merged = merged.expect("one of them merged");
    let (_, html) = b.get_text(&format!("/orgs/pori/desk/{first}")).await;
    assert!(!panel(&html).contains(&link(&merged)), "the merged ticket is not listed");
    let (_, html) = b.get_text(&format!("/orgs/pori/desk/{pekka}")).await;
    let html = panel(&html);
    assert!(!html.contains(&link(&first)), "Pekka's page lists none of Aino's");

    // The toolbar's "Note" link opens the reply box as an internal note.
    let (_, html) = b.get_text(&format!("/orgs/pori/desk/{first}?kind=note")).await;
    assert!(html.contains(r#"name="kind" value="note" checked"#));
    let (_, html) = b.get_text(&format!("/orgs/pori/desk/{first}")).await;
    assert!(html.contains(r#"name="kind" value="reply" checked"#));

    // The queue's filters: folded on a phone by the script unless a filter is on.
    let (_, html) = b.get_text("/orgs/pori/desk").await;
    assert!(html.contains(r#"data-fold-narrow="true""#));
    for query in ["q=Hei", "status=all", "assignee=me", "sort=created"] {
        let (_, html) = b.get_text(&format!("/orgs/pori/desk?{query}")).await;
        assert!(html.contains(r#"data-fold-narrow="false""#), "{query} keeps the filters open");
    }
    let (_, html) = b.get_text("/orgs/pori/desk?status=active&sort=updated&q=").await;
    assert!(html.contains(r#"data-fold-narrow="true""#), "the defaults are no filter");
}
