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

## National job market (Työmarkkinatori)
recruitment-jobmarket-not-sent = Ilmoitusta ei lähetetty Työmarkkinatorille:
recruitment-jobmarket-no-business-id = Organisaation Y-tunnus puuttuu tai on virheellinen. Pääkäyttäjä voi lisätä sen organisaation asetuksiin.
recruitment-jobmarket-no-occupation = Ammattiluokitus (ISCO- tai ESCO-koodi) puuttuu. Työmarkkinatori ei ota ilmoitusta vastaan ilman sitä.
recruitment-jobmarket-invalid-occupation = Ammattiluokitus { $code } ei ole ISCO-koodi (esimerkiksi 2221) eikä ESCO-ammatin osoite.
recruitment-jobmarket-no-region = Maakunta puuttuu, tai sen koodi ei ole kaksinumeroinen maakuntakoodi (esimerkiksi 01 Uusimaa).
recruitment-jobmarket-no-texts = Ilmoituksessa ei ole tekstiä millään kielellä.
recruitment-jobmarket-no-title = { $language ->
        [fi] Suomenkielinen
        [sv] Ruotsinkielinen
       *[en] Englanninkielinen
    } otsikko puuttuu.
recruitment-jobmarket-no-description = { $language ->
        [fi] Suomenkielinen
        [sv] Ruotsinkielinen
       *[en] Englanninkielinen
    } kuvaus puuttuu.
recruitment-jobmarket-no-vacancies = Avoimien paikkojen määrä puuttuu.
recruitment-jobmarket-invalid-postal-code = Postinumero { $code } ei ole viisinumeroinen.
recruitment-jobmarket-deadline-passed = Hakuaika on jo päättynyt.
recruitment-jobmarket-rejected = Työmarkkinatori hylkäsi ilmoituksen (HTTP { $status }): { $reason }
recruitment-jobmarket-credentials-refused = Työmarkkinatori ei hyväksynyt organisaation tunnuksia. Tarkista Y-tunnus ja rajapinnan tunnukset organisaation asetuksista.
recruitment-jobmarket-unavailable = Työmarkkinatori ei vastaa juuri nyt. Ilmoitus lähetetään myöhemmin automaattisesti uudelleen.
recruitment-jobmarket-settings-invalid = Työmarkkinatorin yhteysasetuksissa on virhe, eikä ilmoitusta voitu lähettää. Ota yhteys ylläpitoon.

# Job ad workflow and settings
recruitment-stage-received = Saapunut
recruitment-stage-screening = Esikarsinta
recruitment-stage-interview = Haastattelu
recruitment-stage-final = Loppuvaihe
recruitment-consent-default = Annan suostumukseni siihen, että organisaatio käsittelee hakemukseni henkilötietoja tässä rekrytoinnissa tietosuojaselosteensa mukaisesti.
error-datetime-invalid = Anna päivämäärä ja kellonaika, esimerkiksi 15.12.2026 16:00.
error-ad-language-required = Kirjoita otsikko ja kuvaus vähintään yhdellä kielellä.
error-municipality-code-invalid = Kuntakoodi on kolme numeroa, esimerkiksi 091 (Helsinki).
error-region-code-invalid = Maakuntakoodi on kaksi numeroa, esimerkiksi 01 (Uusimaa).
error-vacancies-invalid = Paikkojen määrä on kokonaisluku väliltä 1–999.
error-contacts-too-many = Ilmoituksessa voi olla enintään viisi yhteyshenkilöä.
error-questions-too-many = Ilmoituksessa voi olla enintään kaksikymmentä kysymystä.
error-publish-after-deadline = Julkaisuajan on oltava ennen hakuajan päättymistä.
error-deadline-past = Hakuajan päättymisen on oltava tulevaisuudessa.
error-ad-not-editable = Suljettua tai arkistoitua ilmoitusta ei voi muuttaa. Avaa se ensin uudelleen.
error-ad-status-changed = Joku muutti ilmoituksen tilaa sillä välin. Lataa sivu uudelleen ja yritä uudestaan.
error-note-required = Kirjoita perustelu.
error-action-invalid = Tuntematon toiminto.
error-stages-invalid = Vaiheilla on oltava lyhyt tunniste (pienet kirjaimet, numerot, yhdysmerkit), eri jokaisella, enintään kaksitoista vaihetta ja enintään 60 merkin nimet.
error-stage-unknown = Valitse jokin prosessin vaiheista.
error-retention-invalid = Hakemuksia säilytetään 30–3650 päivää.
error-file-limits-invalid = Salli enintään 20 tiedostoa, kukin 100 kt – 50 Mt.
error-text-too-long = Teksti on liian pitkä.
error-required = Tämä kenttä on pakollinen.
tab-recruitment = Rekrytointi

