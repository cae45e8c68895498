//! The life-situation meter's instrument: areas with their wording in Finnish, Swedish and
//! English, a scale and traffic-light thresholds. It is data, not code, because the official
//! 3X10D® wording is Diak's licensed text: Tupa ships its own default (PRODUCT.md's ten areas,
//! 0–10, red/amber/green, in `meter_default.json`) and an organisation loads its own.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// The id of the instrument that ships with Tupa (it has no row).
pub const DEFAULT_ID: &str = "tupa-default";
const DEFAULT_JSON: &str = include_str!("meter_default.json");

/// Areas of one instrument, at least one.
pub const MAX_AREAS: usize = 30;
/// An organisation's own instruments (a new wording is a new instrument; old answers keep
/// theirs).
pub const MAX_INSTRUMENTS: usize = 50;
/// An instrument's name or an area's wording, per language.
pub const MAX_LABEL_CHARS: usize = 200;
/// An area's help text, per language.
pub const MAX_HELP_CHARS: usize = 1_000;
/// Values a scale may span (max − min): a form shows one choice per value.
pub const MAX_SCALE_SPAN: i64 = 100;
/// The largest magnitude of a scale end.
const MAX_SCALE_END: i64 = 1_000;
const MAX_KEY_CHARS: usize = 40;

/// A text in each of Tupa's languages. Every language is required; a missing one is refused
/// by validation with a message that says so (hence the defaults here).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(default)]
    pub fi: String,
    #[serde(default)]
    pub sv: String,
    #[serde(default)]
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
    fn check(&mut self, max: usize, field: &'static str, missing: &'static str) -> Result<()> {
        for t in [&mut self.fi, &mut self.sv, &mut self.en] {
            *t = t.trim().to_string();
            if t.is_empty() {
                return Err(Error::invalid(field, missing));
            }
            if t.chars().count() > max {
                return Err(Error::invalid(field, "meter-text-too-long"));
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stable key of the area in answers: lower-case letters, digits, `-` and `_`, 1–40.
    #[schema(min_length = 1, max_length = 40, pattern = "^[a-z0-9][a-z0-9_-]*$")]
    pub key: String,
    pub label: Texts,
    /// What the area means, shown under its wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Texts>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    #[schema(minimum = -1000, maximum = 1000)]
    pub min: i64,
    #[schema(minimum = -1000, maximum = 1000)]
    pub max: i64,
    /// What the lowest value means (for example "very dissatisfied").
    pub min_label: Texts,
    pub max_label: Texts,
}

/// Which end of the scale is good.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Red below `red`, amber below `amber`, green otherwise.
    HigherIsBetter,
    /// Red above `red`, amber above `amber`, green otherwise.
    LowerIsBetter,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub direction: Direction,
    /// Higher-is-better: values below this are red (min < red ≤ amber ≤ max).
    /// Lower-is-better: values above this are red (min ≤ amber ≤ red < max).
    pub red: i64,
    /// Higher-is-better: values below this (and not red) are amber. Lower-is-better: above.
    pub amber: i64,
}

/// The traffic light of one value.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Light {
    Red,
    Amber,
    Green,
}

impl Light {
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Amber => "amber",
            Light::Green => "green",
        }
    }
}

/// An instrument as an organisation loads it (`POST /api/v1/orgs/{org}/meters`, whose input
/// is [`NewInstrument`], which refuses unknown fields). Not `deny_unknown_fields` itself: it is
/// flattened into [`Instrument`] in answers, and the OpenAPI document of a flattened struct
/// that forbids other properties would forbid the instrument's own `id`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Definition {
    pub name: Texts,
    pub scale: Scale,
    pub thresholds: Thresholds,
    /// 1–30 areas, answered in this order.
    #[serde(default)]
    #[schema(min_items = 1, max_items = 30)]
    pub areas: Vec<Area>,
}

/// What the API takes: the instrument, and whether it becomes the organisation's default.
/// (The instrument's fields are repeated rather than flattened: serde cannot refuse unknown
/// fields through a flattened struct, and a misspelt field must not pass unnoticed.)
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInstrument {
    pub name: Texts,
    pub scale: Scale,
    pub thresholds: Thresholds,
    /// 1–30 areas, answered in this order.
    #[serde(default)]
    #[schema(min_items = 1, max_items = 30)]
    pub areas: Vec<Area>,
    /// Spaces that have not chosen a meter use the organisation's default.
    #[serde(default)]
    pub org_default: bool,
}

