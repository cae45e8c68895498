# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Liitteet
space-attach-files = Liitä tiedostoja (vapaaehtoinen)
# Announced (politely) when a new or changed item is put in place on an open space page.
space-live-task = Uusi tai muuttunut tehtävä
space-live-link = Uusi linkki
space-live-summary = Uusi tai muokattu tapaamisen yhteenveto
space-live-material = Uusi materiaali
