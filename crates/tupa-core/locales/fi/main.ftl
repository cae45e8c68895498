# Tupa — suomi. Jokainen tämän tiedoston avain on myös tiedostoissa en/main.ftl ja sv/main.ftl (testi tarkistaa).

## Sivupohja
skip-to-content = Siirry pääsisältöön
training-banner = Koulutusympäristö: vain testitietoja. Sähköposteja ei lähetetä, vaan ne jäävät lähtevään postiin.
nav-languages = Kieli
nav-main = Päävalikko
nav-home = Etusivu
nav-organisations = Organisaatiot
nav-plans = Sopimustasot
nav-audit = Tapahtumaloki
nav-outbox = Lähtevä posti
nav-profile = Omat tiedot
nav-sign-out = Kirjaudu ulos
nav-breadcrumb = Olet tässä
nav-organisation-sections = Organisaation osiot
footer-accessibility = Saavutettavuusseloste
footer-environment = Ympäristö
environment-training = koulutusympäristö
environment-production = tuotantoympäristö
back-to-home = Takaisin etusivulle
back-to-sign-in = Takaisin kirjautumiseen
cancel = Peruuta
save = Tallenna
form-has-errors = Korjaa seuraavat kohdat

## Virheet (error-<koodi>)
error-title = Jokin meni vikaan
error-status = Tilakoodi
error-not-found = Sivua tai kohdetta ei löytynyt, tai sinulla ei ole siihen pääsyä.
error-forbidden = Sinulla ei ole oikeutta tehdä tätä.
error-unauthenticated = Kirjaudu ensin sisään.
error-rate-limited = Liian monta yritystä. Odota 15 minuuttia ja yritä uudelleen.
error-not-in-plan = Organisaatiosi sopimustasoon ei sisälly tätä palvelua.
error-unexpected = Tapahtui odottamaton virhe. Yritä uudelleen. Jos virhe toistuu, ota yhteyttä tukeen.
error-csrf-failed = Lomake oli vanhentunut. Lataa sivu uudelleen ja yritä sitten uudestaan.
error-form-too-large = Lomake oli liian suuri.
error-request-invalid = Pyyntöä ei voitu lukea. Tarkista lomake tai JSON-sisältö.
error-method-not-allowed = Tämä osoite ei hyväksy tällaista pyyntöä.
error-action-unknown = Tuntematon toiminto.
error-business-id-invalid = Anna kelvollinen Y-tunnus muodossa 1234567-8.
error-cannot-deactivate-self = Et voi poistaa itseäsi käytöstä.
error-cannot-demote-self = Et voi poistaa omaa pääkäyttäjän rooliasi.
error-credentials-wrong = Sähköpostiosoite tai salasana on väärin.
error-demo-refused-in-production = Esittelytietoja ei voi luoda tuotantoympäristöön.
error-email-invalid = Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@example.fi.
error-identity-taken = Tämä tunnistautumistili on jo liitetty toiseen henkilöön.
error-language-invalid = Kielen on oltava fi, sv tai en.
error-link-invalid = Linkki on vanhentunut tai sitä on jo käytetty. Pyydä uusi linkki.
error-name-invalid = Anna nimi (enintään 200 merkkiä).
error-password-current-wrong = Nykyinen salasana on väärin.
error-password-mismatch = Salasanat eivät ole samat.
error-password-too-long = Salasana on liian pitkä.
error-password-too-short = Salasanassa on oltava vähintään 10 merkkiä.
error-plan-unknown = Valitse sopimustaso luettelosta.
error-role-invalid = Tuntematon rooli.
error-role-not-grantable = Et voi antaa tai poistaa tätä roolia.
error-roles-empty = Valitse vähintään yksi rooli. Jos haluat poistaa kaikki oikeudet, poista henkilö käytöstä.
error-setup-already-done = Käyttöönotto on jo tehty.
error-slug-invalid = Käytä 2–40 merkkiä: pieniä kirjaimia a–z, numeroita ja väliviivoja.
error-slug-taken = Tämä lyhyt nimi on jo käytössä.
error-token-name-invalid = Anna avaimelle nimi (enintään 100 merkkiä).
error-totp-not-set-up = Kaksivaiheista tunnistautumista ei ole otettu käyttöön.
error-totp-wrong = Koodi on väärin tai sitä on jo käytetty. Anna sovelluksessa juuri nyt näkyvä koodi.
error-totp-required-for-platform-admins = Alustan ylläpitäjien on käytettävä kaksivaiheista tunnistautumista.
error-unit-has-live-children = Siirrä tai lakkauta ensin alayksiköt.
error-unit-move-cycle = Yksikköä ei voi siirtää itsensä tai oman alayksikkönsä alle.
error-unit-parent-invalid = Valitse tämän organisaation käytössä oleva yksikkö.
error-unit-retired = Lakkautettua yksikköä ei voi siirtää. Palauta se ensin.
error-url-invalid = Anna täydellinen verkko-osoite, joka alkaa merkeillä https://.
error-user-already-member = Tämä henkilö kuuluu jo organisaatioon.
error-user-not-invited = Tämä henkilö on jo hyväksynyt kutsun.

