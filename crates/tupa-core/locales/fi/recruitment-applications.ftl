# Recruitment: applications.

## The application form
application-title = Hae: { $ad }
application-period-over = Tämän työpaikan hakuaika on päättynyt. Hakemuksia ei voi enää lähettää.
application-other-jobs = Katso organisaation muut avoimet työpaikat
application-thanks = Kiitos, hakemuksesi on vastaanotettu.
application-your-reference = Hakemuksesi tunnus on { $reference }.
application-mail-sent = Lähetimme vahvistuksen sähköpostiisi. Siinä on linkki, jonka kautta näet hakemuksesi ja voit perua sen. Jos viestiä ei näy, katso roskapostikansio.
application-back-to-ad = Takaisin työpaikkailmoitukseen
# $time: the deadline in Finnish time
application-deadline = Hakuaika päättyy { $time }.
application-read-ad = Lue työpaikkailmoitus
application-controller = { $org } on hakemuksesi henkilötietojen rekisterinpitäjä ja käyttää niitä vain tässä rekrytoinnissa.
application-anonymous-hint = Hakemukset arvioidaan aluksi nimettöminä: arvioijat eivät näe nimeäsi, yhteystietojasi eikä ikääsi ennen myöhempää vaihetta. Jätä ne pois myös vastauksistasi ja hakemuskirjeestä.
application-label-first-name = Etunimi
application-label-last-name = Sukunimi
application-hint-email = Vahvistus ja linkki hakemukseesi lähetetään tähän osoitteeseen.
application-label-phone = Puhelinnumero (vapaaehtoinen)
application-label-birth-year = Syntymävuosi (vapaaehtoinen)
application-hint-birth-year = Neljä numeroa, esimerkiksi 1990.
application-required-mark = (pakollinen)
application-label-cover-letter = Hakemuskirje (vapaaehtoinen)
# $count: how many files; $size: megabytes per file
application-hint-files = Voit liittää enintään { $count } tiedostoa (ansioluettelo mukaan lukien), kunkin enintään { $size } Mt: PDF, kuvat (JPEG, PNG, GIF, HEIC), teksti, Word (docx), Excel (xlsx), OpenDocument (odt) tai RTF.
application-label-cv = Ansioluettelo (CV)
application-label-attachments = Muut liitteet, kuten todistukset
application-submit = Lähetä hakemus

## Mail to the applicant
application-mail-received-subject = Hakemus vastaanotettu: { $ad }
application-mail-received-body =
    Kiitos hakemuksestasi: { $org }, { $ad }.

    Hakemuksesi tunnus on { $reference }.

    Näet hakemuksesi ja voit perua sen täällä:
    { $link }

    Säilytä tämä viesti: linkki on henkilökohtainen pääsysi hakemukseesi. Älä jaa sitä.
application-mail-repeat-subject = Olet jo hakenut: { $ad }
application-mail-repeat-body =
    Tällä sähköpostiosoitteella yritettiin lähettää uusi hakemus: { $org }, { $ad }. Olet jo hakenut, joten uutta hakemusta ei tallennettu.

    Hakemuksesi tunnus on { $reference }. Näet sen täällä; jos haluat muuttaa sitä, peru se ja hae uudelleen:
    { $link }

    Aiempi linkki hakemukseesi ei enää toimi.

## The applicant's own page
application-own-title = Hakemuksesi
application-withdraw-confirm-heading = Perutaanko hakemuksesi?
application-withdraw-confirm-text = Peruttua hakemusta ei enää käsitellä tässä rekrytoinnissa. Voit hakea uudelleen hakuajan ollessa auki.
application-withdraw-confirm = Kyllä, peru hakemus
application-withdraw = Peru hakemus
application-label-reference = Tunnus
application-label-sent = Lähetetty
application-status-withdrawn-at = Peruttu { $time }
application-status-received = Vastaanotettu, käsittelyssä
application-files = Tiedostot
notice-application-withdrawn = Hakemuksesi on peruttu.

## Recruiters: the list of applications
applications-title = Hakemukset: { $ad }
applications-back-to-ad = Takaisin ilmoitukseen { $ad }
# $stage: the pipeline stage from which names are shown
applications-anonymous-note = Arviointi on nimetön: nimet, yhteystiedot ja iät näytetään vaiheesta "{ $stage }" alkaen.
applications-none = Hakemuksia ei ole vielä.
applications-sort = Järjestys
applications-sort-date = Uusimmat ensin
applications-sort-stage = Vaiheen mukaan
applications-sort-rating = Arvion mukaan
applications-count = Hakemuksia: { $count }
applications-col-applicant = Hakija
applications-col-stage = Vaihe
applications-col-rating = Arvio
applications-col-received = Vastaanotettu
applications-col-files = Tiedostot
applications-rating-of-five = { $rating } / 5
application-status-active = Käsittelyssä
application-status-refused = Hylätty
application-status-selected = Valittu
application-status-withdrawn = Peruttu

