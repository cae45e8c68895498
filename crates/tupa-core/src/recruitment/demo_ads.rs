//! `tupa demo`'s job ads: a few open ads in Finnish and Swedish on the demo organisation's
//! board, one ad in each other state for the staff pages, applications in the pipeline, and
//! a generated logo, so the board, feeds and ad pages have something to show.

use std::collections::BTreeMap;

use image::{ImageEncoder, Rgb, RgbImage};

use super::ad::{AdText, Contact, EmploymentType, Engagement, WorkingTime};
use super::ads::{self, AdInput, format_local};
use super::applications::{self, ApplyInput};
use super::{logos, review};
use crate::authz::Actor;
use crate::db::{Db, now};
use crate::error::Result;
use crate::i18n::Lang;
use crate::organisations::{Organisation, units};

/// A 1620 × 550 PNG (twice the board size, in its ratio): a house under a roof beside three
/// bands, in the service's blues. Drawn pixel by pixel, so no font or file is needed.
pub fn logo_png() -> Vec<u8> {
    let (w, h) = (1620u32, 550u32);
    let brand = Rgb([26, 62, 115]);
    let light = Rgb([31, 98, 176]);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (x as i64, y as i64);
        // The roof: a triangle from (100, 250) to (300, 90) to (500, 250).
        let roof = (90..=250).contains(&y) && (x - 300).abs() <= (y - 90) * 200 / 160;
        // The walls with a door.
        let walls = (140..=460).contains(&x)
            && (250..=460).contains(&y)
            && !((260..=340).contains(&x) && y >= 340);
        // Three bands to the right, like lines of text.
        let band =
            |top: i64, len: i64| (600..600 + len).contains(&x) && (top..top + 50).contains(&y);
        if roof || walls {
            brand
        } else if band(150, 900) || band(250, 700) {
            light
        } else if band(350, 500) {
            brand
        } else {
            Rgb([255, 255, 255])
        }
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding to memory");
    out
}

struct Sample {
    unit: Option<&'static str>,
    fi: (&'static str, &'static str),
    sv: Option<(&'static str, &'static str)>,
    employment: EmploymentType,
    working: WorkingTime,
    engagement: Engagement,
    salary: &'static str,
    days_open: i64,
}

fn samples() -> Vec<Sample> {
    vec![
        Sample {
            unit: Some("Kasvatus ja koulutus"),
            fi: (
                "Varhaiskasvatuksen opettaja, Keskustan päiväkoti",
                "Haemme varhaiskasvatuksen opettajaa Keskustan päiväkodin 3–5-vuotiaiden ryhmään.\n\nTyö on päivätyötä arkisin. Kelpoisuus: kasvatustieteen kandidaatti (varhaiskasvatus) tai sosionomi (AMK) varhaiskasvatuksen opettajan pätevyydellä.",
            ),
            sv: Some((
                "Lärare inom småbarnspedagogik, Centrums daghem",
                "Vi söker en lärare inom småbarnspedagogik till en grupp för 3–5-åringar på Centrums daghem.\n\nArbetet utförs dagtid på vardagar.",
            )),
            employment: EmploymentType::Permanent,
            working: WorkingTime::FullTime,
            engagement: Engagement::EmploymentContract,
            salary: "KVTES, hinnoittelukohta 04VKA040",
            days_open: 21,
        },
        Sample {
            unit: Some("Aikuissosiaalityö"),
            fi: (
                "Sosiaalityöntekijä, aikuissosiaalityö",
                "Aikuissosiaalityön tiimiin haetaan sosiaalityöntekijää tekemään asiakastyötä yhdessä ohjaajien kanssa.\n\nTehtävä on virkasuhteinen. Kelpoisuus: sosiaalityöntekijän laillistus.",
            ),
            sv: Some((
                "Socialarbetare, vuxensocialarbete",
                "Teamet för vuxensocialarbete söker en socialarbetare för klientarbete tillsammans med handledarna.\n\nTjänsten är ett tjänsteförhållande. Behörighet: legitimation som socialarbetare.",
            )),
            employment: EmploymentType::Permanent,
            working: WorkingTime::FullTime,
            engagement: Engagement::PublicOffice,
            salary: "KVTES, hinnoittelukohta 05SOS060",
            days_open: 14,
        },
        Sample {
            unit: None,
            fi: (
                "Kirjastovirkailija, sijaisuus",
                "Pääkirjaston asiakaspalveluun haetaan kirjastovirkailijaa äitiysvapaan sijaiseksi.\n\nTyö on vuorotyötä, myös iltaisin ja lauantaisin.",
            ),
            sv: Some((
                "Biblioteksfunktionär, vikariat",
                "Huvudbibliotekets kundtjänst söker en biblioteksfunktionär som vikarie under en moderskapsledighet.\n\nArbetet sker i skift, också kvällar och lördagar.",
            )),
            employment: EmploymentType::FixedTerm,
            working: WorkingTime::PartTime,
            engagement: Engagement::EmploymentContract,
            salary: "KVTES, hinnoittelukohta 05KIR020",
            days_open: 10,
        },
        Sample {
            unit: None,
            fi: (
                "Kesätyöntekijä puisto-osastolle",
                "Puisto-osastolle haetaan kesätyöntekijöitä kesä–elokuuksi hoitamaan kaupungin puistoja ja leikkipaikkoja.\n\nTyö sopii 16 vuotta täyttäneille.",
            ),
            sv: None,
            employment: EmploymentType::FixedTerm,
            working: WorkingTime::FullTime,
            engagement: Engagement::EmploymentContract,
            salary: "Kesätyöntekijöiden palkkaus, 1 650 €/kk",
            days_open: 30,
        },
    ]
}