## Ilmoitukset tallennuksen jälkeen (notice-<avain>)
notice-saved = Muutokset on tallennettu.
notice-signed-out = Olet kirjautunut ulos.
notice-password-reset = Salasanasi on vaihdettu. Kirjaudu sisään uudella salasanalla.
notice-welcome = Tervetuloa Tupaan!
notice-organisation-created = Organisaatio on luotu.
notice-unit-created = Yksikkö on lisätty.
notice-unit-renamed = Yksikön nimi on muutettu.
notice-unit-moved = Yksikkö on siirretty.
notice-unit-retired = Yksikkö on lakkautettu.
notice-unit-restored = Yksikkö on palautettu.
notice-user-invited = Kutsu on lähetetty.
notice-invitation-resent = Uusi kutsu on lähetetty.
notice-roles-saved = Roolit on tallennettu.
notice-user-deactivated = Henkilö on poistettu käytöstä tässä organisaatiossa.
notice-user-reactivated = Henkilö on otettu uudelleen käyttöön.
notice-plan-created = Sopimustaso on luotu.
notice-password-changed = Salasana on vaihdettu. Sinut kirjattiin ulos muista istunnoista.
notice-totp-enabled = Kaksivaiheinen tunnistautuminen on otettu käyttöön.
notice-totp-disabled = Kaksivaiheinen tunnistautuminen on poistettu käytöstä.
notice-session-revoked = Istunto on lopetettu.
notice-token-revoked = API-avain on poistettu käytöstä.

## Roolit, palvelut ja tilat
role-platform-admin = Alustan ylläpitäjä
role-main-admin = Pääkäyttäjä
role-adviser = Neuvoja
role-counsellor = Ohjaaja
role-supervisor = Valvoja
role-hiring-manager = Rekrytoiva esihenkilö
role-recruiter = Rekrytoija
capability-desk = Asiakaspalvelu
capability-guidance = Ohjaustilat
capability-recruitment = Rekrytointi
capability-reports = Raportit
status-active = Aktiivinen
status-invited = Kutsuttu
status-deactivated = Poistettu käytöstä
outbox-status-captured = Tallennettu (ei lähetetty)
outbox-status-pending = Odottaa lähetystä
outbox-status-sent = Lähetetty
outbox-status-failed = Lähetys epäonnistui

## Lomakkeiden kenttien nimet ja ohjeet
label-email = Sähköpostiosoite
label-password = Salasana
label-new-password = Uusi salasana
label-password-again = Uusi salasana uudelleen
label-current-password = Nykyinen salasana
label-name = Nimi
label-organisation-name = Organisaation nimi
label-slug = Lyhyt nimi verkko-osoitteissa
label-plan = Sopimustaso
label-plan-name = Sopimustason nimi
label-capabilities = Palvelut
label-admins-manage-settings = Pääkäyttäjät voivat itse muuttaa organisaation asetuksia
label-settings-managed-by = Asetuksista vastaa
label-privacy-notice-url = Tietosuojaselosteen osoite
label-business-id = Y-tunnus
label-code = Kuusinumeroinen koodi
label-created = Luotu
label-status = Tila
label-roles = Roolit
label-role = Rooli
label-current-roles = Nykyiset roolit
label-role-unit = Rajaa roolit yksikköön
label-unit = Yksikkö
label-unit-name = Yksikön nimi
label-new-name = Uusi nimi
label-parent-unit = Yläyksikkö
label-invitation-language = Kutsun kieli
label-language = Kieli
label-last-seen = Viimeksi aktiivinen
label-last-used = Viimeksi käytetty
label-granted = Annettu
label-revoked = Poistettu
label-time = Aika
label-actor = Kuka
label-action = Mitä
label-details = Kohde ja tiedot
label-to = Vastaanottaja
label-subject = Aihe
label-device = Laite
label-signed-in = Kirjautunut sisään
label-actions = Toiminnot
label-token-name = Avaimen nimi
hint-slug = Esimerkiksi espoo. Pieniä kirjaimia a–z, numeroita ja väliviivoja.
hint-password = Vähintään 10 merkkiä. Pitkä lause on helppo muistaa ja vaikea arvata.
hint-privacy-notice-url = Näytetään kaikkialla, missä organisaatio kerää henkilötietoja.
hint-business-id = Esimerkiksi 0201256-6.
hint-role-unit = Jätä tyhjäksi, jos roolit koskevat koko organisaatiota.
hint-token-name = Esimerkiksi avainta käyttävän järjestelmän nimi.
whole-organisation = Koko organisaatio
unit-retired-or-unknown = (lakkautettu yksikkö)

