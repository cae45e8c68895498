## Form errors: the message names its field, so that the summary at the top reads on its own
form-field-required = { $field } is required.
form-field-message = { $field }: { $message }
application-label-consent = Consent
recruitment-label-title-fi = Title in Finnish
recruitment-label-title-sv = Title in Swedish
recruitment-label-title-en = Title in English
## Add buttons of the ad form
recruitment-add-contact = Add a contact person
recruitment-add-question = Add a question
