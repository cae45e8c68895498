# Tupa — English. Every key here exists in fi/main.ftl and sv/main.ftl too (a test checks).

## Layout
skip-to-content = Skip to main content
training-banner = Training environment: test data only. E-mail is not sent; it is kept in the outbox.
nav-languages = Language
nav-main = Main menu
nav-home = Home
nav-organisations = Organisations
nav-plans = Plans
nav-audit = Audit log
nav-outbox = Outbox
nav-profile = My profile
nav-sign-out = Sign out
nav-breadcrumb = You are here
nav-organisation-sections = Organisation sections
footer-accessibility = Accessibility statement
footer-environment = Environment
environment-training = training
environment-production = production
back-to-home = Back to the front page
back-to-sign-in = Back to sign-in
cancel = Cancel
save = Save
form-has-errors = Please correct the following

## Errors (error-<code>)
error-title = Something went wrong
error-status = Status code
error-not-found = The page or item was not found, or you do not have access to it.
error-forbidden = You do not have permission to do this.
error-unauthenticated = Please sign in first.
error-rate-limited = Too many attempts. Wait 15 minutes and try again.
error-not-in-plan = Your organisation's plan does not include this service.
error-unexpected = An unexpected error occurred. Please try again; if it happens again, contact support.
error-csrf-failed = The form had expired. Reload the page and try again.
error-form-too-large = The form was too large.
error-request-invalid = The request could not be read. Check the form or the JSON body.
error-method-not-allowed = This address does not accept that kind of request.
error-action-unknown = Unknown action.
error-business-id-invalid = Enter a valid business ID in the form 1234567-8.
error-cannot-deactivate-self = You cannot deactivate yourself.
error-cannot-demote-self = You cannot remove your own main admin role.
error-credentials-wrong = The e-mail address or password is wrong.
error-demo-refused-in-production = Demo data cannot be created in the production environment.
error-email-invalid = Enter a valid e-mail address, for example name@example.fi.
error-identity-taken = This identity is already linked to another person.
error-language-invalid = The language must be fi, sv or en.
error-link-invalid = The link has expired or has already been used. Ask for a new one.
error-name-invalid = Enter a name (at most 200 characters).
error-password-current-wrong = The current password is wrong.
error-password-mismatch = The passwords do not match.
error-password-too-long = The password is too long.
error-password-too-short = The password must be at least 10 characters long.
error-plan-unknown = Choose a plan from the list.
error-role-invalid = Unknown role.
error-role-not-grantable = You cannot grant or remove this role.
error-roles-empty = Choose at least one role. To remove all access, deactivate the person.
error-setup-already-done = Setup has already been completed.
error-slug-invalid = Use 2–40 lower-case letters a–z, digits and hyphens.
error-slug-taken = This short name is already in use.
error-token-name-invalid = Enter a name for the token (at most 100 characters).
error-totp-not-set-up = Two-step verification has not been set up.
error-totp-wrong = The code is wrong or has already been used. Enter the current code from your app.
error-totp-required-for-platform-admins = Platform admins must use two-step verification.
error-unit-has-live-children = Move or retire the sub-units first.
error-unit-move-cycle = A unit cannot be moved under itself or its own sub-unit.
error-unit-parent-invalid = Choose an active unit of this organisation.
error-unit-retired = A retired unit cannot be moved. Restore it first.
error-url-invalid = Enter a full web address starting with https://.
error-user-already-member = This person already belongs to the organisation.
error-user-not-invited = This person has already accepted the invitation.

## Notices after saving (notice-<key>)
notice-saved = Changes saved.
notice-signed-out = You have signed out.
notice-password-reset = Your password has been changed. Sign in with the new password.
notice-welcome = Welcome to Tupa!
notice-organisation-created = Organisation created.
notice-unit-created = Unit added.
notice-unit-renamed = Unit renamed.
notice-unit-moved = Unit moved.
notice-unit-retired = Unit retired.
notice-unit-restored = Unit restored.
notice-user-invited = Invitation sent.
notice-invitation-resent = A new invitation was sent.
notice-roles-saved = Roles saved.
notice-user-deactivated = The person was deactivated in this organisation.
notice-user-reactivated = The person was reactivated.
notice-plan-created = Plan created.
notice-password-changed = Password changed. Your other sessions were signed out.
notice-totp-enabled = Two-step verification is on.
notice-totp-disabled = Two-step verification is off.
notice-session-revoked = The session was ended.
notice-token-revoked = The token was revoked.

