//! The access export (article 15): a ZIP with `data.json` (machine-readable), `index.html`
//! (the same, readable) and the files under `files/`. It holds the person's data in one
//! organisation only: tickets and their messages and files, applications, guidance spaces
//! with their messages, tasks and meter answers, sign-ins (the organisation's, and their own
//! sign-ins and identifications to the installation), audit entries about their records
//! (including staff reads) and their own data requests. Other people are named only by role
//! (`adviser`, `counsellor`, `other-participant`…); staff appear by name only in the audit
//! entries, which are there to show who handled the data.

use std::io::Write;

use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use super::person::{self, Person, Records};
use super::{DataRequest, for_actor};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, now};
use crate::error::Result;
use crate::guidance::archive::escape;
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// The export of request `id` for staff to deliver: the file name and the bytes.
pub async fn for_staff(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    id: &str,
    lang: Lang,
) -> Result<(String, Vec<u8>)> {
    let (org, r) = for_actor(db, actor, id).await?;
    let bytes = build(db, &org, &r, lang).await?;
    audit::record_now(
        db,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DataRequestExported,
        Some((audit::Target::DataRequest, &r.id)),
        json!({"bytes": bytes.len()}),
    )
    .await?;
    Ok((format!("data-{}.zip", r.case_number), bytes))
}

/// A file going into the ZIP.
struct File {
    path: String,
    bytes: Vec<u8>,
}

/// One path component: letters, digits, dots, dashes and underscores only.
fn safe(name: &str) -> String {
    let s: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(100)
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() { "file".into() } else { s }
}

pub async fn build(db: &Db, org: &Organisation, r: &DataRequest, lang: Lang) -> Result<Vec<u8>> {
    let person = person::load(db, r).await?;
    let records = person::records(db, &org.id, &person).await?;
    let mut files = Vec::new();
    let data = json!({
        "controller": {"name": org.name, "business_id": org.business_id, "privacy_notice_url": org.privacy_notice_url},
        "request": {"case_number": r.case_number, "kind": r.kind, "created_at": r.created_at},
        "made_at": now(),
        "email": person.email,
        "tickets": tickets(db, &org.id, &person, &records, &mut files).await?,
        "applications": applications(db, &org.id, &records, &mut files).await?,
        "spaces": spaces(db, &org.id, &person, &records, &mut files).await?,
        "sign_ins": sign_ins(db, &org.id, &person, &records).await?,
        "audit": audit_entries(db, &org.id, &person, &records).await?,
        "data_requests": requests(db, &org.id, &records).await?,
    });
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let json_text = serde_json::to_string_pretty(&data).map_err(anyhow::Error::from)?;
    zip.start_file("data.json", options).map_err(anyhow::Error::from)?;
    zip.write_all(json_text.as_bytes()).map_err(anyhow::Error::from)?;
    zip.start_file("index.html", options).map_err(anyhow::Error::from)?;
    zip.write_all(index(org, r, &data, lang).as_bytes()).map_err(anyhow::Error::from)?;
    for f in files {
        zip.start_file(f.path, options).map_err(anyhow::Error::from)?;
        zip.write_all(&f.bytes).map_err(anyhow::Error::from)?;
    }
    Ok(zip.finish().map_err(anyhow::Error::from)?.into_inner())
}

/// Puts a stored file into the ZIP as `files/{folder}/{end of its id}-{name}` and gives its
/// entry for data.json.
fn add_file(
    files: &mut Vec<File>,
    folder: &str,
    file_id: &str,
    name: &str,
    content_type: &str,
    size: i64,
    bytes: Vec<u8>,
) -> Value {
    let path =
        format!("files/{folder}/{}-{}", &file_id[file_id.len().saturating_sub(8)..], safe(name));
    let entry = json!({"filename": name, "content_type": content_type, "size": size, "file": path});
    files.push(File { path, bytes });
    entry
}

type AuditRow = (String, i64, Option<String>, String, String, Option<String>, Option<String>);
type TaskRow =
    (String, String, Option<String>, String, Option<String>, Option<i64>, Option<i64>, i64);
type AttachmentRow = (String, String, String, i64, Vec<u8>);
type FileRow = (String, String, String, String, i64, Vec<u8>);
type SpaceRow = (String, String, String, String, i64, Option<i64>);
type AnswerRow = (String, String, String, String, i64);
type TicketRow = (String, String, String, String, String, String, Option<String>, i64, Option<i64>);
type MessageRow = (String, String, Option<String>, Option<String>, String, String, i64);

