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

## Publishing page for the web team
board-publishing-title = Publicering på webbplatsen
board-publishing-intro = Organisationens lediga jobb visas för alla på en offentlig sida:
board-logo-heading = Logotyp
board-logo-none = Ingen logotyp har laddats upp ännu. Annonserna visas utan logotyp.
# $size: the uploaded image's size, e.g. 1620 × 550
board-logo-size = (uppladdad bild { $size } px)
# $name: the organisation's or unit's name
board-logo-remove = Ta bort logotypen: { $name }
board-logo-target = Vems logotyp
board-logo-target-hint = En enhet utan egen logotyp använder organisationens.
board-logo-file = Logotypfil
board-logo-hint = En JPEG- eller PNG-bild, minst 810 × 275 px och i samma proportioner (bredden cirka 2,95 gånger höjden), högst 20 MB.
board-logo-upload = Ladda upp logotypen
board-logo-by-admin = Organisationens huvudanvändare byter logotypen.
board-logo-missing = Välj en bildfil att ladda upp.
board-logo-upload-too-large = Filen är för stor. En logotyp får vara högst 20 MB.
notice-board-logo-saved = Logotypen sparades. Den syns genast i annonserna och flödena.
notice-board-logo-removed = Logotypen togs bort.
board-addresses-heading = Sidornas och flödenas adresser
board-addresses-intro = På varje språks adress visas bara annonser skrivna på det språket. En enhets sida och flöde har också underenheternas annonser. Flödena uppdateras genast när en annons öppnas eller ansökningstiden går ut.
board-addresses-board = Sida
board-addresses-page = Jobbsida
board-addresses-embed = Inbäddad lista
board-addresses-all-languages = alla språk
board-snippets-heading = Färdiga länkar för webbplatsen och intranätet
board-snippets-intro = Kopiera HTML-koden till webbplatsens administratör. Länkarna fungerar utan flödesläsare.
# $language: a language's own name, e.g. suomi
board-snippet-links = Länkar, { $language }
board-snippet-embed = Inbäddad lista, { $language }
board-embed-intro = Den inbäddade listan visar de lediga jobben direkt på sidan (iframe, inga skript). Länkarna öppnas i en ny flik.