# Recruiters' pages
recruitment-ad-edit = Työpaikkailmoitus
recruitment-ad-new = Uusi työpaikkailmoitus
recruitment-ads-title = Työpaikkailmoitukset
recruitment-anonymous-off = Ei käytössä: nimet näkyvät
recruitment-applications-link = Hakemukset
recruitment-approve = Hyväksy julkaistavaksi
recruitment-archive = Arkistoi
recruitment-back-to-ads = Takaisin ilmoituksiin
recruitment-close = Sulje nyt
recruitment-close-confirm = Suljetaanko ilmoitus nyt ennen hakuajan päättymistä? Se poistuu heti työpaikkasivuilta ja syötteistä.
recruitment-closed-not-editable = Suljettua tai arkistoitua ilmoitusta ei voi muuttaa. Avaa se uudelleen uudella hakuajalla, jos haluat muuttaa sitä.
recruitment-contact = Yhteyshenkilö
recruitment-contacts = Lisätietojen antajat
recruitment-copy = Kopioi uudeksi luonnokseksi
recruitment-decision-note = Viesti rekrytoijalle (pakollinen palautettaessa)
recruitment-extend = Jatka hakuaikaa
recruitment-extend-note = Perustelu (näkyy historiassa)
recruitment-from-template = Uusi ilmoitus pohjasta
recruitment-from-template-go = Luo
recruitment-hint-anonymous = Nimet, yhteystiedot ja ikä piilotetaan arvioijilta, kunnes hakemus on edennyt tähän vaiheeseen.
recruitment-hint-consent = Jätä tyhjäksi, niin käytetään kentässä näkyvää vakiotekstiä.
recruitment-hint-deadline = Suomen aikaa. Ilmoitus sulkeutuu itsestään tällä minuutilla.
recruitment-hint-duration = Määräaikaisessa työssä, esimerkiksi 31.12.2027 asti.
recruitment-hint-municipality-code = Tilastokeskuksen kolminumeroinen koodi, esimerkiksi 049 (Espoo).
recruitment-hint-occupation-code = ISCO- tai ESCO-ammattikoodi; Työmarkkinatori edellyttää sitä.
recruitment-hint-publish-at = Jätä tyhjäksi, niin ilmoitus julkaistaan heti, kun se lähetetään tai hyväksytään.
recruitment-hint-region-code = Kaksi numeroa, esimerkiksi 01 (Uusimaa) (vapaaehtoinen).
recruitment-hint-retention-days = Hakemukset liitteineen poistetaan näin monen päivän kuluttua rekrytoinnin päättymisestä (oletus 730 eli kaksi vuotta).
recruitment-hint-salary-basis = Esimerkiksi virka- tai työehtosopimus ja palkkaryhmä.
recruitment-hint-stages = Yksi vaihe riville järjestyksessä. Rivi on lyhyt tunniste (received, screening, interview, final) tai tunniste ja nimet suomeksi, ruotsiksi ja englanniksi |-merkein erotettuina, esimerkiksi: test | Soveltuvuusarviointi | Lämplighetsbedömning | Aptitude test
recruitment-hint-start = Esimerkiksi 1.1.2027 tai sopimuksen mukaan.
recruitment-history = Historia
recruitment-job = Tehtävä
recruitment-jobmarket = Työmarkkinatori
recruitment-jobmarket-link = Työmarkkinatori
recruitment-label-anonymous = Anonyymi arviointi vaiheeseen asti
recruitment-label-approval-required = Ilmoitukset vaativat rekrytoivan esihenkilön hyväksynnän ennen julkaisua
recruitment-label-city = Postitoimipaikka
recruitment-label-consent = Suostumusteksti hakulomakkeella
recruitment-label-contact-title = Tehtävänimike
recruitment-label-deadline = Hakuaika päättyy
recruitment-label-description = Kuvaus
recruitment-label-duration = Kesto
recruitment-label-employment-type = Palvelussuhteen kesto
recruitment-label-engagement = Palvelussuhteen laji
recruitment-label-languages = Kielet
recruitment-label-max-file-mb = Suurin tiedosto (Mt)
recruitment-label-max-files = Tiedostoja hakemusta kohden
recruitment-label-municipality = Kunta
recruitment-label-municipality-code = Kuntakoodi
recruitment-label-occupation-code = Ammattikoodi
recruitment-label-phone = Puhelin
recruitment-label-postal-code = Postinumero
recruitment-label-publish-at = Julkaisuaika
recruitment-label-region-code = Maakuntakoodi
recruitment-label-retention-days = Hakemusten säilytysaika (päivää)
recruitment-label-salary-basis = Palkkauksen peruste
recruitment-label-stages = Rekrytointiprosessin vaiheet
recruitment-label-start = Aloitus
recruitment-label-street = Työpaikan katuosoite
recruitment-label-title = Otsikko
recruitment-label-vacancies = Paikkojen määrä
recruitment-label-working-time = Työaika
recruitment-languages-hint = Kirjoita ilmoitus yhdellä–kolmella kielellä; tyhjäksi jätettyä kieltä ei julkaista.
recruitment-new-deadline = Uusi hakuajan päättyminen
recruitment-no-ads = Ei ilmoituksia.
recruitment-place = Työpaikan sijainti
recruitment-public-board-link = Julkinen työpaikkasivu
recruitment-public-page = Julkinen sivu
recruitment-publishing-link = Logo, syötteet ja linkit verkkosivuille
recruitment-question = Kysymys
recruitment-question-required = Vastaus on pakollinen
recruitment-questions = Kysymykset hakijoille
recruitment-questions-hint = Kirjoita jokainen kysymys ilmoituksen kielillä. Tyhjät rivit ohitetaan.
recruitment-reopen = Avaa uudelleen uudella hakuajalla
recruitment-return = Palauta rekrytoijalle
recruitment-schedule = Julkaisu ja hakuaika
recruitment-settings-link = Rekrytoinnin asetukset
recruitment-settings-title = Rekrytoinnin asetukset
recruitment-status-filter = Näytä ilmoitukset
recruitment-submit = Lähetä julkaistavaksi
recruitment-template-new = Uusi ilmoituspohja
recruitment-templates-link = Viesti- ja asiakirjapohjat
recruitment-texts-link = Vakiotekstit
recruitment-withdraw = Palauta luonnokseksi
recruitment-workflow = Tila ja julkaisu
recruitment-status-active = Ajankohtaiset
recruitment-status-all = Kaikki
recruitment-status-template = Pohjat
recruitment-status-draft = Luonnos
recruitment-status-awaiting-approval = Odottaa hyväksyntää
recruitment-status-scheduled = Ajastettu
recruitment-status-published = Julkaistu
recruitment-status-closed = Päättynyt
recruitment-status-archived = Arkistoitu
recruitment-event-created = luotu
recruitment-event-template-created = pohja luotu
recruitment-event-edited = muokattu
recruitment-event-submitted = lähetetty hyväksyttäväksi
recruitment-event-scheduled = ajastettu
recruitment-event-published = julkaistu
recruitment-event-approved = hyväksytty
recruitment-event-returned = palautettu rekrytoijalle
recruitment-event-close = suljettu käsin
recruitment-event-archive = arkistoitu
recruitment-event-withdraw = palautettu luonnokseksi
recruitment-event-extended = hakuaikaa jatkettu
recruitment-event-reopened = avattu uudelleen
recruitment-event-closed-at-deadline = sulkeutui hakuajan päättyessä
recruitment-question-in-fi = Suomeksi
recruitment-question-in-sv = Ruotsiksi
recruitment-question-in-en = Englanniksi
recruitment-texts-in-fi = Suomeksi
recruitment-texts-in-sv = Ruotsiksi
recruitment-texts-in-en = Englanniksi
recruitment-general-text = Vakioteksti
recruitment-general-text-insert = Lisää kuvaukseen
recruitment-nav-label = Rekrytoinnin sivut
