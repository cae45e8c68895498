# Refusals of inputs over their limits (tupa_core::limits).
error-query-too-long = The address is too long. Shorten the search or the filters and try again.
error-body-too-large = The request is too large. Send less data at once.
error-search-too-long = The search is too long. Use at most 200 characters and words of at most 60 characters.
error-subject-too-long = The subject is too long (at most 200 characters).
error-roles-too-many = Too many roles at once (at most 100).
error-mail-too-large = The message is larger than 25 MiB and was not received.