## Roles, capabilities, statuses
role-platform-admin = Platform admin
role-main-admin = Main admin
role-adviser = Adviser
role-counsellor = Counsellor
role-supervisor = Supervisor
role-hiring-manager = Hiring manager
role-recruiter = Recruiter
capability-desk = Service desk
capability-guidance = Guidance spaces
capability-recruitment = Recruitment
capability-reports = Reports
status-active = Active
status-invited = Invited
status-deactivated = Deactivated
outbox-status-captured = Captured (not sent)
outbox-status-pending = Waiting to be sent
outbox-status-sent = Sent
outbox-status-failed = Sending failed

## Form labels and hints
label-email = E-mail address
label-password = Password
label-new-password = New password
label-password-again = New password again
label-current-password = Current password
label-name = Name
label-organisation-name = Name of the organisation
label-slug = Short name in addresses
label-plan = Plan
label-plan-name = Name of the plan
label-capabilities = Services
label-admins-manage-settings = Main admins may change the organisation's settings themselves
label-settings-managed-by = Settings managed by
label-privacy-notice-url = Address of the privacy notice
label-business-id = Business ID
label-code = Six-digit code
label-created = Created
label-status = Status
label-roles = Roles
label-role = Role
label-current-roles = Current roles
label-role-unit = Limit the roles to a unit
label-unit = Unit
label-unit-name = Name of the unit
label-new-name = New name
label-parent-unit = Parent unit
label-invitation-language = Language of the invitation
label-language = Language
label-last-seen = Last seen
label-last-used = Last used
label-granted = Granted
label-revoked = Removed
label-time = Time
label-actor = Who
label-action = What
label-details = Target and details
label-to = To
label-subject = Subject
label-device = Device
label-signed-in = Signed in
label-actions = Actions
label-token-name = Name of the token
hint-slug = For example espoo. Lower-case letters a–z, digits and hyphens.
hint-password = At least 10 characters. A long phrase is easy to remember and hard to guess.
hint-privacy-notice-url = Shown wherever the organisation collects personal data.
hint-business-id = For example 0201256-6.
hint-role-unit = Leave empty for the whole organisation.
hint-token-name = For example the name of the system that uses it.
whole-organisation = Whole organisation
unit-retired-or-unknown = (retired unit)

## First-run setup
setup-title = Set up Tupa
setup-intro = Create the operator organisation and the first platform admin. You can add customer organisations after this.
setup-operator = Operator organisation
setup-admin = First platform admin
setup-submit = Set up

## Sign-in and passwords
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
totp-title = Two-step verification
totp-intro = Enter the six-digit code shown by your authenticator app.
totp-submit = Verify
forgot-title = Reset your password
forgot-intro = Enter your e-mail address. If it belongs to an account, we will send a link for setting a new password.
forgot-submit = Send link
forgot-sent = If the address belongs to an account, a link has been sent to it. The link is valid for one hour.
reset-title = Set a new password
reset-submit = Save password
invite-title = Welcome to Tupa
invite-intro = You have been invited to Tupa with the address { $email }. Check your name and choose a password.
invite-submit = Start using Tupa
link-invalid-title = This link no longer works
link-invalid-new-reset = Ask for a new link
link-invalid-ask-admin = Ask your organisation's main admin to send a new invitation.
link-invalid-sign-in = Already have a password? Sign in
plan-name-full = Full, self-managed
plan-name-full-managed = Full, managed by the operator
plan-name-desk = Service desk only
plan-name-operator = Operator