/// How many of each the run added.
#[derive(Default)]
pub struct Added {
    pub ads: usize,
    pub applications: usize,
}

/// Where a sample ad is left, beside the four published ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Left {
    Draft,
    AwaitingApproval,
    Scheduled,
    Closed,
    Archived,
}

/// Ads in the states the board never shows, so the staff pages have one of each.
fn unpublished() -> Vec<(Left, &'static str, &'static str)> {
    vec![
        (
            Left::Draft,
            "Koulunkäynninohjaaja, Keskuskoulu",
            "Luonnos: tarkennetaan tehtävänkuva ennen lähettämistä.",
        ),
        (
            Left::AwaitingApproval,
            "Erityisopettaja, Keskuskoulu",
            "Haemme erityisopettajaa alakoulun pienryhmään.",
        ),
        (
            Left::Scheduled,
            "Rehtori, Kirkonkylän koulu",
            "Haemme rehtoria 1.8. alkaen. Ilmoitus julkaistaan ensi viikolla.",
        ),
        (Left::Closed, "Siistijä, kaupungintalo", "Haku on päättynyt."),
        (Left::Archived, "Kesäteatterin lipunmyyjä", "Viime kesän haku."),
    ]
}

/// Applicants of the first open ad and the stage each is left in.
const APPLICANTS: [(&str, &str, &str); 5] = [
    ("Sanna", "Laine", "received"),
    ("Mikko", "Heikkinen", "screening"),
    ("Johanna", "Berg", "screening"),
    ("Tuomas", "Salo", "interview"),
    ("Elina", "Järvinen", "final"),
];

