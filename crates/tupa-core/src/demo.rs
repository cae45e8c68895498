//! `tupa demo`: a realistic demo organisation for trainers and newcomers, in the training
//! environment only. Later capabilities add their sample data here.

use crate::audit::{self, By};
use crate::config::{Environment, Settings};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::password::Password;
use crate::identity::{self, Email, secrets, totp};
use crate::organisations::people::{self, Role};
use crate::organisations::{self, plans, units};
use crate::setup;

pub const DEMO_ORG_SLUG: &str = "esimerkkila";

/// One account the demo made, with what is needed to sign in.
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub password: String,
    /// Set for the platform admin, who must use a second factor.
    pub totp_secret: Option<String>,
}

fn demo_password() -> String {
    // Readable enough to type from a printout, random enough not to be guessed.
    format!("demo-{}", &secrets::random_token()[..12])
}

pub async fn run(db: &Db, settings: &Settings) -> Result<Vec<DemoAccount>> {
    if settings.environment == Environment::Production {
        return Err(Error::invalid("environment", "demo-refused-in-production"));
    }
    if organisations::by_slug(db, DEMO_ORG_SLUG).await?.is_some() {
        return Err(Error::conflict("slug", "demo-already-exists"));
    }
    let mut accounts = vec![];
    if !setup::is_done(db).await? {
        let password = demo_password();
        let (_, admin) = setup::run(
            db,
            setup::SetupInput {
                operator_name: "Tupa-palvelu (demo)".into(),
                operator_slug: "tupa".into(),
                admin_name: "Paula Pääkäyttäjä".into(),
                admin_email: "platform-admin@demo.tupa.invalid".into(),
                password: password.clone(),
                lang: Lang::Fi,
            },
        )
        .await?;
        let secret = totp::begin_enrolment(db, &admin.id).await?;
        sqlx::query("UPDATE users SET totp_enabled = $1 WHERE id = $2")
            .bind(true)
            .bind(&admin.id)
            .execute(db.pool())
            .await?;
        accounts.push(DemoAccount {
            role: Role::PlatformAdmin,
            email: admin.email,
            password,
            totp_secret: Some(secret),
        });
    }

    let mut tx = db.begin().await?;
    plans::ensure_defaults(&mut tx).await?;
    let plan = sqlx::query_as::<_, (String,)>("SELECT id FROM plans WHERE slug = 'full'")
        .fetch_optional(&mut *tx)
        .await?;
    let org = organisations::create(
        &mut tx,
        DEMO_ORG_SLUG,
        "Esimerkkilän kaupunki",
        false,
        plan.as_ref().map(|p| p.0.as_str()),
    )
    .await?;
    // A demonstration serves nobody: it needs no agreement on record (issue 13).
    crate::agreements::set_environment_tx(
        &mut tx,
        &org.id,
        crate::agreements::Environment::Training,
    )
    .await?;
    organisations::update_settings(
        &mut tx,
        &org.id,
        Some("https://esimerkkila.invalid/tietosuoja"),
        Some("0201256-6"),
    )
    .await?;
    organisations::update_privacy(
        &mut tx,
        &org.id,
        &organisations::privacy::PrivacySettings {
            notice_fi: Some("https://esimerkkila.invalid/tietosuoja".into()),
            notice_sv: Some("https://esimerkkila.invalid/dataskydd".into()),
            notice_en: Some("https://esimerkkila.invalid/privacy".into()),
            dpo_name: Some("Tietosuojavastaava".into()),
            dpo_email: Some("tietosuoja@esimerkkila.invalid".into()),
            ..Default::default()
        },
    )
    .await?;
    let city = units::create(&mut tx, &org.id, "Kaupunginkanslia", None).await?;
    let welfare = units::create(&mut tx, &org.id, "Sosiaali- ja terveyspalvelut", None).await?;
    let guidance = units::create(&mut tx, &org.id, "Aikuissosiaalityö", Some(&welfare.id)).await?;
    units::create(&mut tx, &org.id, "Lapsiperheiden palvelut", Some(&welfare.id)).await?;
    let education = units::create(&mut tx, &org.id, "Kasvatus ja koulutus", None).await?;
    units::create(&mut tx, &org.id, "Henkilöstöpalvelut", Some(&city.id)).await?;
    let people_spec = [
        (Role::MainAdmin, "main-admin", "Mirja Mäkinen", None),
        (Role::Adviser, "adviser", "Antti Aaltonen", Some(&city.id)),
        (Role::Counsellor, "counsellor", "Kaisa Koskinen", Some(&guidance.id)),
        (Role::Supervisor, "supervisor", "Ville Virtanen", Some(&welfare.id)),
        (Role::Recruiter, "recruiter", "Riikka Rantanen", Some(&education.id)),
    ];
    for (role, local, name, unit) in people_spec {
        let email = Email::parse(&format!("{local}@esimerkkila.invalid"))?;
        let password = demo_password();
        let (user, _) = identity::find_or_create(&mut tx, &email, name).await?;
        identity::set_password(&mut tx, &user.id, &Password::parse(&password)?).await?;
        sqlx::query("UPDATE users SET locale = 'fi' WHERE id = $1")
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        people::add_member(&mut tx, &org.id, &user.id).await?;
        people::grant(&mut tx, &org.id, &user.id, role, unit.map(|u| u.as_str()), None).await?;
        accounts.push(DemoAccount {
            role,
            email: email.as_str().to_string(),
            password,
            totp_secret: None,
        });
    }
    crate::desk::queues::add_address(&mut tx, &org.id, "neuvonta@esimerkkila.invalid", None)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::system(),
        "demo-created",
        Some(("organisation", &org.id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    sample_tickets(db, settings, &org).await?;
    crate::recruitment::demo_ads::add(db, &org, "recruiter@esimerkkila.invalid").await?;
    Ok(accounts)
}

/// A few contacts in the desk, as citizens would write them (in Finnish and Swedish).
async fn sample_tickets(
    db: &Db,
    settings: &Settings,
    org: &crate::organisations::Organisation,
) -> Result<()> {
    use crate::desk::work::{ContactInput, contact};
    let samples = [
        (
            "Maija Meikäläinen",
            "maija.meikalainen@example.invalid",
            "Päivähoitohakemus",
            "Hei! Milloin syksyn päivähoitohaku päättyy, ja voiko hakemusta vielä muuttaa lähettämisen jälkeen?",
            Lang::Fi,
        ),
        (
            "Erik Lindqvist",
            "erik.lindqvist@example.invalid",
            "Parkeringstillstånd",
            "Hej, jag har flyttat till centrum. Hur ansöker jag om ett boendeparkeringstillstånd?",
            Lang::Sv,
        ),
        (
            "Aino Virtanen",
            "aino.virtanen@example.invalid",
            "Kotihoidon laskutus",
            "Kotihoidon lasku tuli kahteen kertaan samalta kuukaudelta. Kenelle voin ilmoittaa virheestä?",
            Lang::Fi,
        ),
    ];
    for (name, email, subject, message, lang) in samples {
        let input = ContactInput {
            name: name.into(),
            email: email.into(),
            subject: subject.into(),
            message: message.into(),
            language: Some(lang.code().into()),
            category_id: None,
        };
        contact(db, settings, org, &input, vec![], lang, "web").await?;
    }
    Ok(())
}
