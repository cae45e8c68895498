# Esihenkilön näkymä ohjaustiloihin: vain luvut, ei keskustelujen sisältöä.
tab-supervision = Seuranta
supervision-title = Ohjaustilat: seuranta
supervision-intro = Seuraamasi ohjaustilat lukuina. Otsikoita, asiakkaiden tietoja tai tiloihin kirjoitettua ei näytetä.
supervision-none = Näytettäviä ohjaustiloja ei ole.
supervision-caption = Tilat, viimeisin toiminta ensin
supervision-reference = Tila
supervision-status = Tilanne
supervision-counsellors = Ohjaajat
supervision-opened = Avattu
supervision-closed = Suljettu
supervision-last-activity = Viimeisin toiminta
supervision-tasks = Tehtävät
supervision-meter = Elämäntilannemittari (ensimmäinen → viimeisin)
supervision-task-counts = { $given } annettu, { $done } tehty, { $overdue } myöhässä
supervision-meter-answers = { $count } vastausta
