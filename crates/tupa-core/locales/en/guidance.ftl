# Guidance spaces
error-space-title-required = Give the space a title.
error-space-title-too-long = The title is too long (at most 200 characters).
error-space-name-too-long = The name is too long (at most 200 characters).
error-space-template-unknown = There is no such space template.
error-space-archived = The space is archived: it can be read but no longer written in.
error-space-message-empty = Write a message first.
error-space-message-too-long = The message is too long (at most 10 000 characters).
error-space-has-client = This space already has a client.
error-space-link-for-client = This link is for the client of the space.
error-space-status-changed = The space was changed meanwhile; reload the page.
error-ticket-already-a-space = A guidance space has already been opened from this ticket.
error-space-identification-required = Identify yourself strongly first: only the client of the space can enter with this link.
error-lang-invalid = Choose Finnish, Swedish or English.
mail-space-invite-subject = Invitation to a guidance space – { $org }
mail-space-invite-body =
    Hello,

    { $org } has opened a secure guidance space for you. Open it with this link and identify yourself with your online banking codes or a mobile certificate:

    { $link }

    The link works for { $days } days and only once.
mail-space-new-subject = New in your guidance space – { $org }
mail-space-new-body =
    Hello,

    There is something new for you in your guidance space with { $org }:

    { $link }

    For your privacy, the message itself is shown only in the service.
tab-spaces = Guidance spaces
spaces-title = Guidance spaces
spaces-none = You have no guidance spaces yet.
spaces-new = Open a new space
spaces-new-help = The client gets an invitation by email and enters the space after strong identification.
space-field-title = Title
space-field-client-email = Client's email address
space-field-client-name = Client's name
space-field-lang = Client's language
space-open-submit = Open the space
space-opened-invite = The space is open and the invitation was sent. The client's link (works once):
space-status-open = Open
space-status-closed = Closed
space-status-archived = Archived
space-unread = { $count } unread
space-conversation = Conversation
space-message-label = Message
space-send = Send
space-no-messages = No messages yet.
space-from-ticket = From the service desk
space-close = Close the space
space-reopen = Reopen the space
space-closed-note = The space is closed. You can still send messages for a while.
space-archived-note = The space is archived. You can read and download it.
space-live-status = New messages appear here as they arrive.
space-invite-title = You have been invited to a guidance space
space-invite-intro = { $org } has opened a secure guidance space for you: { $title }.
space-invite-identify = Identify yourself to enter
space-invite-test-identification = Test identification (training environment)
space-invite-accept = Enter the space
space-invite-signed-in-as = You are identified as { $name }.
ticket-to-space = Turn into a guidance space
ticket-space-link = Guidance space of this ticket
notice-space-opened = The guidance space was opened and the client invited.
notice-space-closed = The space was closed.
notice-space-reopened = The space was reopened.
audit-space-opened = opened a guidance space
