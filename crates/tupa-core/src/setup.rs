//! First-run setup: creates the default plans, the operator organisation and the first
//! platform admin. Runs once per installation; a second attempt is refused.

use crate::audit::{self, By};
use crate::db::{Db, now};
use crate::error::{Checks, Error, Result};
use crate::i18n::Lang;
use crate::identity::password::Password;
use crate::identity::{self, Email, User};
use crate::organisations::people::{self, Role};
use crate::organisations::{self, Organisation, plans};

pub struct SetupInput {
    pub operator_name: String,
    pub operator_slug: String,
    pub admin_name: String,
    pub admin_email: String,
    pub password: String,
    pub lang: Lang,
}

pub async fn is_done(db: &Db) -> Result<bool> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT value FROM installation WHERE key = 'setup-done'")
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some())
}

/// The setup input with every field checked.
pub struct Checked {
    operator_name: String,
    operator_slug: String,
    admin_name: String,
    email: Email,
    password: Password,
}

/// Checks every field of `input` and reports all problems at once; `also` adds problems the
/// caller found (the web form's second password), so one answer names them all.
pub fn check(input: &SetupInput, mut c: Checks) -> Result<Checked> {
    let operator_name = c.take(organisations::parse_name(&input.operator_name, "operator_name"));
    let operator_slug = c.take(organisations::parse_slug(&input.operator_slug, "operator_slug"));
    let admin_name =
        c.take(identity::parse_display_name(&input.admin_name).map_err(|e| e.at("admin_name")));
    let email = c.take(Email::parse(&input.admin_email).map_err(|e| e.at("admin_email")));
    let password = c.take(Password::parse(&input.password));
    match (operator_name, operator_slug, admin_name, email, password) {
        (
            Some(operator_name),
            Some(operator_slug),
            Some(admin_name),
            Some(email),
            Some(password),
        ) if c.is_empty() => {
            Ok(Checked { operator_name, operator_slug, admin_name, email, password })
        }
        _ => Err(c.error()),
    }
}

pub async fn run(db: &Db, input: SetupInput) -> Result<(Organisation, User)> {
    let checked = check(&input, Checks::new())?;
    run_checked(db, checked, input.lang).await
}

pub async fn run_checked(db: &Db, input: Checked, lang: Lang) -> Result<(Organisation, User)> {
    let Checked { operator_name, operator_slug, admin_name, email, password } = input;

    let mut tx = db.begin().await?;
    // The key is the primary key: of two concurrent setups, one fails here.
    sqlx::query("INSERT INTO installation (key, value) VALUES ('setup-done', $1)")
        .bind(now().to_string())
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if crate::db::is_unique_violation(&e) {
                Error::conflict("setup", "setup-already-done")
            } else {
                e.into()
            }
        })?;
    plans::ensure_defaults(&mut tx).await?;
    let plan: (String,) =
        sqlx::query_as("SELECT id FROM plans WHERE slug = 'operator'").fetch_one(&mut *tx).await?;
    let org =
        organisations::create(&mut tx, &operator_slug, &operator_name, true, Some(&plan.0)).await?;
    let (user, _) = identity::find_or_create(&mut tx, &email, &admin_name).await?;
    identity::set_password(&mut tx, &user.id, &password).await?;
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    people::add_member(&mut tx, &org.id, &user.id).await?;
    people::grant(&mut tx, &org.id, &user.id, Role::PlatformAdmin, None, None).await?;
    people::grant(&mut tx, &org.id, &user.id, Role::MainAdmin, None, None).await?;
    // The operator's own support desk answers main admins; its first admin works it too.
    people::grant(&mut tx, &org.id, &user.id, Role::Adviser, None, None).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&user, None),
        audit::Action::SetupCompleted,
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({"slug": operator_slug}),
    )
    .await?;
    tx.commit().await?;
    let user = identity::get(db, &user.id).await?;
    Ok((org, user))
}

/// Brings the database up to date: migrations, then the default plans. Run at every start.
pub async fn prepare(db: &Db) -> Result<()> {
    db.migrate().await?;
    // One read in the usual case; the write transaction (a write lock on SQLite) only when
    // a default plan is missing.
    if !plans::defaults_present(db).await? {
        let mut tx = db.begin().await?;
        plans::ensure_defaults(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(())
}
