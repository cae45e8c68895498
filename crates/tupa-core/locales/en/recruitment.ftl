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
