# Mail in by IMAP: polling desk mailboxes.

desk-imap-summary = Fetch mail for { $address } by IMAP
desk-imap-intro = Tupa reads new (unseen) messages from this mailbox, makes them tickets as if they had been sent to the address, and marks them read. The server must offer TLS.
desk-imap-on = on
desk-imap-paused = paused
desk-imap-failing = failing
desk-imap-last-success = Last read
desk-imap-last-error = Last error
desk-imap-save = Save IMAP settings for { $address }
desk-imap-remove = Stop fetching mail for { $address } by IMAP
desk-imap-remove-confirm = Stop fetching mail for { $address } by IMAP? Messages already in the mailbox stay there.
label-imap-host = IMAP server
label-imap-port = Port
label-imap-username = User name
label-imap-password = Password
label-imap-folder = Folder
label-imap-security = Connection security
label-imap-enabled = Fetch mail from this mailbox
hint-imap-password-new = Stored encrypted and never shown again.
hint-imap-password-kept = Leave empty to keep the stored password.
imap-security-tls = TLS (IMAPS, usually port 993)
imap-security-starttls = STARTTLS (usually port 143)
error-imap-host-invalid = Give the IMAP server's name, for example imap.example.fi.
error-imap-port-invalid = The port is a number from 1 to 65535.
error-imap-security-invalid = Choose TLS or STARTTLS.
error-imap-username-invalid = Give the user name of the mailbox.
error-imap-password-required = Give the mailbox's password.
error-imap-password-invalid = The password cannot contain line breaks or other control characters.
error-imap-folder-invalid = Give the folder's name, for example INBOX.
audit-desk-imap-set = Set the IMAP mailbox of a desk address
audit-desk-imap-removed = Stopped fetching a desk address's mail by IMAP

# Bounds on incoming mail (issue 11): addresses from headers are proposals until an adviser
# confirms them; pages show a bounded number of addresses.
desk-addresses-dropped = { $count } more addresses were not kept (the message had more recipients than are kept). They are in the original message.
desk-addresses-more = and { $count } more
desk-cc-proposed = Proposed copies
desk-cc-proposed-hint = These addresses were in the Cc of an incoming message. They get no replies unless picked for one.
desk-cc-confirm = Add { $address } as a copy recipient
desk-reply-cc = Copy of the reply
desk-reply-cc-hint = The customer always gets the reply. Pick who gets a copy; a proposal picked becomes a copy recipient.
desk-reply-cc-address = Copy to { $address }
label-message-to = To
label-message-cc = Cc
error-reply-cc-unknown = A copy can only go to a copy recipient of the case or to a proposed address.
error-reply-cc-too-many = A copy of a reply can go to at most 20 addresses.
error-cc-too-many = A case can have at most 20 copy recipients.
desk-cc-proposal-tag = proposed
