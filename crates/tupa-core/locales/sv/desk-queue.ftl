# Arbetskön med många ärenden (sidindelning, begränsade antal, relevansordning).
error-cursor-invalid = Sidans fortsättningspunkt gäller inte för de här filtren. Börja från köns början.
# Ett antal som räknats bara upp till gränsen, till exempel "1 000+".
desk-count-more = { $count }+
desk-next-page = Nästa sida
desk-first-page = Första sidan
desk-pages = Köns sidor
desk-sort-relevance = Mest relevanta först (sökning)