/// An instrument available to an organisation.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Instrument {
    /// `tupa-default` for the instrument that ships with Tupa.
    pub id: String,
    /// Whether this is Tupa's own instrument (not the organisation's).
    pub builtin: bool,
    /// Whether spaces that chose no meter use this one.
    pub org_default: bool,
    #[serde(flatten)]
    pub definition: Definition,
}

impl Definition {
    /// Checks every rule and trims the texts; the first broken rule is the error.
    pub fn validate(&mut self) -> Result<()> {
        self.name.check(MAX_LABEL_CHARS, "name", "meter-name-missing")?;
        let s = &mut self.scale;
        if s.min >= s.max
            || s.max - s.min > MAX_SCALE_SPAN
            || s.min < -MAX_SCALE_END
            || s.max > MAX_SCALE_END
        {
            return Err(Error::invalid("scale", "meter-scale-invalid"));
        }
        s.min_label.check(MAX_LABEL_CHARS, "scale", "meter-scale-label-missing")?;
        s.max_label.check(MAX_LABEL_CHARS, "scale", "meter-scale-label-missing")?;
        let (min, max) = (s.min, s.max);
        let t = &self.thresholds;
        let inside = match t.direction {
            Direction::HigherIsBetter => min < t.red && t.red <= t.amber && t.amber <= max,
            Direction::LowerIsBetter => min <= t.amber && t.amber <= t.red && t.red < max,
        };
        if !inside {
            return Err(Error::invalid("thresholds", "meter-thresholds-outside-scale"));
        }
        if self.areas.is_empty() || self.areas.len() > MAX_AREAS {
            return Err(Error::invalid("areas", "meter-areas-count"));
        }
        let mut keys = std::collections::HashSet::new();
        for area in &mut self.areas {
            let key_ok = !area.key.is_empty()
                && area.key.len() <= MAX_KEY_CHARS
                && area.key.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                && area
                    .key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !key_ok {
                return Err(Error::invalid("areas", "meter-area-key-invalid"));
            }
            if !keys.insert(area.key.clone()) {
                return Err(Error::invalid("areas", "meter-area-key-duplicate"));
            }
            area.label.check(MAX_LABEL_CHARS, "areas", "meter-area-label-missing")?;
            if let Some(help) = &mut area.help {
                help.check(MAX_HELP_CHARS, "areas", "meter-area-label-missing")?;
            }
        }
        Ok(())
    }

    /// The traffic light of `value` on this instrument.
    pub fn light(&self, value: i64) -> Light {
        let t = &self.thresholds;
        match t.direction {
            Direction::HigherIsBetter if value < t.red => Light::Red,
            Direction::HigherIsBetter if value < t.amber => Light::Amber,
            Direction::LowerIsBetter if value > t.red => Light::Red,
            Direction::LowerIsBetter if value > t.amber => Light::Amber,
            _ => Light::Green,
        }
    }

    pub fn area(&self, key: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.key == key)
    }
}

/// The instrument that ships with Tupa.
pub fn builtin() -> Definition {
    serde_json::from_str(DEFAULT_JSON).expect("meter_default.json is a valid instrument")
}

#[derive(FromRow)]
struct Row {
    id: String,
    definition: String,
    made_default_at: Option<i64>,
}

/// The instruments available to `org`: Tupa's own first, then the organisation's, oldest
/// first; exactly one is the organisation's default.
pub async fn list(db: &Db, org: &Organisation) -> Result<Vec<Instrument>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, definition, made_default_at FROM meter_instruments WHERE org_id = $1
         ORDER BY created_at, id",
    )
    .bind(&org.id)
    .fetch_all(db.pool())
    .await?;
    let default_id = rows
        .iter()
        .filter_map(|r| r.made_default_at.map(|t| (t, r.id.clone())))
        .max()
        .map(|(_, id)| id)
        .unwrap_or_else(|| DEFAULT_ID.to_string());
    let mut out = vec![Instrument {
        id: DEFAULT_ID.into(),
        builtin: true,
        org_default: default_id == DEFAULT_ID,
        definition: builtin(),
    }];
    for r in rows {
        let definition = serde_json::from_str(&r.definition)
            .map_err(|e| anyhow::anyhow!("stored meter {} unreadable: {e}", r.id))?;
        out.push(Instrument {
            org_default: default_id == r.id,
            id: r.id,
            builtin: false,
            definition,
        });
    }
    Ok(out)
}

