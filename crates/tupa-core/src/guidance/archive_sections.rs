//! The archive's sections beyond the conversation: tasks with their answers and comments,
//! meeting summaries, links, shared materials (their files go into the ZIP) and the
//! life-situation meter's answers. Each reads through the same functions as the space page,
//! so the client's copy holds what the client could see there.

use super::access::InSpace;
use super::archive::{Section, escape, utc_text};
use super::{library, links, meter, meter_answers, shared, summaries, tasks};
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;

fn none(lang: Lang, key: &str) -> String {
    format!("<p>{}</p>", escape(&lang.t(key)))
}

fn meta(who: &str, at: i64) -> String {
    format!("<p class=\"meta\"><strong>{}</strong> · {}</p>", escape(who), utc_text(at))
}

pub async fn tasks(db: &Db, place: &InSpace, lang: Lang) -> Result<Section> {
    let list = tasks::list(db, &place.space).await?;
    let mut html = String::new();
    if list.is_empty() {
        html = none(lang, "space-tasks-none");
    }
    for t in &list {
        let status = lang.t(&format!("task-status-{}", t.status.as_str()));
        html.push_str(&format!("<article><h3>{} ({})</h3>", escape(&t.title), escape(&status)));
        if let Some(due) = &t.due_on {
            html.push_str(&format!(
                "<p class=\"meta\">{}</p>",
                escape(&lang.t_args("task-due", &[("due", due.as_str())]))
            ));
        }
        html.push_str(&format!("<div class=\"body\">{}</div>", escape(&t.instructions)));
        if let Some(answer) = &t.answer {
            html.push_str(&format!(
                "<h4>{}</h4><div class=\"body\">{}</div>",
                escape(&lang.t("task-answer-heading")),
                escape(answer)
            ));
        }
        if !t.comments.is_empty() {
            html.push_str(&format!("<h4>{}</h4>", escape(&lang.t("task-comments"))));
            for c in &t.comments {
                html.push_str(&meta(&c.author, c.created_at));
                html.push_str(&format!("<div class=\"body\">{}</div>", escape(&c.body)));
            }
        }
        html.push_str("</article>");
    }
    Ok(Section { heading: lang.t("space-tasks"), html, files: vec![] })
}

pub async fn summaries(db: &Db, place: &InSpace, lang: Lang) -> Result<Section> {
    let list = summaries::list(db, &place.space).await?;
    let mut html = String::new();
    if list.is_empty() {
        html = none(lang, "space-summaries-none");
    }
    for s in &list {
        html.push_str(&format!("<article><h3>{}</h3>", escape(&s.title)));
        if let Some(met_on) = &s.met_on {
            html.push_str(&format!(
                "<p class=\"meta\">{}</p>",
                escape(&lang.t_args("space-summary-met-on", &[("date", met_on.as_str())]))
            ));
        }
        html.push_str(&meta(&s.author, s.created_at));
        html.push_str(&format!("<div class=\"body\">{}</div></article>", escape(&s.body)));
    }
    Ok(Section { heading: lang.t("space-summaries"), html, files: vec![] })
}

pub async fn links(db: &Db, place: &InSpace, lang: Lang) -> Result<Section> {
    let list = links::list(db, &place.space).await?;
    if list.is_empty() {
        return Ok(Section {
            heading: lang.t("space-links"),
            html: none(lang, "space-links-none"),
            files: vec![],
        });
    }
    // Written out, not linked: the page's policy allows no navigation from an offline copy,
    // and the address itself is what the client keeps.
    let items: String = list
        .iter()
        .map(|l| format!("<li>{}: <code>{}</code></li>", escape(&l.title), escape(&l.url)))
        .collect();
    Ok(Section { heading: lang.t("space-links"), html: format!("<ul>{items}</ul>"), files: vec![] })
}

pub async fn materials(db: &Db, place: &InSpace, lang: Lang) -> Result<Section> {
    let list = shared::list(db, &place.space).await?;
    if list.is_empty() {
        return Ok(Section {
            heading: lang.t("space-materials"),
            html: none(lang, "space-materials-none"),
            files: vec![],
        });
    }
    let mut items = String::new();
    let mut files = Vec::new();
    for s in &list {
        let m = &s.material;
        let what = match (&m.url, &m.filename) {
            (Some(url), _) => format!("<code>{}</code>", escape(url)),
            (None, Some(name)) => {
                if let Some(bytes) = library::content(db, &m.org_id, &m.id).await? {
                    files.push((name.clone(), bytes));
                }
                format!("<code>files/{}</code>", escape(name))
            }
            (None, None) => String::new(),
        };
        items.push_str(&format!("<li>{}: {what}</li>", escape(&m.title)));
    }
    Ok(Section { heading: lang.t("space-materials"), html: format!("<ul>{items}</ul>"), files })
}

pub async fn meter(db: &Db, place: &InSpace, lang: Lang) -> Result<Section> {
    let answers = meter_answers::list(db, &place.space).await?;
    if answers.is_empty() {
        return Ok(Section {
            heading: lang.t("meter-title"),
            html: none(lang, "meter-none-yet"),
            files: vec![],
        });
    }
    let instruments = meter::list(db, &place.org).await?;
    let mut html = String::new();
    for a in &answers {
        let instrument = instruments.iter().find(|i| i.id == a.meter_id);
        html.push_str(&format!("<h3>{}</h3><ul>", utc_text(a.created_at)));
        for (key, value) in &a.values {
            let (label, light) = match instrument {
                Some(i) => (
                    i.definition.area(key).map_or(key.as_str(), |area| area.label.get(lang)),
                    format!(
                        " ({})",
                        lang.t(&format!("meter-light-{}", i.definition.light(*value).as_str()))
                    ),
                ),
                None => (key.as_str(), String::new()),
            };
            html.push_str(&format!("<li>{}: {value}{}</li>", escape(label), escape(&light)));
        }
        html.push_str("</ul>");
        if !a.comment.is_empty() {
            html.push_str(&format!("<div class=\"body\">{}</div>", escape(&a.comment)));
        }
    }
    Ok(Section { heading: lang.t("meter-title"), html, files: vec![] })
}
