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