## Front page
home-title = Front page
home-greeting = Hello, { $name }
home-your-organisations = Your organisations
home-no-organisations = You do not have roles in any organisation yet. Your main admin can add them.
home-operator-tools = Operator tools

## Organisations
orgs-title = Organisations
orgs-all = All organisations
orgs-operator = Operator
orgs-create = Create an organisation
orgs-create-submit = Create organisation
tab-overview = Overview
tab-units = Units
tab-users = Users
tab-audit = Audit log
org-name-and-plan = Name and plan
org-settings = Settings
settings-by-main-admin = the organisation's main admins
settings-by-operator = the operator (ask support for changes)
settings-ask-operator = In your organisation's plan these settings are changed by the operator. Send a request to support.

## Units
units-title = Unit tree
units-none = No units yet.
units-edit = Change { $name }
units-rename = Rename
units-move = Move
units-retire = Retire unit
units-retire-confirm = Retire { $name }? Its history is kept and it can be restored.
units-top-level = (top level)
units-add = Add a unit
units-add-submit = Add unit
units-retired = Retired units
units-retired-at = retired { $time }
units-restore = Restore { $name }

## Users
users-title = People
users-invite = Invite a person
users-invite-submit = Send invitation
users-change-roles = Change roles
users-resend = Send the invitation again
users-deactivate = Deactivate in this organisation
users-deactivate-confirm = Deactivate { $name }? They can no longer work in this organisation; their history is kept.
users-reactivate = Reactivate
users-role-history = Role history

## Plans
plans-title = Plans
plans-intro = A plan decides which services an organisation has and whether its main admins change its settings themselves.
plans-save = Save { $name }
plans-create = Create a plan
plans-create-submit = Create plan

## Audit log
audit-title = Audit log
audit-all-intro = Events of the whole installation, newest first.
audit-none = No events yet.
audit-older = Older events
audit-sign-in = Signed in
audit-sign-in-failed = Failed sign-in
audit-sign-in-password-accepted = Password accepted, waiting for the code
audit-password-changed = Changed password
audit-password-reset = Reset password
audit-password-reset-requested = Asked for a password reset
audit-invitation-accepted = Accepted the invitation
audit-invitation-resent = Sent the invitation again
audit-setup-completed = Set up the installation
audit-organisation-created = Created the organisation
audit-organisation-renamed = Renamed the organisation
audit-plan-assigned = Assigned a plan
audit-plan-created = Created a plan
audit-plan-changed = Changed a plan
audit-settings-changed = Changed settings
audit-unit-created = Added a unit
audit-unit-renamed = Renamed a unit
audit-unit-moved = Moved a unit
audit-unit-retired = Retired a unit
audit-unit-restored = Restored a unit
audit-user-invited = Invited a person
audit-roles-changed = Changed roles
audit-user-deactivated = Deactivated a person
audit-user-reactivated = Reactivated a person
audit-token-created = Created an API token
audit-token-revoked = Revoked an API token
audit-totp-enabled = Turned on two-step verification
audit-totp-disabled = Turned off two-step verification
audit-demo-created = Created demo data

## Outbox
outbox-title = Outbox
outbox-intro = Mail written by the installation, newest first.
outbox-intro-training = In the training environment no mail is sent: every message stays here.
outbox-none = No mail yet.

## Profile
profile-title = My profile
profile-details = Details
profile-password = Password
profile-change-password = Change password
profile-totp = Two-step verification
profile-totp-on = Two-step verification is on: signing in asks for a code from your authenticator app.
profile-totp-off = Two-step verification is off. Turn it on to protect your account.
profile-totp-enable = Turn on two-step verification
profile-totp-disable = Turn off
profile-totp-required = Platform admins must keep two-step verification on.
profile-sessions = Signed-in devices
sessions-this = this device
sessions-revoke = End the session started { $time }
profile-tokens = API tokens
tokens-intro = A token lets another system use the Tupa API on your behalf.
tokens-create = Create token
tokens-created = Copy the token now. It is not shown again.
tokens-revoke = Revoke { $name }
totp-setup-title = Turn on two-step verification
totp-setup-required = Platform admins must use two-step verification. Set it up to continue.
totp-setup-step1 = Install an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).
totp-setup-step2 = Add an account in the app with this key:
totp-setup-open-app = Open in an authenticator app on this device
totp-setup-qr-alt = QR code: scan it with your authenticator app
totp-setup-step3 = Enter the six-digit code the app shows.
totp-setup-submit = Turn on

