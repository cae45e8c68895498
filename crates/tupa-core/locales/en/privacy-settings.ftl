# Privacy notices per language, the data-protection contact and the controller shown where data is collected.
org-privacy-notices = Privacy notices
label-privacy-notice-url-sv = Address of the privacy notice in Swedish
label-privacy-notice-url-en = Address of the privacy notice in English
org-dpo = Data protection officer
hint-dpo = Shown wherever the organisation collects personal data. Besides the name, give at least an e-mail, phone or address.
label-dpo-name = Name or title
label-dpo-email = E-mail
label-dpo-phone = Phone
label-dpo-address = Postal address
privacy-controller = Your details are processed by { $org } as the controller.
privacy-notice-link = Read the privacy notice
privacy-notice-missing = Ask the organisation for its privacy notice.
privacy-dpo = Data protection officer
error-dpo-field-invalid = Check the data protection officer's details: too long, or with characters not allowed.
error-dpo-channel-missing = Give the data protection officer an e-mail, phone or address.
privacy-mail-received-subject = Your personal data request has been received ({ $case })
privacy-mail-received-body = Hello,

    { $org } has received your request ({ $kind }). The case number is { $case }.
    We will answer by { $due }. If we need more time, we will tell you and why before the deadline.
