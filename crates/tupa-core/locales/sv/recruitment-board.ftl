# Recruitment: board.

## Public job board
board-footer-link = Lediga jobb
board-heading-installation = Lediga jobb
board-heading-org = Lediga jobb – { $org }
board-heading-unit = Lediga jobb – { $unit }, { $org }
board-logo-alt = { $org }, logotyp
board-search-label = Sök jobb
board-search = Sökord
board-filter-municipality = Kommun
board-filter-organisation = Arbetsgivare
board-filter-employment-type = Varaktighet
board-filter-working-time = Arbetstid
board-filter-language = Annonsens språk
board-filter-any = Alla
board-filter-any-language = Alla språk
board-search-submit = Sök
# $count: the number of open ads found
board-count = Lediga jobb: { $count }
board-clear-filters = Visa alla lediga jobb
board-none-matching = Inga lediga jobb motsvarar sökningen. Pröva med färre villkor.
board-none-open = Det finns inga lediga jobb just nu.
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
board-deadline = Ansökningstiden går ut { $time }
board-pagination = Sidor
board-previous = Föregående sida
board-next = Nästa sida
board-page = Sida
board-follow = Följ lediga jobb som flöde:
board-rss = RSS-flöde
board-atom = Atom-flöde
board-opens-new-tab = (öppnas i en ny flik)
board-embed-all = Alla lediga jobb
board-ad-closed = Ansökningstiden för det här jobbet har gått ut.
board-ad-closed-at = Ansökningstiden gick ut { $time }.
board-see-open = Se lediga jobb hos { $org }
board-ad-languages = Annonsens språk
board-apply = Sök det här jobbet
board-facts = Uppgifter om jobbet
board-fact-municipality = Kommun
board-fact-workplace = Arbetsplatsens adress
board-fact-employment-type = Varaktighet
board-fact-working-time = Arbetstid
board-fact-vacancies = Antal platser
board-fact-deadline = Ansökningstiden går ut
board-contacts = Mer information ger
board-controller = Personuppgiftsansvarig för uppgifterna i din ansökan är { $org }.
board-privacy-notice = Dataskyddsbeskrivning
board-feed-author-installation = Tupa
board-feed-description-org = Lediga jobb hos { $org }
board-feed-description-installation = Lediga jobb hos alla organisationer i tjänsten