## Recruiters: one application
application-anonymised-note = Nimi, yhteystiedot ja ikä ovat piilossa, kunnes hakemus on vaiheessa "{ $stage }".
application-files-hidden = Tiedostoissa voi olla hakijan nimi, joten ne voi avata vaiheesta "{ $stage }" alkaen.
application-label-refusal-reason = Hylkäyksen syy
application-actions = Toiminnot
application-move-to = Vaihe
application-move = Siirrä
application-rate = Arvioi
application-message-template = Viesti
application-send-message = Lähetä hakijalle
application-document-template = Asiakirja
application-make-document = Tee asiakirja
application-refuse-heading = Hylkää hakemus
application-refuse-message = Viesti hakijalle
application-no-message = Ei viestiä
application-refuse = Hylkää
application-select-heading = Valitse hakija
application-select-note = Huomautus (vapaaehtoinen)
application-select = Valitse
application-note = Sisäinen muistiinpano
application-note-hint = Näkyy vain organisaation rekrytoijille.
application-save-note = Tallenna muistiinpano
application-history = Historia
application-event-received = Hakemus vastaanotettu
application-event-stage = Siirretty vaiheeseen
application-event-rating = Arvioitu
application-event-note = Muistiinpano
application-event-refusal = Hylätty
application-event-selection = Valittu
application-event-message = Viesti lähetetty
application-event-document = Asiakirja tehty
application-event-withdrawal = Hakija perui hakemuksen
notice-application-message-sent = Viesti on matkalla hakijalle.
notice-application-refused = Hakemus hylättiin.
notice-application-selected = Hakija valittiin.

## Message and document templates
application-templates-title = Viesti- ja asiakirjapohjat
application-templates-intro = Pohjat hakijoille lähetettäviin viesteihin ja asiakirjoihin, kuten haastattelukutsuihin. Kukin kirjoitetaan yhdellä–kolmella kielellä; hakija saa omankielisensä, muuten suomenkielisen.
application-templates-none = Pohjia ei ole vielä.
application-template-kind = Laji
application-template-kind-message = Viesti
application-template-kind-document = Asiakirja
application-template-retire = Poista { $name }
application-template-edit = Muuta pohjaa
application-template-new = Uusi pohja
# $tags: the merge tags, such as {first_name}
application-template-tags = Nämä merkinnät täytetään kunkin hakijan tiedoilla: { $tags }
application-template-subject = Aihe tai otsikko
application-template-body = Teksti

## Errors
error-application-files-too-many = Liian monta tiedostoa. Katso yllä, montako tiedostoa voit liittää.
error-application-file-too-large = Tiedosto on liian suuri. Katso kokoraja yllä.
error-application-file-type = Tällaista tiedostoa ei voi liittää. Lähetä PDF, kuva, teksti tai toimisto-ohjelman asiakirja.
error-application-consent-required = Anna suostumuksesi rastittamalla ruutu, muuten hakemusta ei voi käsitellä.
error-application-period-over = Hakuaika on päättynyt.
error-application-duplicate = Tällä sähköpostiosoitteella tallennetaan jo hakemusta. Katso sähköpostisi.
error-application-withdrawn = Hakija on perunut hakemuksen.
error-application-selected = Hakija on jo valittu.
error-application-anonymised = Hakemus arvioidaan vielä nimettömänä; tiedostot ja asiakirjat ovat käytettävissä myöhemmästä vaiheesta alkaen.
error-phone-invalid = Anna puhelinnumero numeroina, esimerkiksi 040 123 4567 tai +358 40 123 4567.
error-birth-year-invalid = Anna syntymävuosi neljällä numerolla, esimerkiksi 1990.
error-rating-invalid = Valitse arvio 1–5.
error-sort-invalid = Järjestä päivämäärän, vaiheen tai arvion mukaan.
error-template-kind-invalid = Valitse viesti tai asiakirja.
error-template-text-incomplete = Kirjoita teksti vähintään yhdellä kielellä; viestillä on oltava myös aihe.
error-template-unknown = Valitse pohja luettelosta.

## Audit log
audit-application-received = Hakemus vastaanotettu
audit-application-repeated = Toistettu hakemus (linkki lähetetty uudelleen)
audit-application-withdrawn = Hakija perui hakemuksen
audit-applications-viewed = Hakemuksia katsottu
audit-application-viewed = Hakemusta katsottu
audit-application-file-downloaded = Hakemuksen tiedosto ladattu
audit-application-stage-changed = Hakemus siirretty toiseen vaiheeseen
audit-application-rated = Hakemus arvioitu
audit-application-noted = Muistiinpano hakemukseen
audit-application-refused = Hakemus hylätty
audit-application-selected = Hakija valittu
audit-application-message-sent = Viesti lähetetty hakijalle
audit-application-document-made = Asiakirja tehty hakemukselle
audit-applications-purged = Hakemukset poistettu säilytysajan päätyttyä
audit-recruitment-template-created = Pohja lisätty
audit-recruitment-template-changed = Pohjaa muutettu
audit-recruitment-template-retired = Pohja poistettu