async fn tickets(
    db: &Db,
    org_id: &str,
    p: &Person,
    rec: &Records,
    files: &mut Vec<File>,
) -> Result<Vec<Value>> {
    let mut out = vec![];
    for (id, _) in &rec.tickets {
        let t: TicketRow = sqlx::query_as("SELECT case_number, subject, status, channel, requester_email, requester_lang, requester_name, created_at, closed_at FROM tickets WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(id)
            .fetch_one(db.pool())
            .await?;
        let you_requester = p.is(Some(&t.4));
        let messages: Vec<MessageRow> = sqlx::query_as("SELECT id, kind, author_user_id, from_address, subject, body_text, created_at FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2 ORDER BY created_at, id")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let mut list = vec![];
        for (mid, kind, author, from, subject, body, at) in messages {
            let role = if p.is(from.as_deref()) {
                "you"
            } else if kind == "event" || kind == "acknowledgement" {
                "system"
            } else if author.is_some() {
                "adviser"
            } else {
                "other-participant"
            };
            let atts: Vec<AttachmentRow> = sqlx::query_as("SELECT id, filename, content_type, size, content FROM ticket_attachments WHERE org_id = $1 AND message_id = $2 ORDER BY id")
                .bind(org_id)
                .bind(&mid)
                .fetch_all(db.pool())
                .await?;
            let mut attachments = vec![];
            for (aid, name, ct, size, bytes) in atts {
                let folder = format!("tickets/{}", t.0);
                attachments.push(add_file(files, &folder, &aid, &name, &ct, size, bytes));
            }
            list.push(json!({"kind": kind, "from": role, "subject": subject, "body": body, "created_at": at, "attachments": attachments}));
        }
        out.push(json!({
            "case_number": t.0, "subject": t.1, "status": t.2, "channel": t.3,
            "your_role": if you_requester { "requester" } else { "participant" },
            "requester_email": if you_requester { Some(t.4.clone()) } else { None },
            "requester_name": if you_requester { t.6.clone() } else { None },
            "language": t.5, "created_at": t.7, "closed_at": t.8, "messages": list,
        }));
    }
    Ok(out)
}

type AppRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<i64>,
    Option<i64>,
    i64,
);

