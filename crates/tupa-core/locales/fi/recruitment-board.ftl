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

## Publishing page for the web team
board-publishing-title = Julkaisu kotisivuille
board-publishing-intro = Organisaation avoimet työpaikat näkyvät kaikille julkisella sivulla:
board-logo-heading = Logo
board-logo-none = Logoa ei ole vielä ladattu. Ilmoitukset näkyvät ilman logoa.
# $size: the uploaded image's size, e.g. 1620 × 550
board-logo-size = (ladattu kuva { $size } px)
# $name: the organisation's or unit's name
board-logo-remove = Poista logo: { $name }
board-logo-target = Kenen logo
board-logo-target-hint = Yksikkö, jolla ei ole omaa logoa, käyttää organisaation logoa.
board-logo-file = Logotiedosto
board-logo-hint = JPEG- tai PNG-kuva, vähintään 810 × 275 px ja samassa suhteessa (leveys noin 2,95 kertaa korkeus), enintään 20 MB.
board-logo-upload = Lataa logo
board-logo-by-admin = Logon vaihtaa organisaation pääkäyttäjä.
board-logo-missing = Valitse ladattava kuvatiedosto.
board-logo-upload-too-large = Tiedosto on liian suuri. Logo voi olla enintään 20 MB.
notice-board-logo-saved = Logo tallennettiin. Se näkyy heti ilmoituksissa ja syötteissä.
notice-board-logo-removed = Logo poistettiin.
board-addresses-heading = Sivujen ja syötteiden osoitteet
board-addresses-intro = Kunkin kielen osoitteessa näkyvät vain sillä kielellä kirjoitetut ilmoitukset. Yksikön sivulla ja syötteessä ovat myös sen alayksiköiden ilmoitukset. Syötteet päivittyvät heti, kun ilmoitus avautuu tai haku päättyy.
board-addresses-board = Sivu
board-addresses-page = Työpaikkasivu
board-addresses-embed = Upotettava lista
board-addresses-all-languages = kaikki kielet
board-snippets-heading = Valmiit linkit kotisivuille ja intraan
board-snippets-intro = Kopioi HTML-koodi sivuston ylläpitäjälle. Linkit toimivat ilman syötteenlukijaa.
# $language: a language's own name, e.g. suomi
board-snippet-links = Linkit, { $language }
board-snippet-embed = Upotettava lista, { $language }
board-embed-intro = Upotettava lista näyttää avoimet työpaikat suoraan sivulla (iframe, ei skriptejä). Linkit avautuvat uuteen välilehteen.
