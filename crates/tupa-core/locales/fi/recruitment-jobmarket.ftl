# Recruitment: jobmarket.
# Työmarkkinatorille lähettäminen ja ilmoitusten yleiset tekstit.

## Ilmoituksen tila Työmarkkinatorilla
recruitment-jobmarket-state-not-sent = Ei lähetetty Työmarkkinatorille
recruitment-jobmarket-state-pending = Odottaa lähettämistä
recruitment-jobmarket-state-archive-pending = Odottaa arkistointia
recruitment-jobmarket-state-retrying = Odottaa uutta yritystä (yritys { $attempt })
recruitment-jobmarket-state-archive-retrying = Arkistointi odottaa uutta yritystä (yritys { $attempt })
recruitment-jobmarket-state-sent = Lähetetty Työmarkkinatorille { $time }
recruitment-jobmarket-state-archived = Arkistoitu Työmarkkinatorilla { $time }
recruitment-jobmarket-state-not-configured = Ei lähetetty: organisaatiolla ei ole Työmarkkinatorin tunnuksia
recruitment-jobmarket-state-secret-unreadable = Ei lähetetty: tallennettuja Työmarkkinatorin tunnuksia ei voi lukea
recruitment-jobmarket-state-not-sendable-one = Ei lähetetty: { $reason }
recruitment-jobmarket-state-not-sendable-many = Ei lähetetty: { $count } korjattavaa asiaa
recruitment-jobmarket-state-failed = Lähettäminen epäonnistui
recruitment-jobmarket-state-archive-failed = Arkistointi epäonnistui
recruitment-jobmarket-detail-no-credentials = Pääkäyttäjä voi lisätä rajapinnan tunnukset organisaation Työmarkkinatori-sivulla.
recruitment-jobmarket-detail-secret-unreadable = Palvelimen salausavain on vaihtunut tunnusten tallentamisen jälkeen. Pääkäyttäjän on syötettävä salasana tai avain uudelleen.
recruitment-jobmarket-detail-unavailable = Työmarkkinatori ei vastannut ({ $reason }).
recruitment-jobmarket-detail-next-attempt = Seuraava yritys { $time }.
recruitment-jobmarket-short-no-business-id = Y-tunnus puuttuu
recruitment-jobmarket-short-no-occupation = ammattiluokitus puuttuu
recruitment-jobmarket-short-invalid-occupation = ammattiluokitus on virheellinen
recruitment-jobmarket-short-no-region = maakunta puuttuu
recruitment-jobmarket-short-no-texts = teksti puuttuu
recruitment-jobmarket-short-no-title = otsikko puuttuu
recruitment-jobmarket-short-no-description = kuvaus puuttuu
recruitment-jobmarket-short-no-vacancies = paikkojen määrä puuttuu
recruitment-jobmarket-short-invalid-postal-code = postinumero on virheellinen
recruitment-jobmarket-short-deadline-passed = hakuaika on päättynyt

