# Data subject requests (GDPR articles 15–18): the public page, the case and the export.
privacy-kind-access = Access to my data
privacy-kind-rectification = Rectification of my data
privacy-kind-erasure = Erasure of my data
privacy-kind-restriction = Restriction of processing
privacy-kind-access-hint = You get a copy of the data the organisation holds on you.
privacy-kind-rectification-hint = Tell us what is wrong and how it should read.
privacy-kind-erasure-hint = Your data is erased, except records the law requires us to keep.
privacy-kind-restriction-hint = Your data is kept but not processed further.
privacy-case-subject = Data subject request: { $kind }
privacy-case-body = Data subject request: { $kind }. Legal deadline { $due }.
    { $details }
    Handle the request: { $link }
privacy-mail-confirm-subject = Confirm your personal data request to { $org }
privacy-mail-confirm-body = Hello,

    someone asked { $org } for this on behalf of this address: { $kind }.
    If it was you, confirm the request within 24 hours by opening this link:
    { $link }

    If it was not you, ignore this message; nothing will be done.
privacy-mail-extended-subject = Your personal data request { $case }: more time is needed
privacy-mail-extended-body = Hello,

    { $org } needs more time to handle your request { $case } ({ $kind }). The new deadline is { $due }.

    Reason: { $reason }
privacy-restricted-event = Processing of this person's data is restricted (data subject request { $case }). The ticket was closed.
privacy-executed = Request carried out: { $kind }.
privacy-kept = Kept: { $what }
privacy-data-tickets = tickets
privacy-data-ticket-messages = ticket messages
privacy-data-ticket-files = ticket attachments
privacy-data-raw-mail = received mail
privacy-data-mail = sent mail
privacy-data-spaces = guidance spaces
privacy-data-space-rows = guidance space entries
privacy-data-applications = job applications
privacy-data-application-files = application files
privacy-data-tickets-closed = tickets closed
privacy-data-audit-entries = audit log entries
privacy-hold-data-request-case = the request's own case is kept to show how it was handled (GDPR art. 5(2))
privacy-hold-audit-log = the log of who handled the data is kept under the Act on Information Management in Public Administration (906/2019, s. 17)
privacy-hold-recruitment-decision = the documents of a closed recruitment are kept for the appeal period and the archive plan
privacy-role-you = You
privacy-role-adviser = Adviser
privacy-role-counsellor = Counsellor
privacy-role-client = Client
privacy-role-professional = Professional
privacy-role-other-participant = Other participant
privacy-role-system = Service
privacy-export-title = Your data at { $org } ({ $case })
privacy-export-intro = This is a copy of the personal data the organisation holds on you. The same data is in data.json; the files are in the files folder.
privacy-export-none = Nothing.
privacy-export-tickets = Service desk
privacy-export-applications = Job applications
privacy-export-spaces = Guidance spaces
privacy-export-task = Task
privacy-export-meter = Meter answers
privacy-export-audit = Who has handled your data
privacy-export-when = When
privacy-export-what = What happened
privacy-page-title = Personal data requests
privacy-page-heading = { $org }: your personal data
privacy-page-intro = Ask for a copy of your data, or for it to be corrected, erased or its processing restricted. We answer within one month.
privacy-page-controller = The controller of your data is { $org }.
privacy-page-identify-heading = Identify yourself strongly
privacy-page-identify-text = Use your online banking codes or mobile certificate. Choose this if you are a client of a guidance space.
privacy-page-identify-link = Identify yourself
privacy-page-email-heading = Confirm by e-mail
privacy-page-email-text = Give the address the organisation has your data under. We send a confirmation link to it; the request is made when you open the link.
privacy-page-signed-in = You are signed in as { $name }. The request is about the data filed under your account.
privacy-label-kind = What do you ask for?
privacy-label-details = Details (optional)
privacy-hint-details = For example what is wrong in your data, or which contact the request is about.
privacy-page-submit = Send the request
privacy-page-check-mail = If the address is right, a confirmation link is on its way. Open it within 24 hours to make the request.
privacy-confirm-heading = Confirm your request
privacy-confirm-text = Request: { $kind }. Address: { $email }.
privacy-confirm-submit = Confirm the request
privacy-done-heading = Your request has been received
privacy-done-case = Case number: { $case }
privacy-done-due = We answer by { $due }.
privacy-list-title = Data subject requests
privacy-list-empty = No requests.
privacy-col-case = Case
privacy-col-kind = Request
privacy-col-status = Status
privacy-col-due = Deadline
privacy-col-created = Received
privacy-col-email = Address
privacy-col-channel = Received by
privacy-col-details = Details
privacy-status-open = Open
privacy-status-done = Done
privacy-channel-web-email = the web page, confirmed by e-mail
privacy-channel-web-signed-in = the web page, signed in
privacy-channel-staff = staff (letter or phone)
privacy-request-heading = Data subject request { $case }
privacy-extended = Deadline extended. Reason: { $reason }
privacy-export-download = Download the data (ZIP)
privacy-execute-heading = Carry out the request
privacy-label-note = Note
privacy-hint-note = Required for rectification: what was corrected and how.
privacy-execute-submit = Mark done and carry out
privacy-extend-heading = Extend the deadline by two months
privacy-label-reason = Reason (mailed to the person)
privacy-extend-submit = Extend the deadline
privacy-outcome-heading = What was done
privacy-holds-heading = Records an erasure keeps
error-privacy-details-too-long = The text is too long (at most 5 000 characters).
error-privacy-reason-too-long = The reason is too long (at most 2 000 characters).
error-privacy-reason-missing = Give the reason for the extension.
error-privacy-request-done = The request has already been carried out.
error-privacy-already-extended = The deadline has already been extended.
error-privacy-note-missing = Write what was corrected.
error-privacy-person-missing = Give the person's e-mail address or account.
error-privacy-person-unknown = No such person in the organisation.
error-privacy-link-invalid = The link is not valid or has expired. Make the request again.
error-privacy-kind-invalid = Choose what you ask for.
error-privacy-restricted = Processing of this person's data is restricted at their request: it is kept but cannot be changed or used.
privacy-restricted-notice = Processing of the requester's data is restricted (data subject request { $case }). The ticket is kept and can be read, but not answered or changed, and retention does not delete it.