/// Adds the logo, ads in every state (the organisation requires a hiring manager's approval,
/// so the four open ones went through it) and applications in the pipeline, each only when
/// missing.
pub async fn add(
    db: &Db,
    settings: &crate::config::Settings,
    org: &Organisation,
    main_admin: &Actor,
    recruiter: &Actor,
    hiring_manager: &Actor,
) -> Result<Added> {
    super::public_changes::touched(db);
    let mut added = Added::default();
    if logos::effective(db, &org.id, None).await?.is_none() {
        let logo =
            logos::prepare(logo_png()).await.map_err(|e| anyhow::anyhow!("demo logo: {e:?}"))?;
        logos::store(db, &org.id, "", &logo).await?;
    }
    let (ads_there,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_ads WHERE org_id = $1")
        .bind(&org.id)
        .fetch_one(db.pool())
        .await?;
    if ads_there == 0 {
        let mut rs = super::settings::get(db, &org.id).await?;
        rs.approval_required = true;
        super::settings::update(db, main_admin, None, org, &rs).await?;
        let all_units = units::list(db, &org.id).await?;
        let recruiter_email = recruiter.user.email.clone();
        for s in samples() {
            let input = ad_input(&s, &all_units, &recruiter_email);
            let ad = ads::create(db, recruiter, None, org, &input, false).await?;
            ads::submit(db, recruiter, None, org, &ad.id).await?;
            ads::decide(db, hiring_manager, None, org, &ad.id, true, None).await?;
            added.ads += 1;
        }
        for (left, title, description) in unpublished() {
            let sample = Sample {
                unit: Some("Kasvatus ja koulutus"),
                fi: (title, description),
                sv: None,
                employment: EmploymentType::Permanent,
                working: WorkingTime::FullTime,
                engagement: Engagement::EmploymentContract,
                salary: "OVTES",
                days_open: 14,
            };
            let mut input = ad_input(&sample, &all_units, &recruiter_email);
            if left == Left::Scheduled {
                input.publish_at = Some(format_local(now() + 6 * 86_400));
                input.deadline = format_local(now() + 30 * 86_400);
            }
            let ad = ads::create(db, recruiter, None, org, &input, false).await?;
            added.ads += 1;
            if left == Left::Draft {
                continue;
            }
            ads::submit(db, recruiter, None, org, &ad.id).await?;
            if left == Left::AwaitingApproval {
                continue;
            }
            ads::decide(db, hiring_manager, None, org, &ad.id, true, None).await?;
            if matches!(left, Left::Closed | Left::Archived) {
                ads::act(db, recruiter, None, org, &ad.id, ads::AdAction::Close, None).await?;
            }
            if left == Left::Archived {
                ads::act(db, recruiter, None, org, &ad.id, ads::AdAction::Archive, None).await?;
            }
        }
    }
    added.applications = add_applications(db, settings, org, recruiter).await?;
    Ok(added)
}

fn ad_input(s: &Sample, all_units: &[units::Unit], recruiter_email: &str) -> AdInput {
    let mut texts = BTreeMap::new();
    texts.insert(Lang::Fi, AdText { title: s.fi.0.into(), description: s.fi.1.into() });
    if let Some((title, description)) = s.sv {
        texts.insert(Lang::Sv, AdText { title: title.into(), description: description.into() });
    }
    AdInput {
        unit_id: s
            .unit
            .and_then(|name| all_units.iter().find(|u| u.name == name))
            .map(|u| u.id.clone()),
        municipality_name: "Esimerkkilä".into(),
        municipality_code: "999".into(),
        street: "Torikatu 1".into(),
        postal_code: "99999".into(),
        city: "Esimerkkilä".into(),
        employment_type: Some(s.employment),
        working_time: Some(s.working),
        engagement: Some(s.engagement),
        start: Some("1.8.2026 tai sopimuksen mukaan".into()),
        duration: (s.employment == EmploymentType::FixedTerm).then(|| "31.12.2026 asti".into()),
        salary_basis: Some(s.salary.into()),
        vacancies: Some(1),
        contacts: vec![Contact {
            name: "Riikka Rantanen".into(),
            title: Some("rekrytoija".into()),
            phone: Some("+358 40 000 0000".into()),
            email: Some(recruiter_email.into()),
        }],
        deadline: format_local(now() + s.days_open * 86_400),
        texts,
        ..AdInput::default()
    }
}

/// Five applications to the first open sample ad, moved along the pipeline, when the
/// organisation has none.
async fn add_applications(
    db: &Db,
    settings: &crate::config::Settings,
    org: &Organisation,
    recruiter: &Actor,
) -> Result<usize> {
    let (there,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE org_id = $1")
        .bind(&org.id)
        .fetch_one(db.pool())
        .await?;
    let first_title = samples()[0].fi.0;
    let ad_id: Option<(String,)> = sqlx::query_as(
        "SELECT a.id FROM job_ads a JOIN job_ad_texts t ON t.org_id = a.org_id AND t.ad_id = a.id WHERE a.org_id = $1 AND a.status = 'published' AND t.title = $2",
    )
    .bind(&org.id)
    .bind(first_title)
    .fetch_optional(db.pool())
    .await?;
    let (0, Some((ad_id,))) = (there, ad_id) else {
        return Ok(0);
    };
    let ad = ads::get(db, &org.id, &ad_id).await?;
    for (first, last, stage) in APPLICANTS {
        let input = ApplyInput {
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{}.{}@example.invalid", mail_local(first), mail_local(last)),
            phone: "+358 50 000 0000".into(),
            cover_letter: format!(
                "Hei! Olen {first} {last}, ja haen tätä tehtävää. Minulla on kokemusta varhaiskasvatuksesta ja kiinnostus kehittää pedagogiikkaa yhdessä tiimin kanssa."
            ),
            consent: true,
            ..ApplyInput::default()
        };
        let received =
            applications::apply(db, settings, org, &ad, &input, vec![], Lang::Fi, None).await?;
        if stage != "received" {
            let (id,): (String,) =
                sqlx::query_as("SELECT id FROM applications WHERE org_id = $1 AND reference = $2")
                    .bind(&org.id)
                    .bind(&received.reference)
                    .fetch_one(db.pool())
                    .await?;
            review::move_stage(db, recruiter, None, org, &id, stage).await?;
        }
    }
    Ok(APPLICANTS.len())
}

/// An address-safe form of a Finnish or Swedish name (ä → a, ö → o), for the demo's and
/// the bulk fill's made-up addresses.
pub(crate) fn mail_local(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'ä' | 'å' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_logo_is_accepted() {
        let logo = super::super::logo::prepare(&super::logo_png()).unwrap();
        assert_eq!((logo.source_width, logo.source_height), (1620, 550));
        assert_eq!(logo.board.width, 810);
    }
}
