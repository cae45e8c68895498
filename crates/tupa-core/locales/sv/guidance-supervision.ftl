# Chefens vy över vägledningsrum: endast siffror, inget innehåll ur samtalen.
tab-supervision = Uppföljning
supervision-title = Vägledningsrum: uppföljning
supervision-intro = De vägledningsrum du följer upp, som siffror. Rubriker, klienternas uppgifter och det som skrivits i rummen visas inte.
supervision-none = Det finns inga vägledningsrum att visa.
supervision-caption = Rum, senaste aktivitet först
supervision-reference = Rum
supervision-status = Status
supervision-counsellors = Handledare
supervision-opened = Öppnat
supervision-closed = Stängt
supervision-last-activity = Senaste aktivitet
supervision-tasks = Uppgifter
supervision-meter = Livssituationsmätare (första → senaste)
supervision-task-counts = { $given } givna, { $done } klara, { $overdue } försenade
supervision-meter-answers = { $count } svar
