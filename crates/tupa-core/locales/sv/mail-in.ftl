# Mail in by IMAP: polling desk mailboxes.