## Käyttöönotto
setup-title = Ota Tupa käyttöön
setup-intro = Luo palveluntarjoajan organisaatio ja ensimmäinen alustan ylläpitäjä. Asiakasorganisaatiot voit lisätä tämän jälkeen.
setup-operator = Palveluntarjoajan organisaatio
setup-admin = Ensimmäinen alustan ylläpitäjä
setup-submit = Ota käyttöön

## Kirjautuminen ja salasanat
sign-in-title = Kirjaudu sisään
sign-in-submit = Kirjaudu sisään
sign-in-forgot = Unohditko salasanasi?
totp-title = Kaksivaiheinen tunnistautuminen
totp-intro = Anna todennussovelluksesi näyttämä kuusinumeroinen koodi.
totp-submit = Vahvista
forgot-title = Salasanan palauttaminen
forgot-intro = Anna sähköpostiosoitteesi. Jos osoitteella on käyttäjätili, lähetämme siihen linkin, jolla voit asettaa uuden salasanan.
forgot-submit = Lähetä linkki
forgot-sent = Jos osoitteella on käyttäjätili, siihen on lähetetty linkki. Linkki on voimassa tunnin.
reset-title = Aseta uusi salasana
reset-submit = Tallenna salasana
invite-title = Tervetuloa Tupaan
invite-intro = Sinut on kutsuttu Tupaan sähköpostiosoitteella { $email }. Tarkista nimesi ja valitse salasana.
invite-submit = Aloita Tupan käyttö
link-invalid-title = Linkki ei ole enää voimassa
link-invalid-new-reset = Pyydä uusi linkki
link-invalid-ask-admin = Pyydä organisaatiosi pääkäyttäjää lähettämään uusi kutsu.
link-invalid-sign-in = Onko sinulla jo salasana? Kirjaudu sisään
plan-name-full = Täysi, itse hallittu
plan-name-full-managed = Täysi, palveluntarjoajan hallinnoima
plan-name-desk = Vain asiakaspalvelu
plan-name-operator = Palveluntarjoaja

## Etusivu
home-title = Etusivu
home-greeting = Hei, { $name }
home-your-organisations = Organisaatiosi
home-no-organisations = Sinulla ei ole vielä rooleja missään organisaatiossa. Organisaatiosi pääkäyttäjä voi lisätä ne.
home-operator-tools = Palveluntarjoajan työkalut

## Organisaatiot
orgs-title = Organisaatiot
orgs-all = Kaikki organisaatiot
orgs-operator = Palveluntarjoaja
orgs-create = Luo organisaatio
orgs-create-submit = Luo organisaatio
tab-overview = Yleiskatsaus
tab-units = Yksiköt
tab-users = Käyttäjät
tab-audit = Tapahtumaloki
org-name-and-plan = Nimi ja sopimustaso
org-settings = Asetukset
settings-by-main-admin = organisaation pääkäyttäjät
settings-by-operator = palveluntarjoaja (pyydä muutoksia tuelta)
settings-ask-operator = Organisaatiosi sopimustasossa näitä asetuksia muuttaa palveluntarjoaja. Lähetä pyyntö tuelle.

