# Rajojen ylittävien syötteiden hylkäykset (tupa_core::limits).
error-query-too-long = Osoite on liian pitkä. Lyhennä hakua tai suodattimia ja yritä uudelleen.
error-body-too-large = Pyyntö on liian suuri. Lähetä vähemmän tietoa kerralla.
error-search-too-long = Haku on liian pitkä. Käytä enintään 200 merkkiä ja enintään 60 merkin sanoja.
error-subject-too-long = Aihe on liian pitkä (enintään 200 merkkiä).
error-roles-too-many = Liian monta roolia kerralla (enintään 100).
error-mail-too-large = Viesti on yli 25 MiB eikä sitä otettu vastaan.
