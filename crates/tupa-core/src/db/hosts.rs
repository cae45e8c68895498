//! The libpq multi-host form of a PostgreSQL URL,
//! `postgres://user@h1:5432,h2:5433/tupa?target_session_attrs=read-write`, taken apart into
//! one single-host URL per host. sqlx reads only single-host URLs (its issue #2290), so Tupa
//! picks the host itself (see `failover`) and hands sqlx the chosen host's URL.

use std::str::FromStr;

/// Which server of the list a connection must reach: libpq's `target_session_attrs`.
/// Tupa writes, so its default is `ReadWrite` (libpq's own default, `any`, would happily
/// keep a standby after a failover).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetSessionAttrs {
    /// The first host that answers.
    Any,
    /// A server that accepts writes (`transaction_read_only` is off).
    ReadWrite,
    /// A server that refuses writes.
    ReadOnly,
    /// A server not in recovery.
    Primary,
    /// A server in recovery.
    Standby,
    /// A standby if one answers, else any server.
    PreferStandby,
}

impl FromStr for TargetSessionAttrs {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> anyhow::Result<Self> {
        Ok(match s {
            "any" => Self::Any,
            "read-write" => Self::ReadWrite,
            "read-only" => Self::ReadOnly,
            "primary" => Self::Primary,
            "standby" => Self::Standby,
            "prefer-standby" => Self::PreferStandby,
            other => anyhow::bail!(
                "unknown target_session_attrs {other:?} in DATABASE_URL (use read-write, primary, any, read-only, standby or prefer-standby)"
            ),
        })
    }
}

impl TargetSessionAttrs {
    /// True when a server in this state fits. `PreferStandby` accepts anything here; its
    /// preference is applied by trying standbys first.
    pub fn accepts(self, in_recovery: bool, read_only: bool) -> bool {
        match self {
            Self::Any | Self::PreferStandby => true,
            Self::ReadWrite => !read_only,
            Self::ReadOnly => read_only,
            Self::Primary => !in_recovery,
            Self::Standby => in_recovery,
        }
    }
}

/// One host of the list, written as in the URL (`h1:5432`, `[::1]:5433`, `db`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// The host as written, with brackets around an IPv6 address and its port if given;
    /// shown in logs and errors.
    pub label: String,
    /// A single-host URL for sqlx: the original with this host alone and without
    /// `target_session_attrs`, which sqlx does not know.
    pub url: String,
}

/// A PostgreSQL URL taken apart: its hosts in order and which of them to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostList {
    pub hosts: Vec<Host>,
    pub target: TargetSessionAttrs,
}

impl HostList {
    /// Parses `url`. `None` when it names one host and no `target_session_attrs`: such a URL
    /// goes to sqlx unchanged, as before.
    pub fn parse(url: &str) -> anyhow::Result<Option<HostList>> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| anyhow::anyhow!("a PostgreSQL URL starts with postgres://"))?;
        // The authority ends at the path or the query; user names and passwords cannot hold
        // an unescaped `/` or `?`.
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        // A password may hold an unescaped `@` (sqlx accepts that), so the last one counts.
        let (userinfo, hostspec) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (path, query) = match tail.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (tail, None),
        };
        let mut target = None;
        let mut kept = Vec::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "target_session_attrs" => target = Some(value.parse()?),
                // libpq's other way to list hosts; Tupa takes the list in the authority only.
                "host" | "hostaddr" | "port" if value.contains(',') => anyhow::bail!(
                    "list several hosts in DATABASE_URL as postgres://user@h1:5432,h2:5432/db, not in its {key}= parameter"
                ),
                _ => kept.push(pair),
            }
        }
        let labels: Vec<&str> = hostspec.split(',').collect();
        if labels.len() == 1 && target.is_none() {
            return Ok(None);
        }
        let mut hosts = Vec::with_capacity(labels.len());
        for label in labels {
            check_host(label)?;
            let mut url = format!("{scheme}://");
            if let Some(userinfo) = userinfo {
                url.push_str(userinfo);
                url.push('@');
            }
            url.push_str(label);
            url.push_str(path);
            if !kept.is_empty() {
                url.push('?');
                url.push_str(&kept.join("&"));
            }
            hosts.push(Host { label: label.to_string(), url });
        }
        Ok(Some(HostList { hosts, target: target.unwrap_or(TargetSessionAttrs::ReadWrite) }))
    }

    /// The hosts as written, in the order they are tried.
    pub fn labels(&self) -> Vec<&str> {
        self.hosts.iter().map(|h| h.label.as_str()).collect()
    }
}