## Yksiköt
units-title = Yksikkörakenne
units-none = Yksiköitä ei ole vielä.
units-edit = Muokkaa yksikköä { $name }
units-rename = Muuta nimeä
units-move = Siirrä
units-retire = Lakkauta yksikkö
units-retire-confirm = Lakkautetaanko yksikkö { $name }? Sen historia säilyy, ja yksikön voi palauttaa.
units-top-level = (ylin taso)
units-add = Lisää yksikkö
units-add-submit = Lisää yksikkö
units-retired = Lakkautetut yksiköt
units-retired-at = lakkautettu { $time }
units-restore = Palauta yksikkö { $name }

## Käyttäjät
users-title = Henkilöt
users-invite = Kutsu henkilö
users-invite-submit = Lähetä kutsu
users-change-roles = Muuta rooleja
users-resend = Lähetä kutsu uudelleen
users-deactivate = Poista käytöstä tässä organisaatiossa
users-deactivate-confirm = Poistetaanko { $name } käytöstä? Hän ei voi enää työskennellä tässä organisaatiossa, mutta hänen historiansa säilyy.
users-reactivate = Ota uudelleen käyttöön
users-role-history = Roolihistoria

## Sopimustasot
plans-title = Sopimustasot
plans-intro = Sopimustaso määrää, mitä palveluja organisaatiolla on ja voivatko sen pääkäyttäjät muuttaa asetuksia itse.
plans-save = Tallenna sopimustaso { $name }
plans-create = Luo sopimustaso
plans-create-submit = Luo sopimustaso

## Tapahtumaloki
audit-title = Tapahtumaloki
audit-all-intro = Koko järjestelmän tapahtumat uusimmasta alkaen.
audit-none = Tapahtumia ei ole vielä.
audit-older = Vanhemmat tapahtumat
audit-sign-in = Kirjautui sisään
audit-sign-in-failed = Epäonnistunut kirjautuminen
audit-sign-in-password-accepted = Salasana hyväksytty, odotetaan koodia
audit-password-changed = Vaihtoi salasanan
audit-password-reset = Asetti uuden salasanan
audit-password-reset-requested = Pyysi salasanan palauttamista
audit-invitation-accepted = Hyväksyi kutsun
audit-invitation-resent = Lähetti kutsun uudelleen
audit-setup-completed = Otti järjestelmän käyttöön
audit-organisation-created = Loi organisaation
audit-organisation-renamed = Muutti organisaation nimeä
audit-plan-assigned = Määritti sopimustason
audit-plan-created = Loi sopimustason
audit-plan-changed = Muutti sopimustasoa
audit-settings-changed = Muutti asetuksia
audit-unit-created = Lisäsi yksikön
audit-unit-renamed = Muutti yksikön nimeä
audit-unit-moved = Siirsi yksikön
audit-unit-retired = Lakkautti yksikön
audit-unit-restored = Palautti yksikön
audit-user-invited = Kutsui henkilön
audit-roles-changed = Muutti rooleja
audit-user-deactivated = Poisti henkilön käytöstä
audit-user-reactivated = Otti henkilön uudelleen käyttöön
audit-token-created = Loi API-avaimen
audit-token-revoked = Poisti API-avaimen käytöstä
audit-totp-enabled = Otti käyttöön kaksivaiheisen tunnistautumisen
audit-totp-disabled = Poisti käytöstä kaksivaiheisen tunnistautumisen
audit-demo-created = Loi esittelytiedot

## Lähtevä posti
outbox-title = Lähtevä posti
outbox-intro = Järjestelmän kirjoittamat viestit uusimmasta alkaen.
outbox-intro-training = Koulutusympäristössä viestejä ei lähetetä, vaan kaikki viestit jäävät tänne.
outbox-none = Viestejä ei ole vielä.