## Organisaation Työmarkkinatori-sivu
recruitment-jobmarket-page-title = Työmarkkinatori
recruitment-jobmarket-page-intro = Julkaistut ilmoitukset lähetetään Työmarkkinatorille sen tuontirajapinnan kautta organisaation omissa nimissä: sen Y-tunnuksella ja sille myönnetyillä tunnuksilla. Muutettu ilmoitus lähetetään uudelleen, ja päättynyt ilmoitus arkistoidaan sinne.
recruitment-jobmarket-business-id = Y-tunnus
recruitment-jobmarket-business-id-missing = Organisaatiolla ei ole kelvollista Y-tunnusta, joten ilmoituksia ei voi lähettää. Lisää se organisaation asetuksiin.
recruitment-jobmarket-business-id-link = Organisaation asetukset
recruitment-jobmarket-connection = Rajapinnan tunnukset
recruitment-jobmarket-connection-set = Tunnukset on tallennettu. Salasana tai avain on tallennettu salattuna, eikä sitä näytetä.
recruitment-jobmarket-connection-not-set = Tunnuksia ei ole tallennettu, joten ilmoituksia ei lähetetä Työmarkkinatorille.
label-jobmarket-endpoint = Rajapinnan osoite
hint-jobmarket-endpoint = Työmarkkinatorin antama osoite, joka alkaa https://
label-jobmarket-username = Käyttäjätunnus
hint-jobmarket-username = Jätä tyhjäksi, jos sait avaimen (tokenin) käyttäjätunnuksen ja salasanan sijaan.
label-jobmarket-secret = Salasana tai avain
hint-jobmarket-secret-kept = Salasana tai avain on tallennettu. Jätä tyhjäksi, niin se säilyy.
hint-jobmarket-secret-new = Pakollinen.
recruitment-jobmarket-save = Tallenna tunnukset
recruitment-jobmarket-clear = Poista tunnukset
recruitment-jobmarket-clear-confirm = Poistetaanko Työmarkkinatorin tunnukset? Ilmoituksia ei lähetetä ennen kuin uudet tunnukset tallennetaan.
recruitment-jobmarket-ads = Organisaation ilmoitukset Työmarkkinatorilla
recruitment-jobmarket-ads-none = Ilmoituksia ei ole vielä julkaistu.
recruitment-jobmarket-col-ad = Ilmoitus
recruitment-jobmarket-col-deadline = Hakuaika päättyy
recruitment-jobmarket-col-state = Työmarkkinatori
recruitment-jobmarket-untitled = (nimetön)
notice-jobmarket-saved = Tunnukset tallennettiin.
notice-jobmarket-cleared = Tunnukset poistettiin.
error-jobmarket-endpoint-invalid = Anna rajapinnan osoite, joka alkaa https://, esimerkiksi https://api.example.fi/import/v2 (ei palvelimen oman verkon osoitetta).
error-jobmarket-username-invalid = Käyttäjätunnus on liian pitkä tai siinä on rivinvaihtoja.
error-jobmarket-secret-invalid = Salasana tai avain on liian pitkä tai siinä on rivinvaihtoja.
error-jobmarket-secret-required = Anna rajapintaa varten myönnetty salasana tai avain.

## Ilmoitusten yleiset tekstit
recruitment-texts-title = Ilmoitusten yleiset tekstit
recruitment-texts-intro = Monessa ilmoituksessa käytettävät kappaleet, kuten organisaation esittely tai maininta rikostaustaotteen vaatimisesta. Rekrytoijat lisäävät niitä ilmoituksen kuvaukseen ilmoituslomakkeella.
recruitment-texts-none = Yleisiä tekstejä ei ole vielä.
recruitment-texts-add = Lisää yleinen teksti
recruitment-texts-readonly = Pääkäyttäjät ylläpitävät näitä tekstejä; voit lisätä niitä ilmoituksiin.
recruitment-texts-no-language = Tällä kielellä ei ole tekstiä.
recruitment-texts-retired = Poistettu käytöstä
label-recruitment-text-name = Nimi
hint-recruitment-text-name = Rekrytoijat valitsevat tekstin sen nimen perusteella.
label-recruitment-text-fi = Teksti suomeksi
label-recruitment-text-sv = Teksti ruotsiksi
label-recruitment-text-en = Teksti englanniksi
recruitment-texts-save = Tallenna ”{ $name }”
recruitment-texts-retire = Poista käytöstä ”{ $name }”
recruitment-texts-retire-confirm = Poistetaanko yleinen teksti ”{ $name }” käytöstä? Ilmoitukset, joissa se jo on, säilyttävät oman kopionsa.
notice-recruitment-text-saved = Yleinen teksti tallennettiin.
notice-recruitment-text-retired = Yleinen teksti poistettiin käytöstä.
error-recruitment-text-name-invalid = Nimi on yksi enintään 100 merkin rivi.
error-recruitment-text-language-required = Kirjoita teksti vähintään yhdellä kielellä.
error-recruitment-text-name-taken = Toisella yleisellä tekstillä on jo tämä nimi.
error-recruitment-text-too-many = Organisaatiolla on jo 200 yleistä tekstiä. Poista käytöstä ne, joita ei enää tarvita.
