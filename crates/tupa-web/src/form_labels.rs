//! The label each form field carries, so that an error message can name its field ("Sukunimi
//! on pakollinen") in the summary at the top of the form, where the field itself is not in
//! sight. The keys are the labels the templates show; a form whose field of the same name
//! reads differently (an organisation's `name`) names it with `FormState::with_label`.

/// Field name → Fluent key of its label. Fields absent here keep their message as it is.
const LABELS: &[(&str, &str)] = &[
    // Sign-in, setup, invitations, profile.
    ("operator_name", "label-organisation-name"),
    ("operator_slug", "label-slug"),
    ("admin_name", "label-name"),
    ("admin_email", "label-email"),
    ("display_name", "label-name"),
    ("name", "label-name"),
    ("email", "label-email"),
    ("password", "label-password"),
    ("password_again", "label-password-again"),
    ("current_password", "label-current-password"),
    ("slug", "label-slug"),
    ("business_id", "label-business-id"),
    ("roles", "label-roles"),
    ("unit_id", "label-unit"),
    // Organisation settings.
    ("dpo_name", "label-dpo-name"),
    ("dpo_email", "label-dpo-email"),
    ("dpo_phone", "label-dpo-phone"),
    ("dpo_address", "label-dpo-address"),
    ("privacy_notice_url", "label-privacy-notice-url"),
    ("privacy_notice_url_sv", "label-privacy-notice-url-sv"),
    ("privacy_notice_url_en", "label-privacy-notice-url-en"),
    // Contact form.
    ("subject", "label-subject"),
    ("message", "label-message"),
    ("category_id", "label-topic"),
    // Application form.
    ("first_name", "application-label-first-name"),
    ("last_name", "application-label-last-name"),
    ("phone", "application-label-phone"),
    ("birth_year", "application-label-birth-year"),
    ("cover_letter", "application-label-cover-letter"),
    ("cv", "application-label-cv"),
    ("consent", "application-label-consent"),
    // Job ad form.
    ("texts", "recruitment-label-title"),
    ("texts.fi", "recruitment-label-title-fi"),
    ("texts.sv", "recruitment-label-title-sv"),
    ("texts.en", "recruitment-label-title-en"),
    ("start", "recruitment-label-start"),
    ("duration", "recruitment-label-duration"),
    ("salary_basis", "recruitment-label-salary-basis"),
    ("vacancies", "recruitment-label-vacancies"),
    ("occupation_code", "recruitment-label-occupation-code"),
    ("municipality_name", "recruitment-label-municipality"),
    ("municipality_code", "recruitment-label-municipality-code"),
    ("region_code", "recruitment-label-region-code"),
    ("street", "recruitment-label-street"),
    ("postal_code", "recruitment-label-postal-code"),
    ("city", "recruitment-label-city"),
    ("publish_at", "recruitment-label-publish-at"),
    ("deadline", "recruitment-label-deadline"),
    ("employment_type", "recruitment-label-employment-type"),
    ("working_time", "recruitment-label-working-time"),
    ("engagement", "recruitment-label-engagement"),
    ("contacts", "recruitment-contacts"),
    ("questions", "recruitment-questions"),
    // Recruitment settings.
    ("stages", "recruitment-label-stages"),
    ("anonymous_until_stage", "recruitment-label-anonymous"),
    ("retention_days", "recruitment-label-retention-days"),
    ("max_files", "recruitment-label-max-files"),
    ("max_file_mb", "recruitment-label-max-file-mb"),
    ("consent_text", "recruitment-label-consent"),
    // Units.
    ("parent_id", "label-parent-unit"),
    // Desk settings: queues and topic categories.
    ("weekly", "label-support-hours"),
    ("exceptions", "label-hours-exceptions"),
    ("first_response_hours", "label-first-response-hours"),
    ("resolution_hours", "label-resolution-hours"),
    ("name_fi", "label-category-fi"),
    ("name_sv", "label-category-sv"),
    ("name_en", "label-category-en"),
];

pub fn label_key(field: &str) -> Option<&'static str> {
    LABELS.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use tupa_core::i18n::Lang;

    #[test]
    fn every_label_key_is_translated() {
        for (field, key) in super::LABELS {
            for lang in Lang::ALL {
                assert_ne!(lang.t(key), *key, "{lang}: the label of {field} ({key}) is missing");
            }
        }
    }
}