/// The instrument `id` if it is available to `org` (Tupa's own or the organisation's).
pub async fn get(db: &Db, org: &Organisation, id: &str) -> Result<Option<Instrument>> {
    Ok(list(db, org).await?.into_iter().find(|i| i.id == id))
}

/// The organisation's default instrument.
pub async fn org_default(db: &Db, org: &Organisation) -> Result<Instrument> {
    list(db, org)
        .await?
        .into_iter()
        .find(|i| i.org_default)
        .ok_or_else(|| anyhow::anyhow!("no default meter").into())
}

/// Loads an organisation's own instrument after checking every rule.
pub async fn create(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    input: NewInstrument,
) -> Result<Instrument> {
    let mut definition = Definition {
        name: input.name,
        scale: input.scale,
        thresholds: input.thresholds,
        areas: input.areas,
    };
    definition.validate()?;
    let mut tx = db.begin().await?;
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM meter_instruments WHERE org_id = $1")
            .bind(&org.id)
            .fetch_one(&mut *tx)
            .await?;
    if count as usize >= MAX_INSTRUMENTS {
        return Err(Error::invalid("name", "meter-too-many"));
    }
    let id = new_id();
    let t = now();
    sqlx::query(
        "INSERT INTO meter_instruments (org_id, id, definition, created_by, created_at, made_default_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(serde_json::to_string(&definition).map_err(anyhow::Error::from)?)
    .bind(&actor.user.id)
    .bind(t)
    .bind(input.org_default.then_some(t))
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::MeterLoaded,
        Some((audit::Target::Meter, &id)),
        serde_json::json!({"areas": definition.areas.len(), "org_default": input.org_default}),
    )
    .await?;
    tx.commit().await?;
    Ok(Instrument { id, builtin: false, org_default: input.org_default, definition })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_product_md_s_ten_areas_with_traffic_lights() {
        let mut d = builtin();
        d.validate().expect("the shipped instrument passes its own rules");
        assert_eq!(d.areas.len(), 10);
        assert_eq!((d.scale.min, d.scale.max), (0, 10));
        assert_eq!(d.areas[9].key, "life-as-a-whole");
        // 0–5 red, 6–7 amber, 8–10 green.
        let lights: Vec<_> = (0..=10).map(|v| d.light(v)).collect();
        assert_eq!(lights[5], Light::Red);
        assert_eq!(lights[6], Light::Amber);
        assert_eq!(lights[7], Light::Amber);
        assert_eq!(lights[8], Light::Green);
    }

    #[test]
    fn bad_instruments_are_refused_at_the_rule_they_break() {
        let code = |f: &dyn Fn(&mut Definition)| {
            let mut d = builtin();
            f(&mut d);
            d.validate().err().map(|e| e.code())
        };
        assert_eq!(code(&|d| d.areas[3].label.sv.clear()), Some("meter-area-label-missing"));
        assert_eq!(code(&|d| d.areas.clear()), Some("meter-areas-count"));
        assert_eq!(code(&|d| d.thresholds.red = 11), Some("meter-thresholds-outside-scale"));
        assert_eq!(code(&|d| d.scale.max = 0), Some("meter-scale-invalid"));
        assert_eq!(code(&|d| d.areas[1].key = "health".into()), Some("meter-area-key-duplicate"));
        assert_eq!(code(&|d| d.areas[1].key = "Terveys!".into()), Some("meter-area-key-invalid"));
        let mut lower = builtin();
        lower.thresholds = Thresholds { direction: Direction::LowerIsBetter, red: 7, amber: 4 };
        assert!(lower.validate().is_ok());
        assert_eq!(
            (lower.light(8), lower.light(5), lower.light(4)),
            (Light::Red, Light::Amber, Light::Green)
        );
    }
}
