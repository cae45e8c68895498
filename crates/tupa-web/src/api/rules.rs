//! The validation rules the server enforces on request bodies, written into the document's
//! schemas (`maxLength`, `minimum`, `pattern`, `format`, `maxItems`…) in one table, so a
//! client sees them before it is refused. The checks themselves stay in `tupa_core`; the
//! table names their limits (a test checks that every entry still names a real property).
//! Where the server trims or lower-cases first, the rule is what a client should send.

use serde_json::{Value, json};
use tupa_core::desk::uploads;
use tupa_core::organisations::privacy;
use tupa_core::recruitment::templates;

const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9-]*[a-z0-9]$";

/// (schema, property, JSON Schema keywords to add).
fn rules() -> Vec<(&'static str, &'static str, Value)> {
    // Names and titles checked by `organisations::parse_name` (1–200 characters).
    let name = json!({"minLength": 1, "maxLength": 200});
    let email = json!({"format": "email", "maxLength": 254});
    let slug = json!({"minLength": 2, "maxLength": 40, "pattern": SLUG_PATTERN});
    // Privacy notices: https only (`organisations::parse_url`), empty to clear.
    let notice = json!({"maxLength": privacy::MAX_URL_CHARS, "pattern": "^(https://[^\\s\"<]+)?$"});
    let gaps = json!({"maxLength": tupa_core::accessibility::MAX_GAPS_CHARS});
    vec![
        ("ContactInput", "name", name.clone()),
        ("ContactInput", "email", email.clone()),
        ("ContactInput", "message", json!({"minLength": 1, "maxLength": 20_000})),
        ("ReplyInput", "body", json!({"minLength": 1, "maxLength": 100_000})),
        ("ReplyInput", "attachments", json!({"maxItems": uploads::MAX_FILES})),
        ("NewToken", "name", json!({"minLength": 1, "maxLength": 100})),
        ("NewOrganisation", "slug", slug.clone()),
        ("NewOrganisation", "name", name.clone()),
        ("OrganisationUpdate", "name", name.clone()),
        ("NewUnit", "name", name.clone()),
        ("PlanInput", "slug", slug),
        ("PlanInput", "name", name.clone()),
        ("CategoryInput", "name_fi", name.clone()),
        ("CategoryInput", "name_sv", json!({"maxLength": 200})),
        ("CategoryInput", "name_en", json!({"maxLength": 200})),
        ("NewView", "name", name.clone()),
        ("CannedInput", "title", name.clone()),
        ("CannedInput", "body_fi", json!({"maxLength": 20_000})),
        ("CannedInput", "body_sv", json!({"maxLength": 20_000})),
        ("CannedInput", "body_en", json!({"maxLength": 20_000})),
        ("QueueInput", "name", name.clone()),
        ("QueueInput", "weekly", json!({"minItems": 7, "maxItems": 7})),
        ("QueueInput", "exceptions", json!({"maxItems": 1000})),
        ("MeUpdate", "display_name", json!({"maxLength": 200})),
        ("NewInvitation", "display_name", name.clone()),
        ("NewInvitation", "email", email.clone()),
        ("NewAddress", "address", email),
        ("SettingsUpdate", "privacy_notice_url", notice.clone()),
        ("SettingsUpdate", "privacy_notice_url_sv", notice.clone()),
        ("SettingsUpdate", "privacy_notice_url_en", notice),
        ("SettingsUpdate", "dpo_name", json!({"maxLength": privacy::MAX_DPO_NAME_CHARS})),
        ("SettingsUpdate", "dpo_email", json!({"maxLength": 254})),
        ("SettingsUpdate", "dpo_phone", json!({"maxLength": privacy::MAX_DPO_PHONE_CHARS})),
        ("SettingsUpdate", "dpo_address", json!({"maxLength": privacy::MAX_DPO_ADDRESS_CHARS})),
        ("StatementInput", "gaps_fi", gaps.clone()),
        ("StatementInput", "gaps_sv", gaps.clone()),
        ("StatementInput", "gaps_en", gaps),
        ("StatementInput", "prepared_on", json!({"format": "date"})),
        ("StatementInput", "reviewed_on", json!({"format": "date"})),
        ("StatementInput", "feedback_email", json!({"maxLength": 254})),
        ("SettingsUpdate", "business_id", json!({"pattern": "^([0-9]{7}-[0-9])?$"})),
        ("AdInput", "vacancies", json!({"minimum": 1, "maximum": 999})),
        ("AdInput", "municipality_name", json!({"minLength": 1, "maxLength": 100})),
        ("AdInput", "region_code", json!({"pattern": "^([0-9]{2})?$"})),
        ("AdInput", "occupation_code", json!({"maxLength": 60})),
        ("AdInput", "contacts", json!({"maxItems": 5})),
        ("AdInput", "questions", json!({"maxItems": 20})),
        ("TemplateInput", "name", name),
        ("TemplateInput", "kind", json!({"enum": templates::TemplateKind::ALL})),
        ("TextInput", "name", json!({"maxLength": 100})),
        ("ActionInput", "rating", json!({"minimum": 1, "maximum": 5})),
        ("ImapInput", "username", json!({"minLength": 1, "maxLength": 320})),
        ("ImapInput", "folder", json!({"maxLength": 200})),
        (
            "JobmarketInput",
            "endpoint",
            json!({"minLength": 1, "maxLength": 500, "pattern": "^https?://"}),
        ),
        ("JobmarketInput", "username", json!({"maxLength": 200})),
        ("NewCase", "subject", json!({"minLength": 1, "maxLength": 200})),
        ("NewCase", "message", json!({"minLength": 1, "maxLength": 20_000})),
        ("CaseReply", "message", json!({"minLength": 1, "maxLength": 20_000})),
        ("NewDelegation", "rights", json!({"minItems": 1, "maxItems": 3})),
        ("NewDelegation", "until", json!({"format": "date"})),
        ("NewDelegation", "reason", json!({"minLength": 1, "maxLength": 1000})),
    ]
}

/// Adds the rules to the document's schemas; returns the entries that name nothing.
pub fn apply(doc: &mut Value) -> Vec<String> {
    let mut missing = vec![];
    for (schema, property, keywords) in rules() {
        let target = &mut doc["components"]["schemas"][schema]["properties"][property];
        match target.as_object_mut() {
            Some(obj) => {
                for (k, v) in keywords.as_object().into_iter().flatten() {
                    obj.insert(k.clone(), v.clone());
                }
            }
            None => {
                // Indexing a missing key inserted null; take it out again.
                if let Some(props) =
                    doc["components"]["schemas"][schema]["properties"].as_object_mut()
                {
                    props.remove(property);
                }
                missing.push(format!("{schema}.{property}"));
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_names_a_property_of_the_document() {
        let doc = crate::openapi_document();
        let mut value = serde_json::to_value(&doc).unwrap();
        assert_eq!(super::apply(&mut value), Vec::<String>::new());
        let vacancies = &value["components"]["schemas"]["AdInput"]["properties"]["vacancies"];
        assert_eq!(vacancies["maximum"], 999);
    }
}