/// Refuses an empty entry (`h1,,h2`) and a malformed port or IPv6 address, which would
/// otherwise surface later as a confusing connection error.
fn check_host(label: &str) -> anyhow::Result<()> {
    let port = if let Some(v6) = label.strip_prefix('[') {
        let (_, after) = v6
            .split_once(']')
            .ok_or_else(|| anyhow::anyhow!("DATABASE_URL host {label:?} lacks its closing ]"))?;
        match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(|| {
                anyhow::anyhow!("DATABASE_URL host {label:?}: expected :port after ]")
            })?),
        }
    } else {
        if label.is_empty() {
            anyhow::bail!("DATABASE_URL has an empty host in its host list");
        }
        label.split_once(':').map(|(_, port)| port)
    };
    if let Some(port) = port
        && port.parse::<u16>().is_err()
    {
        anyhow::bail!("DATABASE_URL host {label:?} has an invalid port");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(list: &HostList) -> Vec<&str> {
        list.hosts.iter().map(|h| h.url.as_str()).collect()
    }

    #[test]
    fn single_host_is_left_to_sqlx() {
        for url in [
            "postgres://tupa@db.internal/tupa",
            "postgres://tupa:secret@db.internal:5433/tupa?sslmode=require",
            "postgresql://postgres@127.0.0.1:5432/postgres",
            "postgres:///tupa?host=/var/run/postgresql",
        ] {
            assert_eq!(HostList::parse(url).unwrap(), None, "{url}");
        }
    }

    #[test]
    fn hosts_and_ports_are_split_and_params_kept() {
        let list = HostList::parse(
            "postgres://tupa:pw@h1:5432,h2:5433,h3/tupa?sslmode=disable&target_session_attrs=read-write&application_name=x",
        )
        .unwrap()
        .unwrap();
        assert_eq!(list.target, TargetSessionAttrs::ReadWrite);
        assert_eq!(list.labels(), ["h1:5432", "h2:5433", "h3"]);
        assert_eq!(
            urls(&list),
            [
                "postgres://tupa:pw@h1:5432/tupa?sslmode=disable&application_name=x",
                "postgres://tupa:pw@h2:5433/tupa?sslmode=disable&application_name=x",
                "postgres://tupa:pw@h3/tupa?sslmode=disable&application_name=x",
            ]
        );
    }

    #[test]
    fn ipv6_brackets_stay_whole() {
        let list = HostList::parse("postgres://u@[::1]:5432,[2001:db8::7]/db").unwrap().unwrap();
        assert_eq!(list.labels(), ["[::1]:5432", "[2001:db8::7]"]);
        assert_eq!(urls(&list), ["postgres://u@[::1]:5432/db", "postgres://u@[2001:db8::7]/db"]);
        // Every URL made is one sqlx accepts.
        for url in urls(&list) {
            url.parse::<sqlx::postgres::PgConnectOptions>().unwrap();
        }
    }

    #[test]
    fn default_is_read_write_and_other_attrs_parse() {
        let list = HostList::parse("postgres://u@a,b/db").unwrap().unwrap();
        assert_eq!(list.target, TargetSessionAttrs::ReadWrite);
        for (word, attrs) in [
            ("any", TargetSessionAttrs::Any),
            ("primary", TargetSessionAttrs::Primary),
            ("prefer-standby", TargetSessionAttrs::PreferStandby),
            ("standby", TargetSessionAttrs::Standby),
            ("read-only", TargetSessionAttrs::ReadOnly),
        ] {
            let url = format!("postgres://u@a,b/db?target_session_attrs={word}");
            assert_eq!(HostList::parse(&url).unwrap().unwrap().target, attrs);
        }
        // One host with the parameter still goes through Tupa, which drops it for sqlx.
        let one = HostList::parse("postgres://u@a/db?target_session_attrs=any").unwrap().unwrap();
        assert_eq!(urls(&one), ["postgres://u@a/db"]);
    }

    #[test]
    fn password_with_at_sign_and_no_path() {
        let list = HostList::parse("postgres://u:p@ss@a:1,b:2").unwrap().unwrap();
        assert_eq!(urls(&list), ["postgres://u:p@ss@a:1", "postgres://u:p@ss@b:2"]);
    }

    #[test]
    fn malformed_lists_are_refused() {
        for url in [
            "postgres://u@a,,b/db",
            "postgres://u@a:54x,b/db",
            "postgres://u@[::1,b/db",
            "postgres://u@[::1]5432,b/db",
            "postgres://u@a,b/db?target_session_attrs=writable",
            "postgres://u@/db?host=a,b",
        ] {
            assert!(HostList::parse(url).is_err(), "{url}");
        }
    }

    #[test]
    fn accepts_follows_libpq() {
        use TargetSessionAttrs::*;
        // (in recovery, read only): a primary, a standby.
        assert!(ReadWrite.accepts(false, false) && !ReadWrite.accepts(true, true));
        assert!(Primary.accepts(false, false) && !Primary.accepts(true, true));
        assert!(Standby.accepts(true, true) && !Standby.accepts(false, false));
        assert!(ReadOnly.accepts(true, true) && !ReadOnly.accepts(false, false));
        assert!(Any.accepts(true, true) && Any.accepts(false, false));
        // A primary with default_transaction_read_only on is not writable.
        assert!(!ReadWrite.accepts(false, true) && Primary.accepts(false, true));
    }
}
