# Recruitment: job ads, the public job board, applications.

## Logo uploads
recruitment-logo-file-too-large = The file is { $size } MB; a logo can be at most { $max_size } MB.
recruitment-logo-not-jpeg-or-png = The file is not a JPEG or PNG image. Save the logo as .jpg or .png and try again.
recruitment-logo-dimensions-too-large = The image is { $width } × { $height } px, too large to process. A logo can be at most { $max_width } px on a side and { $max_megapixels } megapixels in all.
recruitment-logo-corrupt = The image file is damaged or incomplete and cannot be opened. Save the image again and upload the new file.
recruitment-logo-too-small = The image is { $width } × { $height } px; it must be at least { $min_width } × { $min_height } px.
recruitment-logo-wrong-aspect-ratio = The image is { $width } × { $height } px, but a logo must have the proportions { $min_width }:{ $min_height } (the width about 2.95 times the height). Cropped to { $fit_width } × { $fit_height } px it would fit.

## Job ad facts
recruitment-employment-type-permanent = Permanent
recruitment-employment-type-fixed-term = Fixed-term
recruitment-working-time-full-time = Full-time
recruitment-working-time-part-time = Part-time
recruitment-working-time-hourly = Hourly work
recruitment-engagement-public-office = Public office
recruitment-engagement-employment-contract = Employment contract

# Labels of the facts under an ad
recruitment-salary-basis = Salary
recruitment-start = Start
recruitment-duration = Duration
recruitment-engagement = Type of employment

## Feeds
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
recruitment-feed-deadline = Applications close { $time }.

## National job market (Työmarkkinatori)
recruitment-jobmarket-not-sent = The ad was not sent to Job Market Finland:
recruitment-jobmarket-no-business-id = The organisation's business ID is missing or invalid. A main admin can add it in the organisation's settings.
recruitment-jobmarket-no-occupation = The occupation (an ISCO or ESCO code) is missing. Job Market Finland does not accept an ad without one.
recruitment-jobmarket-invalid-occupation = The occupation { $code } is neither an ISCO code (for example 2221) nor the address of an ESCO occupation.
recruitment-jobmarket-no-region = The region is missing, or its code is not a two-digit region code (for example 01 Uusimaa).
recruitment-jobmarket-no-texts = The ad has no text in any language.
recruitment-jobmarket-no-title = The { $language ->
        [fi] Finnish
        [sv] Swedish
       *[en] English
    } title is missing.
recruitment-jobmarket-no-description = The { $language ->
        [fi] Finnish
        [sv] Swedish
       *[en] English
    } description is missing.
recruitment-jobmarket-no-vacancies = The number of vacancies is missing.
recruitment-jobmarket-invalid-postal-code = The postal code { $code } does not have five digits.
recruitment-jobmarket-deadline-passed = The application period has already ended.
recruitment-jobmarket-rejected = Job Market Finland refused the ad (HTTP { $status }): { $reason }
recruitment-jobmarket-credentials-refused = Job Market Finland did not accept the organisation's credentials. Check the business ID and the interface credentials in the organisation's settings.
recruitment-jobmarket-unavailable = Job Market Finland is not answering right now. The ad will be sent again automatically later.
recruitment-jobmarket-settings-invalid = The connection settings for Job Market Finland are wrong, so the ad could not be sent. Contact the service's support.

# Job ad workflow and settings
recruitment-stage-received = Received
recruitment-stage-screening = Screening
recruitment-stage-interview = Interview
recruitment-stage-final = Final round
recruitment-consent-default = I consent to the organisation processing the personal data in my application for this recruitment, as its privacy notice describes.
error-datetime-invalid = Enter the date and time, for example 15.12.2026 16:00.
error-ad-language-required = Write the title and description in at least one language.
error-municipality-code-invalid = The municipality code is three digits, for example 091 for Helsinki.
error-region-code-invalid = The region code is two digits, for example 01 for Uusimaa.
error-vacancies-invalid = The number of vacancies is a whole number from 1 to 999.
error-contacts-too-many = An ad can have at most five contacts.
error-questions-too-many = An ad can have at most twenty questions.
error-publish-after-deadline = The publishing time must be before the application deadline.
error-deadline-past = The application deadline must be in the future.
error-ad-not-editable = A closed or archived ad cannot be changed. Reopen it first.
error-ad-status-changed = Someone changed the ad's status meanwhile. Reload the page and try again.
error-note-required = Write a note saying why.
error-action-invalid = Unknown action.
error-stages-invalid = Stages need a short id (lower-case letters, digits, hyphens), unique, at most twelve, with names of at most 60 characters.
error-stage-unknown = Choose one of the pipeline's stages.
error-retention-invalid = Keep applications for 30 to 3650 days.
error-file-limits-invalid = Allow at most 20 files of 100 KB to 50 MB each.
error-text-too-long = The text is too long.
error-required = This field is required.
tab-recruitment = Recruitment

