//! Helpers shared by the pages: rendering a template, form state (submitted values and the
//! errors at the fields that caused them), time formatting, and the error page.

use std::collections::HashMap;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use tupa_core::Error;
use tupa_core::i18n::Lang;

use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};

pub fn page<T: Template>(t: &T) -> WebResult {
    match t.render() {
        Ok(html) => Ok(Html(html).into_response()),
        Err(e) => Err(AppError(Error::Unexpected(anyhow::anyhow!("template failed: {e}")))),
    }
}

/// A page rendered with a status other than 200 (a form with an error is 422).
pub fn page_with_status<T: Template>(status: StatusCode, t: &T) -> WebResult {
    let mut res = page(t)?;
    *res.status_mut() = status;
    Ok(res)
}

/// One field's message as the form shows it, in the summary and beside the field.
pub struct FieldMessage {
    /// The field's name; its input's id is `f-<field>` (the summary links there).
    pub field: String,
    /// The message on its own, without the field's name.
    plain: String,
    /// The error's code when the message came from one (`required` reads differently).
    code: Option<&'static str>,
    /// The whole message, naming the field when its label is known.
    pub text: String,
    /// The id of the input the summary links to, when it is not `f-<field>` (a page with
    /// several forms of the same fields).
    anchor: Option<String>,
}

/// What a form shows when it comes back: the values typed and every error found, in the
/// order of the fields.
#[derive(Default)]
pub struct FormState {
    values: HashMap<String, String>,
    errors: Vec<FieldMessage>,
    lang: Lang,
}

/// Fields that are not inputs: their message has no field to link to or name.
const NOT_FIELDS: [&str; 2] = ["form", "csrf"];

/// The message for `field`, naming it by `label` ("Sukunimi on pakollinen", not "This field
/// is required") so that the summary at the top reads on its own.
fn named(lang: Lang, label: Option<&str>, code: Option<&str>, plain: &str) -> String {
    match (label, code) {
        (None, _) => plain.to_string(),
        (Some(label), Some("required")) => lang.t_args("form-field-required", &[("field", label)]),
        // "Kuntakoodi on kolme numeroa": the message names its field already.
        (Some(label), _) if plain.to_lowercase().contains(&label.to_lowercase()) => {
            plain.to_string()
        }
        (Some(label), _) => {
            lang.t_args("form-field-message", &[("field", label), ("message", plain)])
        }
    }
}

/// The label of a field as forms show it (absent: `None`, and the message stays as it is).
fn label_of(lang: Lang, field: &str) -> Option<String> {
    crate::form_labels::label_key(field).map(|key| lang.t(key))
}

impl FormState {
    pub fn new() -> Self {
        Self::default()
    }
    /// Keeps what was typed (never passwords: the caller leaves them out).
    pub fn with_values<'a>(mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        for (k, v) in pairs {
            self.values.insert(k.to_string(), v.to_string());
        }
        self
    }
    /// Fills in values the person did not just type (for the other forms on the page).
    pub fn with_defaults<'a>(
        mut self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        for (k, v) in pairs {
            self.values.entry(k.to_string()).or_insert_with(|| v.to_string());
        }
        self
    }
    /// An error already in words (one with numbers in it, such as a refused logo's), shown
    /// as it is: such messages already say what they are about.
    pub fn with_error(mut self, field: &str, message: String) -> Self {
        self.errors.push(FieldMessage {
            field: field.to_string(),
            text: message.clone(),
            plain: message,
            code: None,
            anchor: None,
        });
        self
    }
    fn push(&mut self, field: &str, code: Option<&'static str>, plain: String) {
        let text = named(self.lang, label_of(self.lang, field).as_deref(), code, &plain);
        self.errors.push(FieldMessage {
            field: field.to_string(),
            plain,
            code,
            text,
            anchor: None,
        });
    }
    /// The ids the summary links to, for a form whose inputs are not `f-<field>`: `id_of`
    /// gives the input's id for a field (None: the field has no input of its own, and its
    /// message links to none).
    pub fn with_anchors(mut self, id_of: impl Fn(&str) -> Option<String>) -> Self {
        for e in &mut self.errors {
            e.anchor = Some(id_of(&e.field).unwrap_or_default());
        }
        self
    }
    /// Names `field` by a label known only at run time (an ad's own questions).
    pub fn with_label(mut self, field: &str, label: &str) -> Self {
        for e in self.errors.iter_mut().filter(|e| e.field == field) {
            e.text = named(self.lang, Some(label), e.code, &e.plain);
        }
        self
    }
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.text.as_str())
    }
    /// Every message, for the error summary at the top of the form.
    pub fn errors(&self) -> &[FieldMessage] {
        &self.errors
    }
    /// The first message (for pages that show a single notice).
    pub fn summary(&self) -> Option<&str> {
        self.errors.first().map(|e| e.text.as_str())
    }
    /// The field of the first message ("" when the form is fine).
    pub fn error_field(&self) -> &str {
        self.errors.first().map(|e| e.field.as_str()).unwrap_or("")
    }
    /// Whether any message is about a field whose name starts with `prefix` (to open the
    /// folded part of a page that holds it).
    pub fn has_error_in(&self, prefix: &str) -> bool {
        self.errors.iter().any(|e| e.field.starts_with(prefix))
    }
}