## Accessibility statement
a11y-title = Accessibility statement
a11y-intro = Tupa is built to meet the WCAG 2.1 AA criteria (EN 301 549) required by the Finnish Act on the Provision of Digital Services. The pages work with a keyboard and screen readers and on a phone.
a11y-status-heading = Compliance
a11y-status = The service is tested automatically on every change. If you find something that does not work for you, tell us.
a11y-feedback-heading = Feedback
a11y-feedback = Tell us if some content is not accessible or if you need it in another form. Your feedback is filed as a case and we answer within 14 days.
a11y-enforcement-heading = Enforcement
a11y-enforcement = If you are not satisfied with our answer, or get no answer within 14 days, you can report it to the supervisory authority. The accessibility of digital services is supervised by the Finnish Transport and Communications Agency Traficom (since 1 January 2025, instead of the Regional State Administrative Agency for Southern Finland).

## Mail
mail-invite-subject = Invitation to Tupa: { $org }
mail-invite-body =
    Hello { $name },

    { $inviter } has invited you to use Tupa for { $org }.
    Choose your password with this link (valid for 7 days):

    { $link }

    If you were not expecting this, you can ignore this message.
mail-added-subject = You have been added to { $org } in Tupa
mail-added-body =
    Hello { $name },

    You now have roles in { $org } in Tupa. Sign in with your current account:

    { $link }
mail-reset-subject = Reset your Tupa password
mail-reset-body =
    Hello { $name },

    Someone asked to reset the password of your Tupa account. Set a new password with this link (valid for one hour):

    { $link }

    If it was not you, you can ignore this message; your password stays as it is.
mail-ack-subject = We have received your message
mail-ack-body =
    Thank you for your message. It has been registered with the case number { $case }.

    We aim to answer by { $due } (Finnish time). Please keep the case number in the subject when you reply, and send each new question in a message of its own.
mail-ack-body-no-target =
    Thank you for your message. It has been registered with the case number { $case }.

    Please keep the case number in the subject when you reply, and send each new question in a message of its own.
