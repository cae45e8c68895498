# Recruitment: board.

## Public job board
board-footer-link = Avoimet työpaikat
board-heading-installation = Avoimet työpaikat
board-heading-org = Avoimet työpaikat – { $org }
board-heading-unit = Avoimet työpaikat – { $unit }, { $org }
board-logo-alt = { $org }, logo
board-search-label = Hae työpaikkoja
board-search = Hakusanat
board-filter-municipality = Kunta
board-filter-organisation = Työnantaja
board-filter-employment-type = Kesto
board-filter-working-time = Työaika
board-filter-language = Ilmoituksen kieli
board-filter-any = Kaikki
board-filter-any-language = Kaikki kielet
board-search-submit = Hae
# $count: the number of open ads found
board-count = Avoimia työpaikkoja: { $count }
board-clear-filters = Näytä kaikki avoimet työpaikat
board-none-matching = Hakuehdoilla ei löytynyt avoimia työpaikkoja. Kokeile väljempiä ehtoja.
board-none-open = Avoimia työpaikkoja ei juuri nyt ole.
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
board-deadline = Haku päättyy { $time }
board-pagination = Sivut
board-previous = Edellinen sivu
board-next = Seuraava sivu
board-page = Sivu
board-follow = Seuraa avoimia työpaikkoja syötteenä:
board-rss = RSS-syöte
board-atom = Atom-syöte
board-opens-new-tab = (avautuu uuteen välilehteen)
board-embed-all = Kaikki avoimet työpaikat
board-ad-closed = Tämän työpaikan haku on päättynyt.
board-ad-closed-at = Haku päättyi { $time }.
board-see-open = Katso organisaation { $org } avoimet työpaikat
board-ad-languages = Ilmoituksen kieli
board-apply = Hae tätä työpaikkaa
board-facts = Tiedot työpaikasta
board-fact-municipality = Kunta
board-fact-workplace = Työpaikan osoite
board-fact-employment-type = Kesto
board-fact-working-time = Työaika
board-fact-vacancies = Paikkoja
board-fact-deadline = Haku päättyy
board-contacts = Lisätietoja antaa
board-controller = Hakemuksesi henkilötietojen rekisterinpitäjä on { $org }.
board-privacy-notice = Tietosuojaseloste
board-feed-author-installation = Tupa
board-feed-description-org = Organisaation { $org } avoimet työpaikat
board-feed-description-installation = Kaikkien palvelun organisaatioiden avoimet työpaikat
