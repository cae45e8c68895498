# Recruitment: applications.

## The application form
application-title = Apply: { $ad }
application-period-over = The application period for this job has ended. Applications can no longer be sent.
application-other-jobs = See the organisation's other open jobs
application-thanks = Thank you, your application has been received.
application-your-reference = Your application's reference is { $reference }.
application-mail-sent = We sent a confirmation to your e-mail address. It has a link where you can see your application and withdraw it. If you do not see the message, look in your spam folder.
application-back-to-ad = Back to the job ad
# $time: the deadline in Finnish time
application-deadline = Applications close { $time }.
application-read-ad = Read the job ad
application-controller = { $org } is the controller of the personal data in your application and uses it only for this recruitment.
application-anonymous-hint = Your application is reviewed anonymously at first: the reviewers do not see your name, contact details or age until a later stage. Leave them out of your answers and cover letter too.
application-label-first-name = First name
application-label-last-name = Last name
application-hint-email = The confirmation and the link to your application are sent here.
application-label-phone = Phone number (optional)
application-label-birth-year = Year of birth (optional)
application-hint-birth-year = Four digits, for example 1990.
application-required-mark = (required)
application-label-cover-letter = Cover letter (optional)
# $count: how many files; $size: megabytes per file
application-hint-files = You can attach at most { $count } files (CV included), each at most { $size } MB: PDF, images (JPEG, PNG, GIF, HEIC), text, Word (docx), Excel (xlsx), OpenDocument (odt) or RTF.
application-label-cv = CV
application-label-attachments = Other attachments, such as certificates
application-submit = Send the application

## Mail to the applicant
application-mail-received-subject = Application received: { $ad }
application-mail-received-body =
    Thank you for your application to { $org }: { $ad }.

    Your application's reference is { $reference }.

    You can see your application and withdraw it here:
    { $link }

    Keep this message: the link is your personal access to the application. Do not share it.
application-mail-repeat-subject = You have already applied: { $ad }
application-mail-repeat-body =
    Someone tried to send a new application for { $org }: { $ad } with this e-mail address. You have already applied, so the new application was not saved.

    Your application's reference is { $reference }. You can see it here; to change it, withdraw it and apply again:
    { $link }

    The earlier link to your application no longer works.

## The applicant's own page
application-own-title = Your application
application-withdraw-confirm-heading = Withdraw your application?
application-withdraw-confirm-text = A withdrawn application is no longer considered in this recruitment. You can apply again while the application period is open.
application-withdraw-confirm = Yes, withdraw the application
application-withdraw = Withdraw the application
application-label-reference = Reference
application-label-sent = Sent
application-status-withdrawn-at = Withdrawn { $time }
application-status-received = Received; being processed
application-files = Files
notice-application-withdrawn = Your application has been withdrawn.

## Recruiters: the list of applications
applications-title = Applications: { $ad }
applications-back-to-ad = Back to the ad { $ad }
# $stage: the pipeline stage from which names are shown
applications-anonymous-note = Review is anonymised: names, contact details and ages are shown from the stage "{ $stage }".
applications-none = No applications yet.
applications-sort = Sort
applications-sort-date = Newest first
applications-sort-stage = By stage
applications-sort-rating = By rating
applications-count = Applications: { $count }
applications-col-applicant = Applicant
applications-col-stage = Stage
applications-col-rating = Rating
applications-col-received = Received
applications-col-files = Files
applications-rating-of-five = { $rating } / 5
application-status-active = Active
application-status-refused = Refused
application-status-selected = Selected
application-status-withdrawn = Withdrawn

## Recruiters: one application
application-anonymised-note = Names, contact details and age are hidden until the application reaches the stage "{ $stage }".
application-files-hidden = Files may carry the applicant's name, so they can be opened from the stage "{ $stage }".
application-label-refusal-reason = Reason for refusal
application-actions = Actions
application-move-to = Stage
application-move = Move
application-rate = Rate
application-message-template = Message
application-send-message = Send to the applicant
application-document-template = Document
application-make-document = Make the document
application-refuse-heading = Refuse the application
application-refuse-message = Message to the applicant
application-no-message = No message
application-refuse = Refuse
application-select-heading = Select the applicant
application-select-note = Note (optional)
application-select = Select
application-note = Internal note
application-note-hint = Seen only by the organisation's recruiters.
application-save-note = Save the note
application-history = History
application-event-received = Application received
application-event-stage = Moved to stage
application-event-rating = Rated
application-event-note = Note
application-event-refusal = Refused
application-event-selection = Selected
application-event-message = Message sent
application-event-document = Document made
application-event-withdrawal = Withdrawn by the applicant
notice-application-message-sent = The message is on its way to the applicant.
notice-application-refused = The application was refused.
notice-application-selected = The applicant was selected.

## Message and document templates
application-templates-title = Message and document templates
application-templates-intro = Templates for messages to applicants and for documents such as interview invitations. Each is written in one to three languages; an applicant gets the one in their own language, or Finnish.
application-templates-none = No templates yet.
application-template-kind = Kind
application-template-kind-message = Message
application-template-kind-document = Document
application-template-retire = Remove { $name }
application-template-edit = Change the template
application-template-new = New template
# $tags: the merge tags, such as {first_name}
application-template-tags = These tags are filled in for each applicant: { $tags }
application-template-subject = Subject or title
application-template-body = Text

## Errors
error-application-files-too-many = Too many files. See how many files you can attach above.
error-application-file-too-large = A file is too large. See the size limit above.
error-application-file-type = This kind of file cannot be attached. Send a PDF, an image, a text or an office document.
error-application-consent-required = Tick the box to give your consent, or the application cannot be processed.
error-application-period-over = The application period has ended.
error-application-duplicate = An application with this e-mail address is already being saved. Check your e-mail.
error-application-withdrawn = The applicant has withdrawn the application.
error-application-selected = The applicant has already been selected.
error-application-anonymised = The application is still reviewed anonymously; files and documents are available from a later stage.
error-phone-invalid = Enter a phone number in digits, for example 040 123 4567 or +358 40 123 4567.
error-birth-year-invalid = Enter the year of birth as four digits, for example 1990.
error-rating-invalid = Choose a rating from 1 to 5.
error-sort-invalid = Sort by date, stage or rating.
error-template-kind-invalid = Choose message or document.
error-template-text-incomplete = Write the text in at least one language; a message also needs a subject.
error-template-unknown = Choose a template from the list.

## Audit log
audit-application-received = Application received
audit-application-repeated = Repeated application (link sent again)
audit-application-withdrawn = Application withdrawn by the applicant
audit-applications-viewed = Applications viewed
audit-application-viewed = Application viewed
audit-application-file-downloaded = Application file downloaded
audit-application-stage-changed = Application moved to another stage
audit-application-rated = Application rated
audit-application-noted = Note on an application
audit-application-refused = Application refused
audit-application-selected = Applicant selected
audit-application-message-sent = Message sent to an applicant
audit-application-document-made = Document made for an application
audit-applications-purged = Applications deleted at the end of retention
audit-recruitment-template-created = Template added
audit-recruitment-template-changed = Template changed
audit-recruitment-template-retired = Template removed