## Omat tiedot
profile-title = Omat tiedot
profile-details = Perustiedot
profile-password = Salasana
profile-change-password = Vaihda salasana
profile-totp = Kaksivaiheinen tunnistautuminen
profile-totp-on = Kaksivaiheinen tunnistautuminen on käytössä: kirjautuessasi sinulta kysytään koodia todennussovelluksesta.
profile-totp-off = Kaksivaiheinen tunnistautuminen ei ole käytössä. Ota se käyttöön, niin tilisi on paremmin suojattu.
profile-totp-enable = Ota kaksivaiheinen tunnistautuminen käyttöön
profile-totp-disable = Poista käytöstä
profile-totp-required = Alustan ylläpitäjillä kaksivaiheisen tunnistautumisen on oltava aina käytössä.
profile-sessions = Kirjautuneet laitteet
sessions-this = tämä laite
sessions-revoke = Päätä { $time } alkanut istunto
profile-tokens = API-avaimet
tokens-intro = API-avaimella toinen järjestelmä voi käyttää Tupan rajapintaa puolestasi.
tokens-create = Luo API-avain
tokens-created = Kopioi avain nyt. Sitä ei näytetä uudelleen.
tokens-revoke = Poista avain { $name } käytöstä
totp-setup-title = Ota kaksivaiheinen tunnistautuminen käyttöön
totp-setup-required = Alustan ylläpitäjien on käytettävä kaksivaiheista tunnistautumista. Ota se käyttöön, niin voit jatkaa.
totp-setup-step1 = Asenna puhelimeesi todennussovellus (esimerkiksi Microsoft Authenticator tai Google Authenticator).
totp-setup-step2 = Lisää sovellukseen tili tällä avaimella:
totp-setup-open-app = Avaa tämän laitteen todennussovelluksessa
totp-setup-qr-alt = QR-koodi: skannaa se todennussovelluksella
totp-setup-step3 = Anna sovelluksen näyttämä kuusinumeroinen koodi.
totp-setup-submit = Ota käyttöön

## Saavutettavuusseloste
a11y-title = Saavutettavuusseloste
a11y-intro = Tupa on tehty täyttämään WCAG 2.1 AA -kriteerit (EN 301 549), joita laki digitaalisten palvelujen tarjoamisesta edellyttää. Sivuja voi käyttää näppäimistöllä, ruudunlukijalla ja puhelimella.
a11y-status-heading = Vaatimustenmukaisuus
a11y-status = Palvelu testataan automaattisesti jokaisen muutoksen yhteydessä. Jos huomaat jotain, mikä ei toimi sinulle, kerro siitä meille.
a11y-feedback-heading = Palaute
a11y-feedback = Kerro meille, jos jokin sisältö ei ole saavutettavaa tai tarvitset sen muussa muodossa. Palaute kirjataan asiaksi, ja vastaamme 14 päivän kuluessa.
a11y-enforcement-heading = Valvontaviranomainen
a11y-enforcement = Jos et ole tyytyväinen vastaukseemme tai et saa vastausta 14 päivässä, voit tehdä ilmoituksen valvontaviranomaiselle. Digitaalisten palvelujen saavutettavuutta valvoo Liikenne- ja viestintävirasto Traficom (1.1.2025 alkaen Etelä-Suomen aluehallintoviraston sijaan).

## Sähköpostit
mail-invite-subject = Kutsu Tupaan: { $org }
mail-invite-body =
    Hei { $name },

    { $inviter } on kutsunut sinut käyttämään Tupaa organisaatiossa { $org }.
    Valitse salasanasi tällä linkillä (voimassa 7 päivää):

    { $link }

    Jos et odottanut tätä viestiä, voit jättää sen huomiotta.
mail-added-subject = Sinut on lisätty organisaatioon { $org } Tupassa
mail-added-body =
    Hei { $name },

    Sinulla on nyt rooleja organisaatiossa { $org } Tupassa. Kirjaudu sisään nykyisellä tililläsi:

    { $link }
mail-reset-subject = Tupan salasanan palauttaminen
mail-reset-body =
    Hei { $name },

    Joku on pyytänyt Tupa-tilisi salasanan palauttamista. Aseta uusi salasana tällä linkillä (voimassa tunnin):

    { $link }

    Jos pyyntö ei tullut sinulta, voit jättää tämän viestin huomiotta. Salasanasi pysyy ennallaan.
mail-ack-subject = Viestisi on vastaanotettu
mail-ack-body =
    Kiitos viestistäsi. Se on kirjattu asianumerolla { $case }.

    Pyrimme vastaamaan { $due } mennessä. Säilytä asianumero otsikossa, kun vastaat, ja lähetä jokainen uusi kysymys omana viestinään.
mail-ack-body-no-target =
    Kiitos viestistäsi. Se on kirjattu asianumerolla { $case }.

    Säilytä asianumero otsikossa, kun vastaat, ja lähetä jokainen uusi kysymys omana viestinään.
