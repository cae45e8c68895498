//! What an organisation's web team needs to show its job ads elsewhere: the addresses of the
//! board pages and feeds (organisation and every unit, each language), and ready HTML to
//! paste into the home page or intranet — plain links, or the embeddable list in an iframe.
//! No script of ours runs on their pages.

use serde::Serialize;

use super::feed::html_escape;
use crate::authz::{Actor, Permission, require_capability};
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;
use crate::organisations::plans::Capability;
use crate::organisations::units::{self, Unit};
use crate::organisations::{self, Organisation};

/// The addresses of one board in one language (its pages and feeds show only ads written
/// in it).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LangAddresses {
    pub lang: Lang,
    pub page: String,
    pub rss: String,
    pub atom: String,
    /// The embeddable list, for an iframe.
    pub embed: String,
}

/// The public addresses of one board (the organisation's or a unit's).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BoardAddresses {
    /// None for the organisation's own board.
    pub unit_id: Option<String>,
    pub name: String,
    /// Depth in the unit tree (0 for the organisation and top-level units), for indenting.
    pub depth: usize,
    /// The board page with ads in every language.
    pub page: String,
    pub languages: Vec<LangAddresses>,
}

/// Ready HTML in one language.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Snippet {
    pub lang: Lang,
    /// A list of links (the board page and the RSS feed).
    pub links: String,
    /// An iframe showing the embeddable list.
    pub embed: String,
}

/// Everything for the web team.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Publishing {
    pub boards: Vec<BoardAddresses>,
    pub snippets: Vec<Snippet>,
}

/// The organisation `slug` for its publishing page: recruiters, hiring managers and main
/// admins (and platform admins) see it; the boolean says whether the actor may change the
/// logos (main admins and platform admins).
pub async fn staff_org(db: &Db, actor: &Actor, slug: &str) -> Result<(Organisation, bool)> {
    let org = organisations::by_slug(db, slug).await?.ok_or(crate::Error::NotFound)?;
    let manage = actor.can(Permission::ManageRecruitment, &org);
    if !manage {
        actor.check(Permission::WorkRecruitment, &org)?;
    }
    require_capability(db, &org, Capability::Recruitment).await?;
    Ok((org, manage))
}

fn addresses(
    base: &str,
    path: &str,
    unit: Option<&Unit>,
    name: &str,
    depth: usize,
) -> BoardAddresses {
    let url = |suffix: &str, l: Lang| format!("{base}{path}{suffix}?lang={}", l.code());
    BoardAddresses {
        unit_id: unit.map(|u| u.id.clone()),
        name: name.to_string(),
        depth,
        page: format!("{base}{path}"),
        languages: Lang::ALL
            .into_iter()
            .map(|l| LangAddresses {
                lang: l,
                page: url("", l),
                rss: url("/feed.rss", l),
                atom: url("/feed.atom", l),
                embed: url("/embed", l),
            })
            .collect(),
    }
}

/// The addresses and snippets of `org` (its active units in tree order) under `base_url`.
pub fn for_org(base_url: &str, org: &Organisation, all_units: &[Unit]) -> Publishing {
    let base = base_url.trim_end_matches('/');
    let org_path = format!("/jobs/{}", org.slug);
    let mut boards = vec![addresses(base, &org_path, None, &org.name, 0)];
    for entry in units::tree(all_units) {
        if entry.unit.retired_at.is_some() {
            continue;
        }
        let path = format!("{org_path}/units/{}", entry.unit.slug);
        boards.push(addresses(base, &path, Some(&entry.unit), &entry.unit.name, entry.depth));
    }
    let snippets = boards[0]
        .languages
        .iter()
        .map(|a| {
            let lang = a.lang;
            let heading = lang.t_args("board-heading-org", &[("org", &org.name)]);
            Snippet {
                lang,
                links: format!(
                    "<ul class=\"tupa-jobs\">\n  <li><a href=\"{}\">{}</a></li>\n  <li><a href=\"{}\" type=\"application/rss+xml\">{}</a></li>\n</ul>",
                    html_escape(&a.page),
                    html_escape(&heading),
                    html_escape(&a.rss),
                    html_escape(&lang.t("board-rss")),
                ),
                embed: format!("<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>", html_escape(&a.embed), html_escape(&heading)),
            }
        })
        .collect();
    Publishing { boards, snippets }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organisation {
        Organisation {
            id: "o".into(),
            slug: "espoo".into(),
            name: "Espoon kaupunki & co".into(),
            is_operator: false,
            plan_id: None,
            business_id: None,
            privacy_notice_url: None,
            privacy_notice_url_sv: None,
            privacy_notice_url_en: None,
            dpo_name: None,
            dpo_email: None,
            dpo_phone: None,
            dpo_address: None,
            created_at: 0,
            retired_at: None,
        }
    }

    fn unit(id: &str, parent: Option<&str>, slug: &str, retired: bool) -> Unit {
        Unit {
            org_id: "o".into(),
            id: id.into(),
            parent_id: parent.map(str::to_string),
            name: slug.to_uppercase(),
            slug: slug.into(),
            created_at: 0,
            retired_at: retired.then_some(1),
        }
    }

    #[test]
    fn addresses_cover_the_organisation_and_active_units_in_each_language() {
        let units = vec![
            unit("1", None, "sote", false),
            unit("2", Some("1"), "neuvola", false),
            unit("3", None, "vanha", true),
        ];
        let p = for_org("https://tupa.example.fi/", &org(), &units);
        assert_eq!(p.boards.len(), 3, "the retired unit has no board");
        assert_eq!(
            p.boards[0].languages[1].rss,
            "https://tupa.example.fi/jobs/espoo/feed.rss?lang=sv"
        );
        assert_eq!(
            p.boards[2].languages[0].atom,
            "https://tupa.example.fi/jobs/espoo/units/neuvola/feed.atom?lang=fi"
        );
        assert_eq!(p.boards[2].depth, 1);
        assert_eq!(
            p.boards[1].languages[2].embed,
            "https://tupa.example.fi/jobs/espoo/units/sote/embed?lang=en"
        );
    }

    #[test]
    fn snippets_are_escaped_html_without_script() {
        let p = for_org("https://tupa.example.fi", &org(), &[]);
        let fi = &p.snippets[0].links;
        assert!(fi.contains("href=\"https://tupa.example.fi/jobs/espoo?lang=fi\""), "{fi}");
        assert!(fi.contains("Espoon kaupunki &amp; co"), "{fi}");
        assert!(!fi.contains("<script"));
        let sv = &p.snippets[1].embed;
        assert!(
            sv.starts_with("<iframe src=\"https://tupa.example.fi/jobs/espoo/embed?lang=sv\""),
            "{sv}"
        );
        assert!(sv.contains("title=\"Lediga jobb – Espoon kaupunki &amp; co\""), "{sv}");
    }
}
