//! `tupa demo`'s job ads: a few open ads in Finnish and Swedish on the demo organisation's
//! board, and a generated logo, so the board, feeds and ad pages have something to show.

use std::collections::BTreeMap;

use image::{ImageEncoder, Rgb, RgbImage};

use super::ad::{AdText, Contact, EmploymentType, Engagement, WorkingTime};
use super::ads::{self, AdInput, format_local};
use super::logos;
use crate::authz::Actor;
use crate::db::{Db, now};
use crate::error::Result;
use crate::i18n::Lang;
use crate::identity::{self, Email};
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

/// Adds the logo and the open ads, as the demo recruiter `recruiter_email`.
pub async fn add(db: &Db, org: &Organisation, recruiter_email: &str) -> Result<()> {
    let logo = logos::prepare(logo_png()).await.map_err(|e| anyhow::anyhow!("demo logo: {e:?}"))?;
    logos::store(db, &org.id, "", &logo).await?;
    let user = identity::find_by_email(db, &Email::parse(recruiter_email)?)
        .await?
        .ok_or(anyhow::anyhow!("demo recruiter"))?;
    let actor = Actor::load(db, user, None, None).await?;
    let all_units = units::list(db, &org.id).await?;
    for s in samples() {
        let mut texts = BTreeMap::new();
        texts.insert(Lang::Fi, AdText { title: s.fi.0.into(), description: s.fi.1.into() });
        if let Some((title, description)) = s.sv {
            texts.insert(Lang::Sv, AdText { title: title.into(), description: description.into() });
        }
        let input = AdInput {
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
        };
        let ad = ads::create(db, &actor, None, org, &input, false).await?;
        ads::submit(db, &actor, None, org, &ad.id).await?;
    }
    Ok(())
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
