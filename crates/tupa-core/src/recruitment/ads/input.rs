//! An ad as a recruiter writes it (the form and the API's [`AdInput`]), checked field by
//! field with every error at once, and bound into the statements that store it.

use super::*;

/// An ad as entered in the form or the API. Times are Helsinki local, `YYYY-MM-DDTHH:MM`
/// (what an `<input type="datetime-local">` sends).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AdInput {
    #[serde(default)]
    pub unit_id: Option<String>,
    pub municipality_name: String,
    pub municipality_code: String,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    pub employment_type: Option<EmploymentType>,
    pub working_time: Option<WorkingTime>,
    pub engagement: Option<Engagement>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub salary_basis: Option<String>,
    pub vacancies: Option<u32>,
    #[serde(default)]
    pub occupation_code: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Empty: public as soon as published (or approved).
    #[serde(default)]
    pub publish_at: Option<String>,
    pub deadline: String,
    /// One to three languages; a language with an empty title is left out.
    pub texts: BTreeMap<Lang, AdText>,
}

/// Parses `YYYY-MM-DDTHH:MM` (or with a space) as Helsinki local time.
pub fn parse_local(s: &str, field: &'static str) -> Result<i64> {
    let s = s.trim().replace(' ', "T");
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let local = time::PrimitiveDateTime::parse(s.get(..16).unwrap_or(&s), &fmt)
        .map_err(|_| Error::invalid(field, "datetime-invalid"))?;
    Ok(crate::desk::hours::from_helsinki(local))
}

/// The form's value for a stored time.
pub fn format_local(ts: i64) -> String {
    let t = crate::desk::hours::to_helsinki(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn opt(s: &Option<String>, max: usize, field: &'static str) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.chars().count() <= max => Ok(Some(s.to_string())),
        Some(_) => Err(Error::invalid(field, "text-too-long")),
    }
}

fn required(s: &str, max: usize, field: &'static str) -> Result<String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Error::invalid(field, "required"));
    }
    if s.chars().count() > max {
        return Err(Error::invalid(field, "text-too-long"));
    }
    Ok(s.to_string())
}

/// A checked ad, ready to store.
pub(super) struct Checked {
    unit_id: Option<String>,
    municipality_name: String,
    municipality_code: String,
    region_code: Option<String>,
    street: String,
    postal_code: String,
    city: String,
    employment_type: EmploymentType,
    working_time: WorkingTime,
    engagement: Engagement,
    start: Option<String>,
    duration: Option<String>,
    salary_basis: Option<String>,
    vacancies: u32,
    occupation_code: Option<String>,
    contacts: Vec<Contact>,
    questions: Vec<Question>,
    publish_at: Option<i64>,
    deadline: i64,
    pub(super) texts: BTreeMap<Lang, AdText>,
}

