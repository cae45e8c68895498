//! Logs on standard error: readable lines by default, or one JSON object a line with
//! `TUPA_LOG_FORMAT=json` for a log collector (Loki, Elasticsearch, journald's JSON export).
//! Request lines carry the request id, route template, status, latency and organisation;
//! nothing logs message bodies, passwords or identity codes.

use tracing_subscriber::EnvFilter;

/// The log filter unless `TUPA_LOG` says otherwise.
const DEFAULT_FILTER: &str = "info,sqlx=warn";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

fn format_from(value: Option<&str>) -> Result<Format, String> {
    match value.map(str::trim) {
        None | Some("") | Some("text") => Ok(Format::Text),
        Some("json") => Ok(Format::Json),
        Some(other) => Err(format!("TUPA_LOG_FORMAT '{other}' is not text or json")),
    }
}

pub fn init() -> Result<(), String> {
    let format = format_from(std::env::var("TUPA_LOG_FORMAT").ok().as_deref())?;
    let filter = EnvFilter::try_from_env("TUPA_LOG").unwrap_or_else(|_| DEFAULT_FILTER.into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        Format::Text => builder.init(),
        // The request's span (with its request id) goes along as "span"; the event's own
        // fields sit at the top level, where collectors index them.
        Format::Json => {
            builder.json().flatten_event(true).with_current_span(true).with_span_list(false).init()
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_text_json_or_refused() {
        assert_eq!(format_from(None), Ok(Format::Text));
        assert_eq!(format_from(Some("json")), Ok(Format::Json));
        assert!(format_from(Some("yaml")).unwrap_err().contains("yaml"));
    }
}
