//! `tupa demo`: a realistic demo organisation for trainers and newcomers, in the training
//! environment only. Safe to run again: each part is made only when it is missing (a
//! rerun tops up what a newcomer deleted or what a newer version adds), and the demo
//! accounts' passwords are printed only when they are made or reset (`--reset-passwords`),
//! because they are stored hashed and cannot be shown again.
//!
//! The desk's and recruitment's sample content lives with those capabilities
//! (`desk::demo_tickets`, `recruitment::demo_ads`).

use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::{Environment, Settings};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::password::Password;
use crate::identity::{self, Email, User, secrets, totp};
use crate::organisations::people::{self, Role};
use crate::organisations::{self, Organisation, plans, units};
use crate::setup;

pub mod bulk;
mod deferred;

pub const DEMO_ORG_SLUG: &str = "esimerkkila";
/// The platform admin the demo makes when the installation has not been set up yet.
pub const DEMO_PLATFORM_ADMIN: &str = "platform-admin@demo.tupa.invalid";

/// One account of the demo, with what is needed to sign in.
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    /// Set when the password was made or reset by this run; None: unchanged (the one printed
    /// earlier still works).
    pub password: Option<String>,
    /// Set for the platform admin when their second factor was enrolled by this run.
    pub totp_secret: Option<String>,
}

/// What happened to the installation's platform admin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlatformAdmin {
    /// The installation was not set up: the demo made its platform admin.
    Created,
    /// The demo's own platform admin from an earlier run.
    Existing,
    /// The installation was set up in the browser (or by `tupa setup`): its admin is the
    /// person who did that; the demo makes none and knows no password.
    SetUpByYou,
}

#[derive(Default)]
pub struct DemoOptions {
    /// Give every demo account a new password (and the demo platform admin a new second
    /// factor), printed once.
    pub reset_passwords: bool,
}

/// What a run did, for the command to print.
pub struct DemoReport {
    pub platform_admin: PlatformAdmin,
    pub accounts: Vec<DemoAccount>,
    /// Parts made by this run, in words ("organisation", "5 tickets", …).
    pub created: Vec<String>,
    /// Parts that were there already and were left as they were.
    pub kept: Vec<String>,
}

impl DemoReport {
    fn part(&mut self, made: usize, what: &str) {
        if made > 0 {
            self.created.push(format!("{made} {what}"));
        } else {
            self.kept.push(what.to_string());
        }
    }
}

fn demo_password() -> String {
    // Readable enough to type from a printout, random enough not to be guessed.
    format!("demo-{}", &secrets::random_token()[..12])
}

/// The demo's staff: role, address, name and the unit their role is held in.
const PEOPLE: [(Role, &str, &str, Option<&str>); 6] = [
    (Role::MainAdmin, "main-admin", "Mirja Mäkinen", None),
    (Role::Adviser, "adviser", "Antti Aaltonen", Some("Kaupunginkanslia")),
    (Role::Counsellor, "counsellor", "Kaisa Koskinen", Some("Aikuissosiaalityö")),
    (Role::Supervisor, "supervisor", "Ville Virtanen", Some("Sosiaali- ja terveyspalvelut")),
    (Role::Recruiter, "recruiter", "Riikka Rantanen", Some("Kasvatus ja koulutus")),
    (Role::HiringManager, "hiring-manager", "Heikki Hakala", Some("Kasvatus ja koulutus")),
];

/// Units and their parents, parents first.
const UNITS: [(&str, Option<&str>); 6] = [
    ("Kaupunginkanslia", None),
    ("Sosiaali- ja terveyspalvelut", None),
    ("Aikuissosiaalityö", Some("Sosiaali- ja terveyspalvelut")),
    ("Lapsiperheiden palvelut", Some("Sosiaali- ja terveyspalvelut")),
    ("Kasvatus ja koulutus", None),
    ("Henkilöstöpalvelut", Some("Kaupunginkanslia")),
];

pub const DESK_ADDRESS: &str = "neuvonta@esimerkkila.invalid";

pub fn email_of(local: &str) -> String {
    format!("{local}@esimerkkila.invalid")
}

