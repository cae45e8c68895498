//! `tupa demo`'s desk: topic categories, canned answers, and contacts in every state an
//! adviser meets (new, open and assigned with an internal note, waiting for the citizen,
//! resolved, closed), in Finnish and Swedish. Each part is added only when missing.

use super::canned::{self, CannedInput};
use super::categories::{self, CategoryInput};
use super::tickets::{TicketPriority, TicketStatus};
use super::work::{self, ContactInput, ReplyInput, TicketChange};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::Db;
use crate::error::Result;
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// How many of each the run added.
#[derive(Default)]
pub struct Added {
    pub categories: usize,
    pub canned_answers: usize,
    pub tickets: usize,
}

const CATEGORIES: [(&str, &str, &str); 5] = [
    ("Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
    ("Asuminen ja rakentaminen", "Boende och byggande", "Housing and building"),
    ("Laskutus", "Fakturering", "Invoicing"),
    ("Liikenne ja pysäköinti", "Trafik och parkering", "Traffic and parking"),
    ("Kirjasto ja kulttuuri", "Bibliotek och kultur", "Library and culture"),
];

const CANNED: [(&str, &str, &str, &str); 3] = [
    (
        "Kiitos yhteydenotosta",
        "Kiitos yhteydenotostanne. Selvitämme asiaa ja palaamme siihen mahdollisimman pian, viimeistään kolmen arkipäivän kuluessa.",
        "Tack för att ni kontaktade oss. Vi utreder ärendet och återkommer så snart som möjligt, senast inom tre vardagar.",
        "Thank you for contacting us. We are looking into it and will reply as soon as we can, within three working days at the latest.",
    ),
    (
        "Tarvitsemme lisätietoja",
        "Jotta voimme auttaa, tarvitsemme vielä seuraavat tiedot: \n\nVastatkaa tähän viestiin, niin tieto liitetään samaan asiaan.",
        "För att kunna hjälpa behöver vi ännu följande uppgifter: \n\nSvara på detta meddelande så kopplas uppgifterna till samma ärende.",
        "To help you we still need the following information: \n\nPlease reply to this message so that it is filed with the same case.",
    ),
    (
        "Asia on ratkaistu",
        "Asianne on nyt käsitelty. Jos teillä on vielä kysyttävää, vastatkaa tähän viestiin kahden viikon kuluessa, niin asia avataan uudelleen.",
        "Ert ärende är nu behandlat. Om ni har fler frågor, svara på detta meddelande inom två veckor så öppnas ärendet på nytt.",
        "Your case has now been handled. If you have further questions, reply to this message within two weeks and the case will be reopened.",
    ),
];

/// What happens to a sample contact after it arrives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Then {
    /// Left in the queue, nobody's yet.
    New,
    /// Taken by the adviser, with an internal note, priority high.
    OpenWithNote,
    /// Answered by the adviser; waiting for the citizen.
    Answered,
    /// Answered and resolved.
    Resolved,
    /// Answered, resolved and closed.
    Closed,
}

struct Sample {
    name: &'static str,
    email: &'static str,
    subject: &'static str,
    message: &'static str,
    lang: Lang,
    category: Option<&'static str>,
    then: Then,
    reply: &'static str,
}

