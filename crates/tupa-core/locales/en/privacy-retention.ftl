# Retention rules and the read audit (issue 9).
error-retention-days-invalid = The retention period must be within the data type's bounds (see the minimum and maximum days).
error-retention-at-invalid = Give the moment in RFC 3339 format, for example 2030-01-01T00:00:00Z.
retention-title = Retention periods
retention-intro = How many days each type of data is kept. The maintenance run deletes expired data hourly and logs only counts.
retention-type-tickets = Closed tickets (from closing)
retention-type-raw-mail = Original incoming mail (from receipt)
retention-type-spaces = Archived guidance spaces (from archiving)
retention-type-applications = Applications (from the recruitment's close)
retention-type-audit = Audit log (from the entry)
retention-type-outbox = Written mail (from writing)
retention-days = Days ({ $min }–{ $max }, default { $default })
retention-save = Save the retention periods
retention-saved = Retention periods saved.