pub async fn run(db: &Db, settings: &Settings, options: &DemoOptions) -> Result<DemoReport> {
    if settings.environment == Environment::Production {
        return Err(Error::invalid("environment", "demo-refused-in-production"));
    }
    let mut report = DemoReport {
        platform_admin: PlatformAdmin::SetUpByYou,
        accounts: vec![],
        created: vec![],
        kept: vec![],
    };
    platform_admin(db, options, &mut report).await?;

    let (org, org_created) = organisation(db).await?;
    report.part(usize::from(org_created), "organisation");
    let made = top_up_units(db, &org).await?;
    report.part(made, "units");
    let made = top_up_people(db, &org, options, &mut report).await?;
    report.part(made, "staff accounts");

    let main_admin = actor(db, &email_of("main-admin")).await?;
    let adviser = actor(db, &email_of("adviser")).await?;
    let desk = crate::desk::demo_tickets::add(db, settings, &org, &main_admin, &adviser).await?;
    report.part(desk.categories, "topic categories");
    report.part(desk.canned_answers, "canned answers");
    report.part(desk.tickets, "tickets");

    let recruiter = actor(db, &email_of("recruiter")).await?;
    let hiring_manager = actor(db, &email_of("hiring-manager")).await?;
    let rec = crate::recruitment::demo_ads::add(
        db,
        settings,
        &org,
        &main_admin,
        &recruiter,
        &hiring_manager,
    )
    .await?;
    report.part(rec.ads, "job ads");
    report.part(rec.applications, "applications");

    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::system(),
        if org_created {
            crate::audit::Action::DemoCreated
        } else {
            crate::audit::Action::DemoToppedUp
        },
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({"created": report.created}),
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

async fn platform_admin(db: &Db, options: &DemoOptions, report: &mut DemoReport) -> Result<()> {
    if !setup::is_done(db).await? {
        let password = demo_password();
        let (_, admin) = setup::run(
            db,
            setup::SetupInput {
                operator_name: "Tupa-palvelu (demo)".into(),
                operator_slug: "tupa".into(),
                admin_name: "Paula Pääkäyttäjä".into(),
                admin_email: DEMO_PLATFORM_ADMIN.into(),
                password: password.clone(),
                lang: Lang::Fi,
            },
        )
        .await?;
        let secret = enrol_totp(db, &admin).await?;
        report.platform_admin = PlatformAdmin::Created;
        report.accounts.push(DemoAccount {
            role: Role::PlatformAdmin,
            email: admin.email,
            password: Some(password),
            totp_secret: Some(secret),
        });
        return Ok(());
    }
    let Some(admin) = identity::find_by_email(db, &Email::parse(DEMO_PLATFORM_ADMIN)?).await?
    else {
        return Ok(());
    };
    report.platform_admin = PlatformAdmin::Existing;
    let (password, totp_secret) = if options.reset_passwords {
        let password = demo_password();
        let mut tx = db.begin().await?;
        identity::set_password(&mut tx, &admin.id, &Password::parse(&password)?).await?;
        tx.commit().await?;
        (Some(password), Some(enrol_totp(db, &admin).await?))
    } else {
        (None, None)
    };
    report.accounts.push(DemoAccount {
        role: Role::PlatformAdmin,
        email: admin.email,
        password,
        totp_secret,
    });
    Ok(())
}

/// A platform admin must use a second factor; the demo enrols one and prints its secret.
async fn enrol_totp(db: &Db, admin: &User) -> Result<String> {
    let secret = totp::begin_enrolment(db, &admin.id).await?;
    sqlx::query("UPDATE users SET totp_enabled = $1 WHERE id = $2")
        .bind(true)
        .bind(&admin.id)
        .execute(db.pool())
        .await?;
    Ok(secret)
}

async fn organisation(db: &Db) -> Result<(Organisation, bool)> {
    if let Some(org) = organisations::by_slug(db, DEMO_ORG_SLUG).await? {
        return Ok((org, false));
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
    crate::desk::queues::add_address(&mut tx, &org.id, DESK_ADDRESS, None).await?;
    tx.commit().await?;
    Ok((org, true))
}

async fn top_up_units(db: &Db, org: &Organisation) -> Result<usize> {
    let mut made = 0;
    for (name, parent) in UNITS {
        let existing = units::list(db, &org.id).await?;
        if existing.iter().any(|u| u.name == name) {
            continue;
        }
        let parent_id =
            parent.and_then(|p| existing.iter().find(|u| u.name == p)).map(|u| u.id.clone());
        let mut tx = db.begin().await?;
        units::create(&mut tx, &org.id, name, parent_id.as_deref()).await?;
        tx.commit().await?;
        made += 1;
    }
    Ok(made)
}

/// Makes the missing staff accounts and gives each their demo role (again, if a newcomer
/// took it away); existing accounts keep their password unless asked to reset it.
async fn top_up_people(
    db: &Db,
    org: &Organisation,
    options: &DemoOptions,
    report: &mut DemoReport,
) -> Result<usize> {
    let all_units = units::list(db, &org.id).await?;
    let mut made = 0;
    for (role, local, name, unit) in PEOPLE {
        let email = Email::parse(&email_of(local))?;
        let unit_id =
            unit.and_then(|n| all_units.iter().find(|u| u.name == n)).map(|u| u.id.clone());
        let mut tx = db.begin().await?;
        let (user, created) = identity::find_or_create(&mut tx, &email, name).await?;
        let password = (created || options.reset_passwords).then(demo_password);
        if let Some(password) = &password {
            identity::set_password(&mut tx, &user.id, &Password::parse(password)?).await?;
        }
        if created {
            sqlx::query("UPDATE users SET locale = 'fi' WHERE id = $1")
                .bind(&user.id)
                .execute(&mut *tx)
                .await?;
            made += 1;
        }
        people::add_member(&mut tx, &org.id, &user.id).await?;
        tx.commit().await?;
        // The demo role comes back if it was taken away; roles a newcomer added stay.
        let grants = people::current_grants(db, &org.id, &user.id).await?;
        if !grants.iter().any(|g| g.role == role) {
            let mut tx = db.begin().await?;
            people::grant(&mut tx, &org.id, &user.id, role, unit_id.as_deref(), None).await?;
            tx.commit().await?;
        }
        report.accounts.push(DemoAccount {
            role,
            email: email.as_str().to_string(),
            password,
            totp_secret: None,
        });
    }
    Ok(made)
}

async fn actor(db: &Db, email: &str) -> Result<Actor> {
    let user = identity::find_by_email(db, &Email::parse(email)?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo account {email} is missing"))?;
    Actor::load(db, user, None, None).await
}