impl FieldMessage {
    /// Whether the summary links to an input (not for the form as a whole).
    pub fn links(&self) -> bool {
        !NOT_FIELDS.contains(&self.field.as_str()) && self.anchor.as_deref() != Some("")
    }
    /// The id of the input the summary links to.
    pub fn anchor(&self) -> String {
        self.anchor.clone().unwrap_or_else(|| format!("f-{}", self.field))
    }
}

/// Turns a validation error into form state to show again; any other error goes up.
pub fn form_error(ctx: &Ctx, err: Error) -> Result<(StatusCode, FormState), AppError> {
    match &err {
        Error::Invalid { .. } | Error::Conflict { .. } | Error::Fields(_) => {
            let status = crate::error::status_of(&err);
            let mut f = FormState { lang: ctx.lang, ..FormState::default() };
            for fe in err.field_errors() {
                f.push(fe.field, Some(fe.code), ctx.t(&format!("error-{}", fe.code)));
            }
            Ok((status, f))
        }
        Error::RateLimited => {
            let mut f = FormState { lang: ctx.lang, ..FormState::default() };
            f.push("form", None, ctx.t("error-rate-limited"));
            Ok((StatusCode::TOO_MANY_REQUESTS, f))
        }
        _ => Err(AppError(err)),
    }
}

/// A posted form as name–value pairs, for forms with repeated fields (checkbox lists) or
/// fields numbered by the template (opening hours per weekday).
pub type Pairs = Vec<(String, String)>;

/// The first value of `key` in a posted form, or "".
pub fn get1<'a>(pairs: &'a Pairs, key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// Offset of Finnish time from UTC at `ts` (EET, EEST from the last Sunday of March 01:00 UTC
/// to the last Sunday of October 01:00 UTC), so times read as people in Finland expect.
fn helsinki_offset_hours(ts: i64) -> i64 {
    use time::{Date, Month, OffsetDateTime, Weekday};
    let Ok(t) = OffsetDateTime::from_unix_timestamp(ts) else { return 2 };
    let last_sunday = |month: Month| -> i64 {
        let mut d =
            Date::from_calendar_date(t.year(), month, 31).expect("March and October have 31 days");
        while d.weekday() != Weekday::Sunday {
            d = d.previous_day().expect("date in range");
        }
        d.with_hms(1, 0, 0).expect("valid time").assume_utc().unix_timestamp()
    };
    if ts >= last_sunday(Month::March) && ts < last_sunday(Month::October) { 3 } else { 2 }
}

/// `24.11.2026 klo 21.15` style, in Finnish time.
pub fn fmt_time(ts: i64) -> String {
    let local = ts + helsinki_offset_hours(ts) * 3600;
    match time::OffsetDateTime::from_unix_timestamp(local) {
        Ok(t) => format!(
            "{}.{}.{} {:02}.{:02}",
            t.day(),
            u8::from(t.month()),
            t.year(),
            t.hour(),
            t.minute()
        ),
        Err(_) => String::new(),
    }
}

/// A file's size for people: KiB, or MiB from one MiB up.
pub fn size_text(bytes: i64) -> String {
    let kib = (bytes + 1023) / 1024;
    if kib >= 1024 { format!("{:.1} MiB", kib as f64 / 1024.0) } else { format!("{kib} KiB") }
}

impl Ctx {
    pub fn time(&self, ts: &i64) -> String {
        fmt_time(*ts)
    }
    pub fn time_opt(&self, ts: &Option<i64>) -> String {
        ts.map(fmt_time).unwrap_or_else(|| "–".into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    status: u16,
    code: &'a str,
}

pub fn error_page(ctx: &Ctx, status: StatusCode, code: &str) -> Response {
    let page = ErrorPage { ctx, status: status.as_u16(), code };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, code.to_string()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_time_follows_daylight_saving() {
        // 2026-01-15 12:00 UTC is 14.00 in Helsinki; 2026-07-15 12:00 UTC is 15.00.
        assert_eq!(fmt_time(1_768_478_400), "15.1.2026 14.00");
        assert_eq!(fmt_time(1_784_116_800), "15.7.2026 15.00");
    }
}
