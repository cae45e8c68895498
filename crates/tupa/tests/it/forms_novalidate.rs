//! Every form a person fills in leaves checking to the server (issue 12): with `required`,
//! `type="email"`, a half-typed date and the like, the browser would otherwise stop the
//! submit at the first bad field with its own bubble, and the person never sees the server's
//! summary of every mistake at once. A static check over the templates: a form with a field
//! that a browser could refuse carries `novalidate`, included templates counted in.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn templates() -> BTreeMap<String, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tupa-web/templates");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// `text` with each `{% include "x.html" %}` replaced by that template (nested ones too).
fn expand(text: &str, all: &BTreeMap<String, String>, depth: u8) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{% include \"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "{% include \"".len()..];
        let name_end = after.find('"').unwrap();
        let close = after.find("%}").unwrap() + 2;
        match all.get(&after[..name_end]) {
            Some(inner) if depth < 4 => out.push_str(&expand(inner, all, depth + 1)),
            _ => {}
        }
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// Whether a form's body has a field that a browser checks or lets a person type into:
/// any input but hidden ones and buttons, a select or a textarea (a template may add
/// `required` or a type to any of them later; the rule should not wait for that).
fn has_fields(body: &str) -> bool {
    if body.contains("<textarea") || body.contains("<select") || body.contains("m::field") {
        return true;
    }
    body.match_indices("<input").any(|(at, _)| {
        let tag = &body[at..at + body[at..].find('>').unwrap_or(body.len() - at)];
        !["type=\"hidden\"", "type=\"submit\"", "type=\"button\""].iter().any(|t| tag.contains(t))
    })
}

/// The opening tags of the post forms in `file` whose fields the browser would check.
fn unchecked_forms(file: &str, all: &BTreeMap<String, String>) -> Vec<String> {
    let text = &all[file];
    let mut found = vec![];
    for (at, _) in text.match_indices("<form") {
        let tag_end = at + text[at..].find('>').unwrap() + 1;
        let tag = &text[at..tag_end];
        if tag.contains("novalidate") || tag.contains("method=\"get\"") {
            continue;
        }
        let body_end = text[tag_end..].find("</form>").map_or(text.len(), |e| tag_end + e);
        if has_fields(&expand(&text[tag_end..body_end], all, 0)) {
            let line = text[..at].lines().count() + 1;
            found.push(format!("{file}:{line}: {tag}"));
        }
    }
    found
}

#[test]
fn forms_with_fields_leave_checking_to_the_server() {
    let all = templates();
    assert!(all.len() > 50, "templates found: {}", all.len());
    let missing: Vec<String> = all.keys().flat_map(|f| unchecked_forms(f, &all)).collect();
    assert!(missing.is_empty(), "forms without novalidate:\n{}", missing.join("\n"));
}

#[test]
fn the_check_sees_fields_in_included_templates() {
    let mut all = BTreeMap::new();
    all.insert("field.html".to_string(), "<input name=\"email\" type=\"email\">".to_string());
    all.insert(
        "page.html".to_string(),
        "<form method=\"post\">{% include \"field.html\" %}</form>\
         <form method=\"post\"><input type=\"hidden\" name=\"csrf\"><button>x</button></form>\
         <form method=\"get\"><input name=\"q\"></form>"
            .to_string(),
    );
    assert_eq!(unchecked_forms("page.html", &all).len(), 1);
}