fn samples() -> [Sample; 6] {
    [
        Sample {
            name: "Maija Meikäläinen",
            email: "maija.meikalainen@example.invalid",
            subject: "Päivähoitohakemus",
            message: "Hei! Milloin syksyn päivähoitohaku päättyy, ja voiko hakemusta vielä muuttaa lähettämisen jälkeen?",
            lang: Lang::Fi,
            category: Some("Varhaiskasvatus"),
            then: Then::New,
            reply: "",
        },
        Sample {
            name: "Erik Lindqvist",
            email: "erik.lindqvist@example.invalid",
            subject: "Parkeringstillstånd",
            message: "Hej, jag har flyttat till centrum. Hur ansöker jag om ett boendeparkeringstillstånd?",
            lang: Lang::Sv,
            category: Some("Liikenne ja pysäköinti"),
            then: Then::Answered,
            reply: "Hej Erik! Boendeparkeringstillstånd ansöks i e-tjänsten. Bifoga ert registreringsintyg. Kan ni berätta vilken gata ni bor på, så kontrollerar vi zonen?",
        },
        Sample {
            name: "Aino Virtanen",
            email: "aino.virtanen@example.invalid",
            subject: "Kotihoidon laskutus",
            message: "Kotihoidon lasku tuli kahteen kertaan samalta kuukaudelta. Kenelle voin ilmoittaa virheestä?",
            lang: Lang::Fi,
            category: Some("Laskutus"),
            then: Then::OpenWithNote,
            reply: "Tarkistettu laskutusjärjestelmästä: lokakuun lasku on lähtenyt kahdesti. Pyydetty laskutukselta hyvitys, odotetaan vahvistusta.",
        },
        Sample {
            name: "Pekka Nieminen",
            email: "pekka.nieminen@example.invalid",
            subject: "Vesivahinko vuokra-asunnossa",
            message: "Kylpyhuoneen katosta tippuu vettä. Asun kaupungin vuokra-asunnossa osoitteessa Torikatu 5 B 12. Kehen otan yhteyttä illalla?",
            lang: Lang::Fi,
            category: Some("Asuminen ja rakentaminen"),
            then: Then::New,
            reply: "",
        },
        Sample {
            name: "Liisa Korhonen",
            email: "liisa.korhonen@example.invalid",
            subject: "Kirjastokortti kadonnut",
            message: "Kirjastokorttini on kadonnut. Miten saan uuden, ja voiko vanhan kortin sulkea?",
            lang: Lang::Fi,
            category: Some("Kirjasto ja kulttuuri"),
            then: Then::Closed,
            reply: "Hei Liisa! Suljimme vanhan korttinne. Uuden kortin saatte mistä tahansa kaupungin kirjastosta henkilöllisyystodistusta vastaan, maksutta.",
        },
        Sample {
            name: "Anna Holmström",
            email: "anna.holmstrom@example.invalid",
            subject: "Bygglov för carport",
            message: "Behöver jag bygglov för ett carport på 20 m² på min tomt?",
            lang: Lang::Sv,
            category: Some("Asuminen ja rakentaminen"),
            then: Then::Resolved,
            reply: "Hej Anna! Ett carport på 20 m² kräver åtgärdstillstånd. Ansökan görs i Lupapiste. Ärendet är nu behandlat.",
        },
    ]
}

/// Adds what is missing; `main_admin` sets up the desk, `adviser` works the contacts.
pub async fn add(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    main_admin: &Actor,
    adviser: &Actor,
) -> Result<Added> {
    let mut added = Added::default();
    let existing = categories::list(db, &org.id).await?;
    for (fi, sv, en) in CATEGORIES {
        if existing.iter().any(|c| c.name == fi) {
            continue;
        }
        let input = CategoryInput { name_fi: fi.into(), name_sv: sv.into(), name_en: en.into() };
        categories::create(db, main_admin, None, org, &input).await?;
        added.categories += 1;
    }
    let existing = canned::available(db, org).await?;
    for (title, fi, sv, en) in CANNED {
        if existing.iter().any(|c| c.title == title) {
            continue;
        }
        let input = CannedInput {
            title: title.into(),
            body_fi: fi.into(),
            body_sv: sv.into(),
            body_en: en.into(),
            shared: false,
        };
        canned::create(db, main_admin, None, org, &input).await?;
        added.canned_answers += 1;
    }
    let all_categories = categories::list(db, &org.id).await?;
    for s in samples() {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM tickets WHERE org_id = $1 AND requester_email = $2",
        )
        .bind(&org.id)
        .bind(s.email)
        .fetch_one(db.pool())
        .await?;
        if n > 0 {
            continue;
        }
        let input = ContactInput {
            name: s.name.into(),
            email: s.email.into(),
            subject: s.subject.into(),
            message: s.message.into(),
            language: Some(s.lang.code().into()),
            category_id: s
                .category
                .and_then(|name| all_categories.iter().find(|c| c.name == name))
                .map(|c| c.id.clone()),
        };
        let ticket = work::contact(
            db,
            settings,
            org,
            &input,
            vec![],
            s.lang,
            super::tickets::TicketChannel::Web,
        )
        .await?;
        added.tickets += 1;
        if s.then == Then::New {
            continue;
        }
        let take = TicketChange {
            assignee_id: Some(adviser.user.id.clone()),
            status: Some(TicketStatus::Open.to_string()),
            priority: (s.then == Then::OpenWithNote).then(|| TicketPriority::High.to_string()),
            ..TicketChange::default()
        };
        work::change(db, adviser, None, org, &ticket, &take).await?;
        let reply = ReplyInput {
            body: s.reply.into(),
            public: s.then != Then::OpenWithNote,
            ..ReplyInput::default()
        };
        let (_, ticket) = work::ticket(db, adviser, &ticket.case_number).await?;
        work::reply(db, settings, adviser, None, org, &ticket, reply).await?;
        for status in match s.then {
            Then::Resolved => &[TicketStatus::Resolved][..],
            Then::Closed => &[TicketStatus::Resolved, TicketStatus::Closed][..],
            _ => &[][..],
        } {
            let (_, ticket) = work::ticket(db, adviser, &ticket.case_number).await?;
            let change =
                TicketChange { status: Some(status.to_string()), ..TicketChange::default() };
            work::change(db, adviser, None, org, &ticket, &change).await?;
        }
    }
    Ok(added)
}