error-desk-address-taken = Tämä osoite on jo jonkin asiakaspalvelun käytössä.
error-queue-unknown = Valitse jono luettelosta.
audit-desk-address-added = Lisäsi asiakaspalvelun osoitteen
error-hours-close-before-open = Sulkemisajan on oltava avaamisajan jälkeen.
error-exception-close-before-open = Poikkeuksen sulkemisajan on oltava sen avaamisajan jälkeen.
error-exception-duplicate-date = Kullekin päivälle voi olla vain yksi poikkeus.
mail-reply-footer = Asianumero { $case }. Säilytä se otsikossa, kun vastaat.
error-reply-empty = Kirjoita ensin viesti.
error-reply-collision = Joku muu on vastannut tähän tikettiin sen jälkeen, kun avasit sen. Lue uusi viesti ja lähetä sitten uudelleen, jos vastauksesi on yhä tarpeen.
error-status-invalid = Valitse tila luettelosta.
error-priority-invalid = Valitse kiireellisyys luettelosta.
error-assignee-invalid = Käsittelijäksi voi valita vain tämän organisaation neuvojan.
error-message-invalid = Kirjoita viestisi (enintään 20 000 merkkiä).
tab-desk = Asiakaspalvelu
desk-queue-title = Työjono
ticket-status-new = Uusi
ticket-status-open = Avoin
ticket-status-waiting = Odottaa asiakasta
ticket-status-resolved = Ratkaistu
ticket-status-closed = Suljettu
desk-status-active = Kaikki aktiiviset
desk-status-all = Kaikki
label-assignee = Käsittelijä
desk-assignee-anyone = Kuka tahansa
desk-assignee-me = Minä
desk-assignee-unassigned = Ei käsittelijää
desk-assigned-other = Toinen neuvoja
label-search = Haku
desk-filter = Näytä
desk-none = Ei hakua vastaavia tikettejä.
label-case-number = Asianumero
label-requester = Asiakas
label-due = Tavoite
label-updated = Päivitetty
sla-ok = Ajallaan
sla-due-soon = Erääntyy pian
sla-breached = Myöhässä
sla-done = Valmis
desk-contact-form-link = Julkinen yhteydenottolomake
label-first-response-due = Ensimmäinen vastaus viimeistään
desk-answered-at = vastattu { $time }
label-resolution-due = Ratkaisu viimeistään
label-priority = Kiireellisyys
ticket-priority-low = Matala
ticket-priority-normal = Normaali
ticket-priority-high = Korkea
ticket-priority-urgent = Kiireellinen
desk-release = Vapauta tiketti
desk-take = Ota käsittelyyn
desk-conversation = Keskustelu
message-kind-incoming = Viesti
message-kind-reply = Vastaus
message-kind-note = Sisäinen muistiinpano
message-kind-acknowledgement = Automaattinen vastaanottokuittaus
message-kind-event = Tapahtuma
auto-kind-auto-reply = Automaattinen vastaus
auto-kind-bounce = Toimitusvirhe
auto-kind-list = Postituslista
auto-kind-bulk = Joukkoposti
desk-reply-title = Vastaa tai lisää muistiinpano
desk-reply-kind = Laji
desk-reply-public = Vastaus asiakkaalle ({ $email })
desk-reply-note = Sisäinen muistiinpano (ei lähetetä)
label-message = Viesti
desk-status-after-reply = Tila lähettämisen jälkeen
desk-send-anyway = Lähetä silti
desk-send = Lähetä
contact-title = Yhteydenotto
contact-heading = Ota yhteyttä: { $org }
contact-thanks = Kiitos, viestisi on vastaanotettu.
contact-case-number = Asianumerosi on { $case }.
contact-expect-answer = Voit odottaa vastausta { $due } mennessä.
contact-mail-sent = Lähetimme vahvistuksen myös sähköpostiisi. Lähetä yksi kysymys viestiä kohden.
contact-another = Lähetä uusi viesti
contact-intro = Kysy yksi asia viestiä kohden; jokainen saa oman asianumeronsa. Älä lähetä tässä henkilötunnusta tai terveystietoja.
hint-contact-email = Vastaus lähetetään tähän osoitteeseen.
label-subject-optional = Otsikko (vapaaehtoinen)
hint-contact-message = Kuvaa asiasi. Enintään 20 000 merkkiä.
contact-submit = Lähetä viesti
notice-reply-sent = Vastaus lähetetty.
notice-note-saved = Muistiinpano tallennettu.
audit-ticket-replied = Vastasi tikettiin
audit-ticket-noted = Lisäsi tikettiin muistiinpanon
audit-ticket-changed = Muutti tikettiä
desk-original-message = Alkuperäinen viesti (.eml)
desk-settings-title = Asiakaspalvelun asetukset
desk-settings-link = Asiakaspalvelun asetukset
desk-queues = Jonot
desk-queue-add = Lisää jono
label-queue-name = Jonon nimi
label-queue = Jono
label-support-hours = Palveluajat
hint-support-hours = Jätä päivä tyhjäksi, kun palvelu on suljettu. Vastausaikatavoitteet lasketaan vain näinä aikoina.
label-weekday = Päivä
label-opens = Avautuu
label-closes = Sulkeutuu
weekday-mon = Maanantai
weekday-tue = Tiistai
weekday-wed = Keskiviikko
weekday-thu = Torstai
weekday-fri = Perjantai
weekday-sat = Lauantai
weekday-sun = Sunnuntai
label-holidays-closed = Suljettu arkipyhinä (sekä juhannus- ja jouluaattona)
label-first-response-hours = Ensimmäinen vastaus viimeistään (työtunteina)
label-resolution-hours = Ratkaisu viimeistään (työtunteina)
desk-addresses = Sähköpostiosoitteet
desk-addresses-intro = Näihin osoitteisiin lähetetyistä viesteistä tulee tikettejä valittuun jonoon. Palveluntarjoaja kytkee osoitteen postin Tupaan (välittämällä postin tai lukemalla postilaatikkoa).
label-desk-address = Sähköpostiosoite
desk-address-add = Lisää osoite
desk-address-remove = Poista { $address }
desk-address-remove-confirm = Lopetetaanko postin vastaanotto osoitteessa { $address }?
error-time-invalid = Anna ajat tunteina ja minuutteina, esimerkiksi 09:00.
error-target-invalid = Anna tavoite positiivisena työtuntien määränä.
audit-desk-queue-created = Lisäsi asiakaspalvelun jonon
audit-desk-queue-changed = Muutti asiakaspalvelun jonoa
audit-desk-address-removed = Poisti asiakaspalvelun osoitteen
desk-canned-answers = Vakiovastaukset
desk-canned-intro = Valmiita vastauksia, jotka neuvoja voi lisätä vastaukseensa, kullakin kielellä. Paikanvaraajat: { $placeholders }.
desk-canned-shared = jaettu kaikille organisaatioille
desk-canned-add = Lisää vakiovastaus
desk-canned-retire = Poista { $name }
desk-canned-retire-confirm = Poistetaanko vakiovastaus { $name }?
desk-canned-insert = Lisää vastaukseen
desk-canned-inserted = Vakiovastaus lisätty viestiin
label-canned-answer = Vakiovastaus
label-canned-title = Otsikko
label-canned-shared = Tarjoa tämä vastaus kaikkien organisaatioiden asiakaspalveluille
error-canned-body-empty = Kirjoita vastaus vähintään yhdellä kielellä.
error-canned-share-operator-only = Vain palveluntarjoaja voi jakaa vastauksia kaikille organisaatioille.
audit-canned-answer-created = Lisäsi vakiovastauksen
audit-canned-answer-changed = Muutti vakiovastausta
audit-canned-answer-retired = Poisti vakiovastauksen
desk-related = Liittyvät tiketit
desk-relation-linked = liittyy
desk-relation-refers-to = tämä viittaa siihen
desk-relation-referred-by = viittaa tähän
desk-relation-merged-from = yhdistetty tähän
desk-unlink = Poista linkki tikettiin { $case }
desk-one-question-one-case = Linkitä, yhdistä
desk-link-label = Liittyvä asianumero
desk-link = Linkitä
desk-merge-label = Yhdistä tämä tiketti asianumeroon
desk-merge = Yhdistä
desk-merge-confirm = Yhdistetäänkö tämä tiketti toiseen? Viestit siirtyvät sinne ja tämä suljetaan.
desk-split = Erota omaksi tiketikseen
desk-event-merged = Tiketti { $case } yhdistettiin tähän.
desk-event-split-from = Erotettu tiketistä { $case }.
desk-event-split-to = Viesti erotettiin tiketiksi { $case }.
notice-ticket-merged = Yhdistetty. Tämä on tiketti, jossa asia jatkuu.
notice-ticket-split = Uusi tiketti luotiin; asiakkaalle kerrottiin sen asianumero.
notice-ticket-linked = Linkitetty.
error-case-unknown = Tällä organisaatiolla ei ole tällaista asianumeroa.
error-merge-into-itself = Tikettiä ei voi yhdistää itseensä.
error-link-to-itself = Tikettiä ei voi linkittää itseensä.
error-split-message-invalid = Vain yhden asiakkaan useista viesteistä voi erottaa.
audit-ticket-merged = Yhdisti tiketin
audit-ticket-split = Erotti tiketin
audit-ticket-linked = Linkitti tiketit
audit-ticket-unlinked = Poisti tikettien linkin
label-category = Aihe
label-topic = Aihe
contact-topic-none = Valitse, jos jokin sopii (vapaaehtoinen)
desk-category-any = Mikä tahansa
desk-sla-any = Mikä tahansa
label-sort = Järjestys
desk-sort-updated = Viimeisin toiminta ensin
desk-sort-created = Uusimmat ensin
desk-sort-due = Lähin tavoite ensin
desk-saved-views = Tallennetut näkymät
desk-view-delete = Poista näkymä { $name }
desk-view-save-label = Tallenna nämä suodattimet nimellä
desk-view-save = Tallenna näkymä
desk-categories = Aiheet
desk-categories-intro = Asukas voi valita aiheen yhteydenottolomakkeella; neuvojat voivat suodattaa jonoa sen mukaan.
desk-category-add = Lisää aihe
desk-category-retire = Poista { $name }
label-category-fi = Nimi suomeksi
label-category-sv = Nimi ruotsiksi
label-category-en = Nimi englanniksi
error-category-invalid = Valitse aihe luettelosta.
audit-desk-category-created = Lisäsi aiheen
audit-desk-category-retired = Poisti aiheen
desk-live-queue-updated = Jono päivittyi.
desk-live-viewing = Tätä tikettiä katsoo myös: %names%
desk-live-ticket-changed = Tiketti on muuttunut sen jälkeen, kun avasit sen.
desk-live-reload = Näytä uusin
label-attachments = Liitteet (vapaaehtoinen)
hint-attachments = Enintään 5 tiedostoa, kukin enintään 10 Mt: PDF, kuvat (JPEG, PNG, GIF, HEIC), teksti, Word (docx), Excel (xlsx), OpenDocument (odt) tai RTF.
error-attachment-too-large = Tiedosto on liian suuri: kukin enintään 10 Mt ja yhteensä 20 Mt.
error-attachment-type-not-allowed = Tällaista tiedostoa ei voi lähettää. Lähetä PDF, kuva, teksti tai toimisto-asiakirja.
error-attachments-too-many = Lähetä enintään 5 tiedostoa.
error-merge-already-merged = Tiketti on jo yhdistetty toiseen.
error-ticket-merged-elsewhere = Tiketti on yhdistetty toiseen; jatka siinä.
error-desk-address-platform-only = Pyydä palveluntarjoajaa lisäämään asiakaspalvelun osoitteet: se tarkistaa, että postiverkkotunnus on organisaatiosi.
label-cc = Kopiot
desk-cc-add-label = Lisää kopion saaja
desk-cc-add = Lisää saaja
desk-cc-remove = Poista { $address }
error-cc-is-requester = Asiakas saa jo jokaisen vastauksen.
audit-ticket-cc-added = Lisäsi kopion saajan
audit-ticket-cc-removed = Poisti kopion saajan
label-hours-exceptions = Poikkeukset tavallisiin aukioloihin
hint-hours-exceptions = Yksi päivä riville. Pelkkä päivämäärä sulkee palvelun sinä päivänä (2026-12-24); päivämäärä ja kellonajat asettavat päivän aukiolon (2026-12-23 09:00-12:00). Poikkeukset ovat voimassa myös arkipyhinä.
error-exceptions-invalid = Kirjoita jokainen poikkeus omalle rivilleen päivämääränä, jonka perään halutessasi kellonajat: 2026-12-24 tai 2026-12-23 09:00-12:00.
error-unit-invalid = Valitse jokin organisaation käytössä olevista yksiköistä.
desk-unit-any = Kaikki yksiköt
desk-queue-any = Kaikki jonot
desk-assign-to = Käsittelijä
desk-no-unit = Ei yksikköä
error-attachment-encoding-invalid = Liitetiedosto ei ole kelvollista base64-koodausta.