fn kebab<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Checks the whole ad and reports every problem at once, in the order of the form.
pub(super) async fn check(db: &Db, org: &Organisation, input: &AdInput) -> Result<Checked> {
    let mut c = Checks::new();
    let mut texts = BTreeMap::new();
    for (lang, t) in &input.texts {
        if t.title.trim().is_empty() && t.description.trim().is_empty() {
            continue;
        }
        let field = match lang {
            Lang::Fi => "texts.fi",
            Lang::Sv => "texts.sv",
            Lang::En => "texts.en",
        };
        let title = c.take(required(&t.title, 200, field));
        let description = c.take(required(&t.description, 30_000, field));
        if let (Some(title), Some(description)) = (title, description) {
            texts.insert(*lang, AdText { title, description });
        }
    }
    if texts.is_empty() && c.is_empty() {
        c.push("texts", "ad-language-required");
    }
    let unit_id = input.unit_id.clone().filter(|u| !u.is_empty());
    if let Some(u) = &unit_id {
        let all = units::list(db, &org.id).await?;
        if !all.iter().any(|x| &x.id == u && x.retired_at.is_none()) {
            c.push("unit_id", "unit-invalid");
        }
    }
    let employment_type =
        c.take(input.employment_type.ok_or(Error::invalid("employment_type", "required")));
    let working_time = c.take(input.working_time.ok_or(Error::invalid("working_time", "required")));
    let engagement = c.take(input.engagement.ok_or(Error::invalid("engagement", "required")));
    let start = c.take(opt(&input.start, 200, "start"));
    let duration = c.take(opt(&input.duration, 200, "duration"));
    let salary_basis = c.take(opt(&input.salary_basis, 300, "salary_basis"));
    let vacancies = c.take(
        input
            .vacancies
            .filter(|v| (1..=999).contains(v))
            .ok_or(Error::invalid("vacancies", "vacancies-invalid")),
    );
    let occupation_code = c.take(opt(&input.occupation_code, 60, "occupation_code"));
    let municipality_name = c.take(required(&input.municipality_name, 100, "municipality_name"));
    let municipality_code = c.take(
        MunicipalityCode::parse(&input.municipality_code)
            .ok_or(Error::invalid("municipality_code", "municipality-code-invalid")),
    );
    let region_code = c.take(opt(&input.region_code, 2, "region_code"));
    if region_code
        .as_ref()
        .and_then(|r| r.as_deref())
        .is_some_and(|r| r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit()))
    {
        c.push("region_code", "region-code-invalid");
    }
    let street = c.take(opt(&Some(input.street.clone()), 200, "street"));
    let postal_code = c.take(opt(&Some(input.postal_code.clone()), 10, "postal_code"));
    let city = c.take(opt(&Some(input.city.clone()), 100, "city"));
    let publish_at = match input.publish_at.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => c.take(parse_local(p, "publish_at")).map(Some),
        None => Some(None),
    };
    let deadline = c.take(parse_local(&input.deadline, "deadline"));
    if let (Some(Some(p)), Some(d)) = (publish_at, deadline)
        && p >= d
    {
        c.push("publish_at", "publish-after-deadline");
    }
    let mut contacts = Vec::new();
    for one in &input.contacts {
        if one.name.trim().is_empty()
            && one.email.as_deref().unwrap_or("").trim().is_empty()
            && one.phone.as_deref().unwrap_or("").trim().is_empty()
        {
            continue;
        }
        let email = match one.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => c
                .take(crate::identity::Email::parse(e).map_err(|e| e.at("contacts")))
                .map(|e| Some(e.as_str().to_string())),
            None => Some(None),
        };
        let name = c.take(required(&one.name, 120, "contacts"));
        let title = c.take(opt(&one.title, 120, "contacts"));
        let phone = c.take(opt(&one.phone, 40, "contacts"));
        if let (Some(name), Some(title), Some(phone), Some(email)) = (name, title, phone, email) {
            contacts.push(Contact { name, title, phone, email });
        }
    }
    if contacts.len() > MAX_CONTACTS {
        c.push("contacts", "contacts-too-many");
    }
    let mut questions = Vec::new();
    for q in &input.questions {
        let texts: BTreeMap<Lang, String> = q
            .texts
            .iter()
            .map(|(l, t)| (*l, t.trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if texts.is_empty() {
            continue;
        }
        if texts.values().any(|t| t.chars().count() > 500) {
            c.push("questions", "text-too-long");
            continue;
        }
        let id =
            if q.id.trim().is_empty() { new_id() } else { q.id.trim().chars().take(40).collect() };
        questions.push(Question { id, texts, required: q.required });
    }
    if questions.len() > MAX_QUESTIONS {
        c.push("questions", "questions-too-many");
    }
    let (
        Some(employment_type),
        Some(working_time),
        Some(engagement),
        Some(start),
        Some(duration),
        Some(salary_basis),
        Some(vacancies),
        Some(occupation_code),
        Some(municipality_name),
        Some(municipality_code),
        Some(region_code),
        Some(street),
        Some(postal_code),
        Some(city),
        Some(publish_at),
        Some(deadline),
    ) = (
        employment_type,
        working_time,
        engagement,
        start,
        duration,
        salary_basis,
        vacancies,
        occupation_code,
        municipality_name,
        municipality_code,
        region_code,
        street,
        postal_code,
        city,
        publish_at,
        deadline,
    )
    else {
        return Err(c.error());
    };
    c.finish()?;
    Ok(Checked {
        unit_id,
        municipality_name,
        municipality_code: municipality_code.as_str().to_string(),
        region_code,
        street: street.unwrap_or_default(),
        postal_code: postal_code.unwrap_or_default(),
        city: city.unwrap_or_default(),
        employment_type,
        working_time,
        engagement,
        start,
        duration,
        salary_basis,
        vacancies,
        occupation_code,
        contacts,
        questions,
        publish_at,
        deadline,
        texts,
    })
}

/// Binds an ad's content as `$1`–`$19`, in the column order both the insert and the update
/// name them.
pub(super) fn bind_content<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    c: &'q Checked,
) -> Result<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>> {
    Ok(q.bind(&c.unit_id)
        .bind(&c.municipality_name)
        .bind(&c.municipality_code)
        .bind(&c.region_code)
        .bind(&c.street)
        .bind(&c.postal_code)
        .bind(&c.city)
        .bind(kebab(c.employment_type))
        .bind(kebab(c.working_time))
        .bind(kebab(c.engagement))
        .bind(&c.start)
        .bind(&c.duration)
        .bind(&c.salary_basis)
        .bind(c.vacancies as i64)
        .bind(&c.occupation_code)
        .bind(serde_json::to_string(&c.contacts).map_err(anyhow::Error::from)?)
        .bind(serde_json::to_string(&c.questions).map_err(anyhow::Error::from)?)
        .bind(c.publish_at)
        .bind(c.deadline))
}

pub(super) async fn write_texts(
    tx: &mut Tx,
    org_id: &str,
    ad_id: &str,
    texts: &BTreeMap<Lang, AdText>,
) -> Result<()> {
    sqlx::query("DELETE FROM job_ad_texts WHERE org_id = $1 AND ad_id = $2")
        .bind(org_id)
        .bind(ad_id)
        .execute(&mut **tx)
        .await?;
    for (lang, t) in texts {
        sqlx::query("INSERT INTO job_ad_texts (org_id, ad_id, lang, title, description) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id)
            .bind(ad_id)
            .bind(lang.code())
            .bind(&t.title)
            .bind(&t.description)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
