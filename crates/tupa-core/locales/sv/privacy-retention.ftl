# Retention rules and the read audit (issue 9).
error-retention-days-invalid = Lagringstiden ska ligga inom datatypens gränser (se minsta och största antal dagar).
error-retention-at-invalid = Ange tidpunkten i formatet RFC 3339, till exempel 2030-01-01T00:00:00Z.
retention-title = Lagringstider
retention-intro = Hur många dagar varje datatyp sparas. Underhållskörningen raderar föråldrade uppgifter en gång i timmen och loggar endast antal.
retention-type-tickets = Stängda ärenden (från stängningen)
retention-type-raw-mail = Inkommande e-posts originalmeddelanden (från ankomsten)
retention-type-spaces = Arkiverade vägledningsrum (från arkiveringen)
retention-type-applications = Ansökningar (från att rekryteringen avslutades)
retention-type-audit = Händelselogg (från registreringen)
retention-type-outbox = Skickade meddelanden (från att de skrevs)
retention-days = Dagar ({ $min }–{ $max }, standard { $default })
retention-save = Spara lagringstiderna
retention-saved = Lagringstiderna har sparats.