# Lifting a restriction (GDPR art. 18(3)): the notice first, then the lifting.
privacy-mail-lift-subject = Your personal data request { $case }: the restriction will be lifted
privacy-mail-lift-body = Hello,

    { $org } will lift the restriction of processing of your personal data that you obtained with request { $case }. After that your data is processed again as before.

    Reason: { $reason }

    If you have questions, answer this message or contact the organisation's data protection officer.
privacy-lift-noticed-event = The person was told that the restriction will be lifted. Reason: { $reason }
privacy-lifted-event = The restriction of processing was lifted; the person had been told beforehand.
error-privacy-lift-not-restriction = Only a restriction request can be lifted.
error-privacy-lift-not-done = The restriction has not been carried out yet.
error-privacy-lift-already-lifted = The restriction has already been lifted.
error-privacy-lift-not-noticed = Tell the person first that the restriction will be lifted (GDPR article 18(3)).
error-privacy-lift-reason-missing = Give the reason for lifting the restriction; it is mailed to the person.
privacy-lift-heading = Lifting the restriction
privacy-lift-intro = The person must be told before the restriction is lifted (GDPR article 18(3)). First send the notice with the reason, then lift the restriction.
privacy-lift-reason = Why the restriction is lifted (mailed to the person)
privacy-lift-notice-button = Tell the person
privacy-lift-button = Lift the restriction
privacy-lift-noticed = Notice sent { $when }: { $reason }
privacy-lift-lifted = Restriction lifted { $when }.
privacy-lift-active = Processing of the data is restricted.
