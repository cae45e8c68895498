//! Helpers shared by the pages: rendering a template, form state (submitted values and the
//! error at the field that caused it), time formatting, and the error page.

use std::collections::HashMap;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use tupa_core::Error;

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

/// What a form shows when it comes back: the values typed and the error, if any.
#[derive(Default)]
pub struct FormState {
    values: HashMap<String, String>,
    error: Option<(&'static str, String)>,
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
    /// An error already in words (one with numbers in it, such as a refused logo's).
    pub fn with_error(mut self, field: &'static str, message: String) -> Self {
        self.error = Some((field, message));
        self
    }
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }
    pub fn error(&self, field: &str) -> Option<&str> {
        match &self.error {
            Some((f, msg)) if *f == field => Some(msg.as_str()),
            _ => None,
        }
    }
    /// The message for the error summary at the top of the form.
    pub fn summary(&self) -> Option<&str> {
        self.error.as_ref().map(|(_, m)| m.as_str())
    }
    pub fn error_field(&self) -> &str {
        self.error.as_ref().map(|(f, _)| *f).unwrap_or("")
    }
}

/// Turns a validation error into form state to show again; any other error goes up.
pub fn form_error(ctx: &Ctx, err: Error) -> Result<(StatusCode, FormState), AppError> {
    match &err {
        Error::Invalid { field, code } | Error::Conflict { field, code } => {
            let status = crate::error::status_of(&err);
            let mut f = FormState::new();
            f.error = Some((field, ctx.t(&format!("error-{code}"))));
            Ok((status, f))
        }
        Error::RateLimited => {
            let mut f = FormState::new();
            f.error = Some(("form", ctx.t("error-rate-limited")));
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