# Recruiters' pages
recruitment-ad-edit = Job ad
recruitment-ad-new = New job ad
recruitment-ads-title = Job ads
recruitment-anonymous-off = Off: names are shown
recruitment-applications-link = Applications
recruitment-approve = Approve for publishing
recruitment-archive = Archive
recruitment-back-to-ads = Back to job ads
recruitment-close = Close now
recruitment-close-confirm = Close the ad now, before its deadline? It disappears from the job board and feeds at once.
recruitment-closed-not-editable = A closed or archived ad cannot be changed. Reopen it with a new deadline to change it.
recruitment-contact = Contact
recruitment-contacts = Contacts for more information
recruitment-copy = Copy as a new draft
recruitment-decision-note = Note to the recruiter (required when returning)
recruitment-extend = Extend the application period
recruitment-extend-note = Reason (shown in the history)
recruitment-from-template = New ad from a template
recruitment-from-template-go = Create
recruitment-hint-anonymous = Names, contact details and age are hidden from reviewers until an application reaches this stage.
recruitment-hint-consent = Leave empty to use the standard text shown in each box.
recruitment-hint-deadline = Finnish time. The ad closes by itself at this minute.
recruitment-hint-duration = For a fixed-term job, for example until 31.12.2027.
recruitment-hint-municipality-code = Statistics Finland's three-digit code, for example 049 for Espoo.
recruitment-hint-occupation-code = ISCO or ESCO code; the national job market requires one.
recruitment-hint-publish-at = Leave empty to publish as soon as the ad is submitted or approved.
recruitment-hint-region-code = Two digits, for example 01 for Uusimaa (optional).
recruitment-hint-retention-days = Applications and their files are deleted this many days after the recruitment closes (default 730, two years).
recruitment-hint-salary-basis = For example the collective agreement and pay grade.
recruitment-hint-stages = One stage per line, in order. A line is a short id (received, screening, interview, final) or an id followed by the names in Finnish, Swedish and English separated by |, for example: test | Soveltuvuusarviointi | Lämplighetsbedömning | Aptitude test
recruitment-hint-start = For example 1.1.2027 or by agreement.
recruitment-history = History
recruitment-job = The job
recruitment-jobmarket = National job market
recruitment-jobmarket-link = National job market
recruitment-label-anonymous = Anonymised review until stage
recruitment-label-approval-required = Ads need a hiring manager's approval before publishing
recruitment-label-city = Town or city
recruitment-label-consent = Consent text on application forms
recruitment-label-contact-title = Title
recruitment-label-deadline = Application deadline
recruitment-label-description = Description
recruitment-label-duration = Duration
recruitment-label-employment-type = Duration of employment
recruitment-label-engagement = Type of employment
recruitment-label-languages = Languages
recruitment-label-max-file-mb = Largest file (MB)
recruitment-label-max-files = Files per application
recruitment-label-municipality = Municipality
recruitment-label-municipality-code = Municipality code
recruitment-label-occupation-code = Occupation code
recruitment-label-phone = Phone
recruitment-label-postal-code = Postal code
recruitment-label-publish-at = Publish at
recruitment-label-region-code = Region code
recruitment-label-retention-days = Keep applications (days)
recruitment-label-salary-basis = Salary basis
recruitment-label-stages = Stages of the recruitment process
recruitment-label-start = Start
recruitment-label-street = Street address of the workplace
recruitment-label-title = Title
recruitment-label-vacancies = Number of vacancies
recruitment-label-working-time = Working time
recruitment-languages-hint = Write the ad in one to three languages; a language left empty is not published.
recruitment-new-deadline = New deadline
recruitment-no-ads = No job ads here.
recruitment-place = Place of work
recruitment-public-board-link = Public job board
recruitment-public-page = Public page
recruitment-publishing-link = Logo, feeds and links for web pages
recruitment-question = Question
recruitment-question-required = An answer is required
recruitment-questions = Questions to applicants
recruitment-questions-hint = Write each question in the ad's languages. Empty rows are ignored.
recruitment-reopen = Reopen with a new deadline
recruitment-return = Return to the recruiter
recruitment-schedule = Publishing and deadline
recruitment-settings-link = Recruitment settings
recruitment-settings-title = Recruitment settings
recruitment-status-filter = Show ads
recruitment-submit = Submit for publishing
recruitment-template-new = New template
recruitment-templates-link = Message and document templates
recruitment-texts-link = General texts
recruitment-withdraw = Withdraw to draft
recruitment-workflow = State and publishing
recruitment-status-active = Current
recruitment-status-all = All
recruitment-status-template = Templates
recruitment-status-draft = Draft
recruitment-status-awaiting-approval = Awaiting approval
recruitment-status-scheduled = Scheduled
recruitment-status-published = Published
recruitment-status-closed = Closed
recruitment-status-archived = Archived
recruitment-event-created = created
recruitment-event-template-created = template created
recruitment-event-edited = edited
recruitment-event-submitted = submitted for approval
recruitment-event-scheduled = scheduled
recruitment-event-published = published
recruitment-event-approved = approved
recruitment-event-returned = returned to the recruiter
recruitment-event-close = closed by hand
recruitment-event-archive = archived
recruitment-event-withdraw = withdrawn to draft
recruitment-event-extended = application period extended
recruitment-event-reopened = reopened
recruitment-event-closed-at-deadline = closed at the deadline
recruitment-question-in-fi = In Finnish
recruitment-question-in-sv = In Swedish
recruitment-question-in-en = In English
recruitment-texts-in-fi = In Finnish
recruitment-texts-in-sv = In Swedish
recruitment-texts-in-en = In English
recruitment-general-text = General text
recruitment-general-text-insert = Insert into the description
recruitment-nav-label = Recruitment pages