error-desk-address-taken = This address already belongs to a desk.
error-queue-unknown = Choose a queue from the list.
audit-desk-address-added = Added a desk address
error-hours-close-before-open = The closing time must be after the opening time.
error-exception-close-before-open = The closing time of an exception must be after its opening time.
error-exception-duplicate-date = Each date can have only one exception.
mail-reply-footer = Case number { $case }. Please keep it in the subject when you reply.
error-reply-empty = Write a message first.
error-reply-collision = Someone else has answered this ticket since you opened it. Read the new message, then send again if your reply is still needed.
error-status-invalid = Choose a status from the list.
error-priority-invalid = Choose a priority from the list.
error-assignee-invalid = Only an adviser of this organisation can be assigned.
error-message-invalid = Write your message (at most 20 000 characters).
tab-desk = Service desk
desk-queue-title = Work queue
ticket-status-new = New
ticket-status-open = Open
ticket-status-waiting = Waiting for the customer
ticket-status-resolved = Resolved
ticket-status-closed = Closed
desk-status-active = All active
desk-status-all = All
label-assignee = Handler
desk-assignee-anyone = Anyone
desk-assignee-me = Me
desk-assignee-unassigned = No handler
desk-assigned-other = Another adviser
label-search = Search
desk-filter = Show
desk-none = No tickets match.
label-case-number = Case number
label-requester = Customer
label-due = Target
label-updated = Updated
sla-ok = On time
sla-due-soon = Due soon
sla-breached = Overdue
sla-done = Done
desk-contact-form-link = The public contact form
label-first-response-due = First answer due
desk-answered-at = answered { $time }
label-resolution-due = Resolution due
label-priority = Priority
ticket-priority-low = Low
ticket-priority-normal = Normal
ticket-priority-high = High
ticket-priority-urgent = Urgent
desk-release = Release the ticket
desk-take = Take the ticket
desk-conversation = Conversation
message-kind-incoming = Message
message-kind-reply = Reply
message-kind-note = Internal note
message-kind-acknowledgement = Automatic acknowledgement
message-kind-event = Event
auto-kind-auto-reply = Automatic reply
auto-kind-bounce = Delivery failure
auto-kind-list = Mailing list
auto-kind-bulk = Bulk mail
desk-reply-title = Reply or add a note
desk-reply-kind = Kind
desk-reply-public = Reply to the customer ({ $email })
desk-reply-note = Internal note (not sent)
label-message = Message
desk-status-after-reply = Status after sending
desk-send-anyway = Send anyway
desk-send = Send
contact-title = Contact
contact-heading = Contact { $org }
contact-thanks = Thank you, your message has been received.
contact-case-number = Your case number is { $case }.
contact-expect-answer = You can expect an answer by { $due } (Finnish time).
contact-mail-sent = We also sent a confirmation to your e-mail address. Please send one question per message.
contact-another = Send another message
contact-intro = Ask one question per message; each gets its own case number. Do not send personal identity codes or health information here.
hint-contact-email = The answer is sent to this address.
label-subject-optional = Subject (optional)
hint-contact-message = Describe your matter. At most 20 000 characters.
contact-submit = Send message
notice-reply-sent = Reply sent.
notice-note-saved = Note saved.
audit-ticket-replied = Replied to a ticket
audit-ticket-noted = Added a note to a ticket
audit-ticket-changed = Changed a ticket
desk-original-message = Original message (.eml)
desk-settings-title = Service desk settings
desk-settings-link = Service desk settings
desk-queues = Queues
desk-queue-add = Add a queue
label-queue-name = Name of the queue
label-queue = Queue
label-support-hours = Support hours
hint-support-hours = Leave a day empty when the desk is closed. Response targets are counted in these hours only.
label-weekday = Day
label-opens = Opens
label-closes = Closes
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
label-holidays-closed = Closed on Finnish public holidays (and Midsummer Eve and Christmas Eve)
label-first-response-hours = First answer within (working hours)
label-resolution-hours = Resolution within (working hours)
desk-addresses = E-mail addresses
desk-addresses-intro = Mail sent to these addresses becomes tickets in the chosen queue. The operator connects each address's mail to Tupa (by forwarding it or by reading the mailbox).
label-desk-address = E-mail address
desk-address-add = Add address
desk-address-remove = Remove { $address }
desk-address-remove-confirm = Stop receiving mail at { $address }?
error-time-invalid = Enter times as hours and minutes, for example 09:00.
error-target-invalid = Enter a target as a positive number of working hours.
audit-desk-queue-created = Added a desk queue
audit-desk-queue-changed = Changed a desk queue
audit-desk-address-removed = Removed a desk address
desk-canned-answers = Canned answers
desk-canned-intro = Ready-made answers advisers can insert into a reply, in each language. Placeholders: { $placeholders }.
desk-canned-shared = shared with all organisations
desk-canned-add = Add a canned answer
desk-canned-retire = Remove { $name }
desk-canned-retire-confirm = Remove the canned answer { $name }?
desk-canned-insert = Insert
desk-canned-inserted = Canned answer inserted in the message
label-canned-answer = Canned answer
label-canned-title = Title
label-canned-shared = Offer this answer to every organisation's desk
error-canned-body-empty = Write the answer in at least one language.
error-canned-share-operator-only = Only the operator can share answers with every organisation.
audit-canned-answer-created = Added a canned answer
audit-canned-answer-changed = Changed a canned answer
audit-canned-answer-retired = Removed a canned answer
desk-related = Related tickets
desk-relation-linked = related
desk-relation-refers-to = this refers to it
desk-relation-referred-by = refers to this
desk-relation-merged-from = merged here
desk-unlink = Remove the link to { $case }
desk-one-question-one-case = Link, merge
desk-link-label = Related case number
desk-link = Link
desk-merge-label = Merge this ticket into case number
desk-merge = Merge
desk-merge-confirm = Merge this ticket into the other? Its messages move there and this one closes.
desk-split = Split into a new ticket
desk-event-merged = Ticket { $case } was merged into this one.
desk-event-split-from = Split from ticket { $case }.
desk-event-split-to = A message was split into ticket { $case }.
notice-ticket-merged = Merged. This is the ticket that lives on.
notice-ticket-split = A new ticket was made; the customer was told its case number.
notice-ticket-linked = Linked.
error-case-unknown = There is no such case number in this organisation.
error-merge-into-itself = A ticket cannot be merged into itself.
error-link-to-itself = A ticket cannot be linked to itself.
error-split-message-invalid = Only one of several customer messages can be split off.
audit-ticket-merged = Merged a ticket
audit-ticket-split = Split a ticket
audit-ticket-linked = Linked tickets
audit-ticket-unlinked = Removed a link between tickets
label-category = Category
label-topic = Topic
contact-topic-none = Choose if one fits (optional)
desk-category-any = Any
desk-sla-any = Any
label-sort = Order
desk-sort-updated = Latest activity first
desk-sort-created = Newest first
desk-sort-due = Nearest target first
desk-saved-views = Saved views
desk-view-delete = Delete the view { $name }
desk-view-save-label = Save these filters as
desk-view-save = Save view
desk-categories = Topic categories
desk-categories-intro = Citizens can pick a topic on the contact form; advisers can filter the queue by it.
desk-category-add = Add a category
desk-category-retire = Remove { $name }
label-category-fi = Name in Finnish
label-category-sv = Name in Swedish
label-category-en = Name in English
error-category-invalid = Choose a category from the list.
audit-desk-category-created = Added a topic category
audit-desk-category-retired = Removed a topic category
desk-live-queue-updated = The queue was updated.
desk-live-viewing = Also viewing this ticket: %names%
desk-live-ticket-changed = This ticket has changed since you opened it.
desk-live-reload = Show the latest
label-attachments = Attachments (optional)
hint-attachments = At most 5 files of 10 MB: PDF, images (JPEG, PNG, GIF, HEIC), text, Word (docx), Excel (xlsx), OpenDocument (odt) or RTF.
error-attachment-too-large = A file is too large: at most 10 MB each and 20 MB together.
error-attachment-type-not-allowed = This kind of file cannot be sent. Send a PDF, an image, a text or an office document.
error-attachments-too-many = Send at most 5 files.
error-merge-already-merged = This ticket has already been merged into another.
error-ticket-merged-elsewhere = This ticket was merged into another; work on that one.
error-desk-address-platform-only = Ask the operator to add desk addresses: they check that the mail domain is your organisation's.
label-cc = Copies to
desk-cc-add-label = Add a copy recipient
desk-cc-add = Add recipient
desk-cc-remove = Remove { $address }
error-cc-is-requester = The customer already gets every reply.
audit-ticket-cc-added = Added a copy recipient
audit-ticket-cc-removed = Removed a copy recipient
label-hours-exceptions = Exceptions to the usual hours
hint-hours-exceptions = One date per line. A date alone closes the desk that day (2026-12-24); a date with times sets that day's hours (2026-12-23 09:00-12:00). Exceptions apply even on public holidays.
error-exceptions-invalid = Write each exception on its own line as a date, optionally followed by hours: 2026-12-24 or 2026-12-23 09:00-12:00.
error-unit-invalid = Choose one of the organisation's units in use.
desk-unit-any = Any unit
desk-queue-any = All queues
desk-assign-to = Handler
desk-no-unit = No unit
error-attachment-encoding-invalid = An attached file is not valid base64.
