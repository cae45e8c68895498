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