async fn applications(
    db: &Db,
    org_id: &str,
    rec: &Records,
    files: &mut Vec<File>,
) -> Result<Vec<Value>> {
    let mut out = vec![];
    for id in &rec.applications {
        let a: AppRow = sqlx::query_as("SELECT ad_id, reference, stage, first_name, last_name, email, phone, birth_year, lang, answers, cover_letter, consent_at, refusal_reason, selected_at, withdrawn_at, created_at FROM applications WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(id)
            .fetch_one(db.pool())
            .await?;
        let title: Option<(String,)> = sqlx::query_as(
            "SELECT title FROM job_ad_texts WHERE org_id = $1 AND ad_id = $2 ORDER BY lang LIMIT 1",
        )
        .bind(org_id)
        .bind(&a.0)
        .fetch_optional(db.pool())
        .await
        .unwrap_or(None);
        let fs: Vec<FileRow> = sqlx::query_as("SELECT id, kind, filename, content_type, size, content FROM application_files WHERE org_id = $1 AND application_id = $2 ORDER BY id")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let mut list = vec![];
        for (fid, kind, name, ct, size, bytes) in fs {
            let folder = format!("applications/{}", safe(&a.1));
            let mut entry = add_file(files, &folder, &fid, &name, &ct, size, bytes);
            entry["kind"] = Value::String(kind);
            list.push(entry);
        }
        let events: Vec<(String, Option<String>, i64)> = sqlx::query_as("SELECT kind, body, at FROM application_events WHERE org_id = $1 AND application_id = $2 ORDER BY at")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let events: Vec<Value> = events
            .into_iter()
            .map(|(k, b, at)| json!({"kind": k, "by": "recruiter", "body": b, "at": at}))
            .collect();
        out.push(json!({
            "job_ad": title.map(|t| t.0), "reference": a.1, "stage": a.2, "first_name": a.3, "last_name": a.4,
            "email": a.5, "phone": a.6, "birth_year": a.7, "language": a.8,
            "answers": serde_json::from_str::<Value>(&a.9).unwrap_or(Value::Null), "cover_letter": a.10,
            "consent_at": a.11, "refusal_reason": a.12, "selected_at": a.13, "withdrawn_at": a.14,
            "created_at": a.15, "files": list, "history": events,
        }));
    }
    Ok(out)
}

async fn spaces(
    db: &Db,
    org_id: &str,
    p: &Person,
    rec: &Records,
    files: &mut Vec<File>,
) -> Result<Vec<Value>> {
    let mut out = vec![];
    for id in &rec.spaces {
        let s: SpaceRow = sqlx::query_as("SELECT title, status, client_email, client_name, created_at, closed_at FROM guidance_spaces WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(id)
            .fetch_one(db.pool())
            .await?;
        let members: Vec<(String, String)> = sqlx::query_as(
            "SELECT user_id, role FROM space_members WHERE org_id = $1 AND space_id = $2",
        )
        .bind(org_id)
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        let role_of = |user: &Option<String>, kind: &str| -> String {
            match user {
                Some(u) if Some(u.as_str()) == p.user_id.as_deref() => "you".into(),
                Some(u) => members
                    .iter()
                    .find(|m| &m.0 == u)
                    .map(|m| m.1.clone())
                    .unwrap_or_else(|| "counsellor".into()),
                // The client's own mail that came along from the desk.
                None if kind == "from-ticket" => "you".into(),
                None => "other-participant".into(),
            }
        };
        let msgs: Vec<(String, String, Option<String>, String, i64)> = sqlx::query_as("SELECT id, kind, author_user_id, body, created_at FROM space_messages WHERE org_id = $1 AND space_id = $2 ORDER BY created_at, id")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let mut messages: Vec<Value> = Vec::with_capacity(msgs.len());
        for (mid, k, a, b, at) in &msgs {
            // Files of the conversation come along as the desk's do (guidance::attachments).
            let atts: Vec<AttachmentRow> = sqlx::query_as("SELECT id, filename, content_type, size, content FROM space_attachments WHERE org_id = $1 AND space_id = $2 AND message_id = $3 ORDER BY id")
                .bind(org_id)
                .bind(id)
                .bind(mid)
                .fetch_all(db.pool())
                .await?;
            let mut attachments = vec![];
            for (aid, name, ct, size, bytes) in atts {
                let folder = format!("spaces/{}", &id[id.len().saturating_sub(8)..]);
                attachments.push(add_file(files, &folder, &aid, &name, &ct, size, bytes));
            }
            messages.push(json!({"from": role_of(a, k), "body": b, "created_at": at, "attachments": attachments}));
        }
        let tasks: Vec<TaskRow> = sqlx::query_as("SELECT title, instructions, due_on, status, answer, answered_at, done_at, created_at FROM space_tasks WHERE org_id = $1 AND space_id = $2 ORDER BY created_at")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let tasks: Vec<Value> = tasks.into_iter().map(|t| json!({"title": t.0, "instructions": t.1, "due_on": t.2, "status": t.3, "answer": t.4, "answered_at": t.5, "done_at": t.6, "created_at": t.7})).collect();
        let answers: Vec<AnswerRow> = sqlx::query_as("SELECT meter_id, answer_values, comment, answered_by, created_at FROM meter_answers WHERE org_id = $1 AND space_id = $2 ORDER BY created_at")
            .bind(org_id)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        let answers: Vec<Value> = answers.into_iter().map(|a| json!({"meter": a.0, "values": serde_json::from_str::<Value>(&a.1).unwrap_or(Value::Null), "comment": a.2, "answered_by": role_of(&Some(a.3), ""), "created_at": a.4})).collect();
        out.push(json!({
            "title": s.0, "status": s.1, "client_email": s.2, "client_name": s.3, "created_at": s.4, "closed_at": s.5,
            "messages": messages, "tasks": tasks, "meter_answers": answers,
        }));
    }
    Ok(out)
}

async fn sign_ins(db: &Db, org_id: &str, p: &Person, rec: &Records) -> Result<Vec<Value>> {
    let mut out = vec![];
    for id in &rec.spaces {
        let (at,): (Option<i64>,) = sqlx::query_as(
            "SELECT last_client_sign_in_at FROM guidance_spaces WHERE org_id = $1 AND id = $2",
        )
        .bind(org_id)
        .bind(id)
        .fetch_one(db.pool())
        .await?;
        if let Some(at) = at {
            out.push(json!({"where": "space", "last_at": at}));
        }
    }
    // Sign-ins logged in the organisation, and the person's own sign-ins and strong
    // identifications to the installation (logged without an organisation: they belong to no
    // other controller and say nothing of one).
    let entries: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, at FROM audit_log WHERE actor_user_id = $2
         AND ((org_id = $1 AND action LIKE '%sign%')
              OR (org_id IS NULL AND action IN ('sign-in', 'sign-in-password-accepted', 'client-identified')))
         ORDER BY at",
    )
        .bind(org_id)
        .bind(p.user_or_none())
        .fetch_all(db.pool())
        .await?;
    out.extend(entries.into_iter().map(|(a, at)| json!({"where": a, "at": at})));
    Ok(out)
}

/// Entries whose target is one of the person's records or the person, and what the person
/// did themselves. Details are left out: they may name other people.
async fn audit_entries(db: &Db, org_id: &str, p: &Person, rec: &Records) -> Result<Vec<Value>> {
    let mut targets: Vec<(&str, &str)> = vec![];
    for (id, case) in &rec.tickets {
        targets.push(("ticket", id));
        targets.push(("ticket", case));
    }
    targets.extend(rec.applications.iter().map(|a| ("application", a.as_str())));
    targets.extend(rec.spaces.iter().map(|s| ("space", s.as_str())));
    targets.extend(rec.requests.iter().map(|s| ("data_request", s.as_str())));
    if let Some(u) = &p.user_id {
        targets.push(("user", u));
    }
    let mut rows: Vec<AuditRow> = vec![];
    for (ty, id) in targets {
        let found: Vec<AuditRow> = sqlx::query_as("SELECT id, at, actor_user_id, actor_label, action, target_type, target_id FROM audit_log WHERE org_id = $1 AND target_type = $2 AND target_id = $3")
            .bind(org_id)
            .bind(ty)
            .bind(id)
            .fetch_all(db.pool())
            .await?;
        rows.extend(found);
    }
    let own: Vec<AuditRow> = sqlx::query_as("SELECT id, at, actor_user_id, actor_label, action, target_type, target_id FROM audit_log WHERE org_id = $1 AND actor_user_id = $2")
        .bind(org_id)
        .bind(p.user_or_none())
        .fetch_all(db.pool())
        .await?;
    rows.extend(own);
    rows.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    rows.dedup_by(|a, b| a.0 == b.0);
    Ok(rows
        .into_iter()
        .map(|(_, at, actor, label, action, ty, id)| {
            let by = if actor.is_some() && actor.as_deref() == p.user_id.as_deref() {
                "you".to_string()
            } else {
                label
            };
            json!({"at": at, "action": action, "by": by, "target_type": ty, "target_id": id})
        })
        .collect())
}

async fn requests(db: &Db, org_id: &str, rec: &Records) -> Result<Vec<Value>> {
    let mut out = vec![];
    for id in &rec.requests {
        let mut tx = db.begin().await?;
        let r = super::get_tx(&mut tx, org_id, id).await?;
        tx.commit().await?;
        out.push(json!({"case_number": r.case_number, "kind": r.kind, "status": r.status, "created_at": r.created_at, "due_at": r.due_at, "done_at": r.done_at}));
    }
    Ok(out)
}

/// An audit entry of the export in words, as the audit log says it ("neuvoja@… read a record
/// holding personal data"); the person's own actions name them by `own` (their address: the
/// sentences are in the third person); an action no longer known keeps its code.
fn said(e: &Value, own: &str, lang: Lang) -> String {
    let by = match e["by"].as_str().unwrap_or("") {
        "you" => own.to_string(),
        other => other.to_string(),
    };
    match audit::Action::parse(e["action"].as_str().unwrap_or("")) {
        Some(a) => {
            lang.t_args(&a.message_key(), &[("actor", &by), ("thing", "")]).trim().to_string()
        }
        None => format!("{by}: {}", e["action"].as_str().unwrap_or("")),
    }
}

fn when(v: &Value) -> String {
    v.as_i64().map(crate::desk::hours::format_helsinki).unwrap_or_default()
}

fn text(v: &Value) -> String {
    escape(v.as_str().unwrap_or(""))
}

/// The readable summary: the same data as `data.json`, as one self-contained page.
fn index(org: &Organisation, r: &DataRequest, data: &Value, lang: Lang) -> String {
    let mut body = String::new();
    let empty = format!("<p>{}</p>", escape(&lang.t("privacy-export-none")));
    let section = |body: &mut String, key: &str, html: String| {
        body.push_str(&format!(
            "<section><h2>{}</h2>{}</section>",
            escape(&lang.t(key)),
            if html.is_empty() { empty.clone() } else { html }
        ));
    };
    let mut html = String::new();
    for t in data["tickets"].as_array().into_iter().flatten() {
        html.push_str(&format!(
            "<h3>{} – {}</h3><ol>",
            text(&t["case_number"]),
            text(&t["subject"])
        ));
        for m in t["messages"].as_array().into_iter().flatten() {
            let files: Vec<String> = m["attachments"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| format!("<a href=\"{}\">{}</a>", text(&a["file"]), text(&a["filename"])))
                .collect();
            html.push_str(&format!(
                "<li><p><strong>{}</strong> · {}</p><p class=\"body\">{}</p>{}</li>",
                escape(
                    &lang.t(&format!("privacy-role-{}", m["from"].as_str().unwrap_or("system")))
                ),
                when(&m["created_at"]),
                text(&m["body"]),
                files.join(" ")
            ));
        }
        html.push_str("</ol>");
    }
    section(&mut body, "privacy-export-tickets", html);
    let mut html = String::new();
    for a in data["applications"].as_array().into_iter().flatten() {
        html.push_str(&format!(
            "<h3>{} ({})</h3><p>{} {} · {}</p><p class=\"body\">{}</p>",
            text(&a["job_ad"]),
            text(&a["reference"]),
            text(&a["first_name"]),
            text(&a["last_name"]),
            text(&a["email"]),
            text(&a["cover_letter"])
        ));
        let files: Vec<String> = a["files"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| format!("<a href=\"{}\">{}</a>", text(&f["file"]), text(&f["filename"])))
            .collect();
        html.push_str(&format!("<p>{}</p>", files.join(" ")));
    }
    section(&mut body, "privacy-export-applications", html);
    let mut html = String::new();
    for s in data["spaces"].as_array().into_iter().flatten() {
        html.push_str(&format!("<h3>{}</h3><ol>", text(&s["title"])));
        for m in s["messages"].as_array().into_iter().flatten() {
            html.push_str(&format!(
                "<li><p><strong>{}</strong> · {}</p><p class=\"body\">{}</p></li>",
                escape(
                    &lang.t(&format!("privacy-role-{}", m["from"].as_str().unwrap_or("system")))
                ),
                when(&m["created_at"]),
                text(&m["body"])
            ));
        }
        html.push_str("</ol>");
        for t in s["tasks"].as_array().into_iter().flatten() {
            html.push_str(&format!(
                "<p>{}: {} {}</p>",
                escape(&lang.t("privacy-export-task")),
                text(&t["title"]),
                text(&t["answer"])
            ));
        }
        let n = s["meter_answers"].as_array().map_or(0, Vec::len);
        if n > 0 {
            html.push_str(&format!("<p>{}: {n}</p>", escape(&lang.t("privacy-export-meter"))));
        }
    }
    section(&mut body, "privacy-export-spaces", html);
    let own = data["email"].as_str().map_or_else(|| lang.t("privacy-role-you"), str::to_string);
    let rows: String = data["audit"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!("<tr><td>{}</td><td>{}</td></tr>", when(&e["at"]), escape(&said(e, &own, lang)))
        })
        .collect();
    let html = if rows.is_empty() {
        String::new()
    } else {
        format!(
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table>",
            escape(&lang.t("privacy-export-when")),
            escape(&lang.t("privacy-export-what"))
        )
    };
    section(&mut body, "privacy-export-audit", html);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>{title}</title>\
<style>body{{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:48rem;margin:0 auto;padding:1rem}}.body{{white-space:pre-wrap}}table{{border-collapse:collapse}}td,th{{border:1px solid #767676;padding:.25rem .5rem;text-align:left}}</style></head>\
<body><main><h1>{title}</h1><p>{intro}</p>{body}</main></body></html>\n",
        code = lang.code(),
        title = escape(
            &lang.t_args("privacy-export-title", &[("org", &org.name), ("case", &r.case_number)])
        ),
        intro = escape(&lang.t("privacy-export-intro")),
    )
}
