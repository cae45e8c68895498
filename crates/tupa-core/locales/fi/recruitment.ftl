# Recruitment: job ads, the public job board, applications.

## Logo uploads
recruitment-logo-file-too-large = Tiedoston koko on { $size } Mt; logon enimmäiskoko on { $max_size } Mt.
recruitment-logo-not-jpeg-or-png = Tiedosto ei ole JPEG- eikä PNG-kuva. Tallenna logo .jpg- tai .png-muotoon ja yritä uudelleen.
recruitment-logo-dimensions-too-large = Kuva on { $width } × { $height } px, mikä on liian suuri käsiteltäväksi. Logon sivu voi olla enintään { $max_width } px ja koko enintään { $max_megapixels } megapikseliä.
recruitment-logo-corrupt = Kuvatiedosto on vioittunut tai keskeneräinen, eikä sitä voi avata. Tallenna kuva uudelleen ja lähetä uusi tiedosto.
recruitment-logo-too-small = Kuva on { $width } × { $height } px; sen on oltava vähintään { $min_width } × { $min_height } px.
recruitment-logo-wrong-aspect-ratio = Kuva on { $width } × { $height } px, mutta logon kuvasuhteen on oltava { $min_width }:{ $min_height } (leveys noin 2,95 kertaa korkeus). Rajattuna kokoon { $fit_width } × { $fit_height } px kuva kelpaisi.

## Job ad facts
recruitment-employment-type-permanent = Vakituinen
recruitment-employment-type-fixed-term = Määräaikainen
recruitment-working-time-full-time = Kokoaikatyö
recruitment-working-time-part-time = Osa-aikatyö
recruitment-working-time-hourly = Tuntityö
recruitment-engagement-public-office = Virkasuhde
recruitment-engagement-employment-contract = Työsuhde

# Labels of the facts under an ad
recruitment-salary-basis = Palkkaus
recruitment-start = Työn alkaminen
recruitment-duration = Kesto
recruitment-engagement = Palvelussuhde

## Feeds
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
recruitment-feed-deadline = Hakuaika päättyy { $time }.
