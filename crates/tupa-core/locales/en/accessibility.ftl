# Accessibility statements and accessibility feedback (Finnish law 306/2019).
a11y-scope-installation = This statement covers the Tupa service at this address: signing in, the general pages and the pages that have no statement of an organisation's own.
a11y-scope-org = This statement covers the pages of { $org } in the Tupa service: the contact form, applications, guidance spaces and data requests.
a11y-not-prepared = No statement of its own has been prepared for this service yet. The general state of the service is described below.
a11y-compliance-fully = The service meets the accessibility requirements.
a11y-compliance-partially = The service partially meets the accessibility requirements.
a11y-compliance-not = The service does not meet the accessibility requirements.
a11y-gaps-heading = Content that is not accessible
a11y-no-gaps = There are no known gaps.
a11y-dates-heading = About this statement
a11y-prepared-on = This statement was prepared on { $date }.
a11y-reviewed-on = It was last reviewed on { $date }.
a11y-feedback-by-email = You can also send feedback by e-mail:
a11y-feedback-thanks = Thank you for your feedback.
a11y-feedback-sent = The case number is { $case }. We will answer by { $due }.
a11y-label-name = Name (optional)
a11y-label-email = E-mail address (optional)
a11y-hint-email = We answer to this address. Without an address we cannot answer you.
a11y-label-page = Address of the page
a11y-hint-page = The page your feedback is about, if you know it.
a11y-label-description = What did not work, or what do you need?
a11y-send = Send feedback
a11y-authority-name = Finnish Transport and Communications Agency Traficom, accessibility supervision
a11y-authority-address = P.O. Box 320, FI-00059 TRAFICOM, Finland. Telephone (switchboard) +358 29 534 5000.
a11y-edit-link = Edit the statement
a11y-edit-title = Edit the accessibility statement
a11y-edit-intro = The law requires the statement to say how far the requirements are met, which content is not accessible, and when it was prepared and reviewed. The feedback form and the supervisory authority are always shown.
a11y-label-compliance = Compliance
a11y-label-gaps-fi = Gaps in Finnish
a11y-label-gaps-sv = Gaps in Swedish
a11y-label-gaps-en = Gaps in English
a11y-label-prepared-on = Prepared on
a11y-label-reviewed-on = Last reviewed on
a11y-label-feedback-email = E-mail address for feedback
a11y-hint-feedback-email = Shown beside the form. When empty, the service's address is shown.
a11y-view-statement = View the statement
a11y-feedback-category = Accessibility feedback
a11y-feedback-subject = Accessibility feedback: { $about }
a11y-feedback-about-installation = The Tupa service
a11y-feedback-body = Accessibility feedback about: { $about }
    Page: { $page }

    { $description }

    The law requires an answer within 14 days.
error-a11y-date-invalid = Enter the date as YYYY-MM-DD.
error-a11y-gaps-too-long = The description is too long (at most 5,000 characters per language).
error-a11y-reviewed-before-prepared = The review date cannot be before the date the statement was prepared.
error-a11y-compliance-invalid = Choose how far the requirements are met.
error-a11y-page-too-long = The page address is too long (at most 500 characters).
error-a11y-description-missing = Tell what did not work or what you need.
