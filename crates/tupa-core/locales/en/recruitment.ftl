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
