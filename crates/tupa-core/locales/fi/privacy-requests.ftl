# Rekisteröidyn pyynnöt (tietosuoja-asetuksen 15–18 artikla): julkinen sivu, asia ja vienti.
privacy-kind-access = Pääsy omiin tietoihin
privacy-kind-rectification = Tietojen oikaiseminen
privacy-kind-erasure = Tietojen poistaminen
privacy-kind-restriction = Käsittelyn rajoittaminen
privacy-kind-access-hint = Saat kopion tiedoista, jotka organisaatiolla on sinusta.
privacy-kind-rectification-hint = Kerro, mikä on väärin ja miten sen pitäisi olla.
privacy-kind-erasure-hint = Tietosi poistetaan lukuun ottamatta asiakirjoja, jotka lain mukaan on säilytettävä.
privacy-kind-restriction-hint = Tietosi säilytetään, mutta niitä ei käsitellä enempää.
privacy-case-subject = Rekisteröidyn pyyntö: { $kind }
privacy-case-body = Rekisteröidyn pyyntö: { $kind }. Lakisääteinen määräaika { $due }.
    { $details }
    Käsittele pyyntö: { $link }
privacy-mail-confirm-subject = Vahvista henkilötietopyyntösi organisaatiolle { $org }
privacy-mail-confirm-body = Hei,

    tämän osoitteen puolesta pyydettiin organisaatiolta { $org }: { $kind }.
    Jos pyysit tätä itse, vahvista pyyntö 24 tunnin kuluessa avaamalla linkki:
    { $link }

    Jos et pyytänyt, voit jättää viestin huomiotta; mitään ei tehdä.
privacy-mail-extended-subject = Henkilötietopyyntösi { $case }: käsittely vaatii lisäaikaa
privacy-mail-extended-body = Hei,

    { $org } tarvitsee lisäaikaa pyyntösi { $case } ({ $kind }) käsittelyyn. Uusi määräaika on { $due }.

    Syy: { $reason }
privacy-restricted-event = Henkilön tietojen käsittelyä on rajoitettu (rekisteröidyn pyyntö { $case }). Tiketti suljettiin.
privacy-executed = Pyyntö toteutettu: { $kind }.
privacy-kept = Säilytetty: { $what }
privacy-data-tickets = tiketit
privacy-data-ticket-messages = tikettien viestit
privacy-data-ticket-files = tikettien liitteet
privacy-data-raw-mail = vastaanotetut sähköpostit
privacy-data-mail = lähetetyt sähköpostit
privacy-data-spaces = ohjaustilat
privacy-data-space-rows = ohjaustilojen merkinnät
privacy-data-applications = työhakemukset
privacy-data-application-files = hakemusten tiedostot
privacy-data-tickets-closed = suljetut tiketit
privacy-data-audit-entries = lokimerkinnät
privacy-hold-data-request-case = pyynnön oma asia säilytetään käsittelyn osoittamiseksi (tietosuoja-asetuksen 5 artiklan 2 kohta)
privacy-hold-audit-log = loki tietojen käsittelijöistä säilytetään julkisen hallinnon tiedonhallintalain (906/2019) 17 §:n mukaan
privacy-hold-recruitment-decision = päättyneen rekrytoinnin asiakirjat säilytetään muutoksenhakuajan ja arkistonmuodostussuunnitelman mukaan
privacy-role-you = Sinä
privacy-role-adviser = Neuvoja
privacy-role-counsellor = Ohjaaja
privacy-role-client = Asiakas
privacy-role-professional = Ammattilainen
privacy-role-other-participant = Muu osallistuja
privacy-role-system = Palvelu
privacy-export-title = Tietosi organisaatiossa { $org } ({ $case })
privacy-export-intro = Tämä on kopio henkilötiedoista, jotka organisaatiolla on sinusta. Samat tiedot ovat tiedostossa data.json; liitetiedostot ovat kansiossa files.
privacy-export-none = Ei mitään.
privacy-export-tickets = Asiakaspalvelu
privacy-export-applications = Työhakemukset
privacy-export-spaces = Ohjaustilat
privacy-export-task = Tehtävä
privacy-export-meter = Mittarivastaukset
privacy-export-audit = Ketkä ovat käsitelleet tietojasi
privacy-export-when = Milloin
privacy-export-what = Mitä tapahtui
privacy-page-title = Henkilötietopyynnöt
privacy-page-heading = { $org }: henkilötietosi
privacy-page-intro = Pyydä kopio tiedoistasi tai niiden oikaisemista, poistamista tai käsittelyn rajoittamista. Vastaamme kuukauden kuluessa.
privacy-page-controller = Tietojesi rekisterinpitäjä on { $org }.
privacy-page-identify-heading = Tunnistaudu vahvasti
privacy-page-identify-text = Käytä verkkopankkitunnuksia tai mobiilivarmennetta. Valitse tämä, jos olet ohjaustilan asiakas.
privacy-page-identify-link = Tunnistaudu
privacy-page-email-heading = Vahvista sähköpostilla
privacy-page-email-text = Anna osoite, jolla organisaatiolla on tietojasi. Lähetämme siihen vahvistuslinkin; pyyntö tehdään, kun avaat linkin.
privacy-page-signed-in = Olet kirjautunut nimellä { $name }. Pyyntö koskee tiliisi liittyviä tietoja.
privacy-label-kind = Mitä pyydät?
privacy-label-details = Lisätiedot (vapaaehtoinen)
privacy-hint-details = Esimerkiksi mikä tiedoissasi on väärin tai mitä yhteydenottoa pyyntö koskee.
privacy-page-submit = Lähetä pyyntö
privacy-page-check-mail = Jos osoite on oikein, vahvistuslinkki on tulossa. Avaa se 24 tunnin kuluessa, niin pyyntö tehdään.
privacy-confirm-heading = Vahvista pyyntösi
privacy-confirm-text = Pyyntö: { $kind }. Osoite: { $email }.
privacy-confirm-submit = Vahvista pyyntö
privacy-done-heading = Pyyntösi on vastaanotettu
privacy-done-case = Asianumero: { $case }
privacy-done-due = Vastaamme viimeistään { $due }.
privacy-list-title = Rekisteröityjen pyynnöt
privacy-list-empty = Ei pyyntöjä.
privacy-col-case = Asia
privacy-col-kind = Pyyntö
privacy-col-status = Tila
privacy-col-due = Määräaika
privacy-col-created = Saapunut
privacy-col-email = Osoite
privacy-col-channel = Saapui
privacy-col-details = Lisätiedot
privacy-status-open = Avoin
privacy-status-done = Valmis
privacy-channel-web-email = verkkosivulta, vahvistettu sähköpostilla
privacy-channel-web-signed-in = verkkosivulta, kirjautuneena
privacy-channel-staff = henkilöstön kirjaamana (kirje tai puhelu)
privacy-request-heading = Rekisteröidyn pyyntö { $case }
privacy-extended = Määräaikaa jatkettu. Syy: { $reason }
privacy-export-download = Lataa tiedot (ZIP)
privacy-execute-heading = Toteuta pyyntö
privacy-label-note = Merkintä
privacy-hint-note = Pakollinen oikaisussa: mitä korjattiin ja miten.
privacy-execute-submit = Merkitse valmiiksi ja toteuta
privacy-extend-heading = Jatka määräaikaa kahdella kuukaudella
privacy-label-reason = Syy (lähetetään henkilölle)
privacy-extend-submit = Jatka määräaikaa
privacy-outcome-heading = Mitä tehtiin
privacy-holds-heading = Asiakirjat, jotka poistossa säilytetään
error-privacy-details-too-long = Teksti on liian pitkä (enintään 5 000 merkkiä).
error-privacy-reason-too-long = Syy on liian pitkä (enintään 2 000 merkkiä).
error-privacy-reason-missing = Kerro jatkon syy.
error-privacy-request-done = Pyyntö on jo toteutettu.
error-privacy-already-extended = Määräaikaa on jo jatkettu.
error-privacy-note-missing = Kirjoita, mitä korjattiin.
error-privacy-person-missing = Anna henkilön sähköpostiosoite tai tili.
error-privacy-person-unknown = Organisaatiossa ei ole tällaista henkilöä.
error-privacy-link-invalid = Linkki ei kelpaa tai on vanhentunut. Tee pyyntö uudelleen.
error-privacy-kind-invalid = Valitse, mitä pyydät.
error-privacy-restricted = Tämän henkilön tietojen käsittelyä on rajoitettu hänen pyynnöstään: tiedot säilytetään, mutta niitä ei voi muuttaa eikä käyttää.
privacy-restricted-notice = Yhteydenottajan tietojen käsittelyä on rajoitettu (rekisteröidyn pyyntö { $case }). Tiketti säilytetään ja sen voi lukea, mutta siihen ei voi vastata eikä sitä voi muuttaa, eikä säilytysaika poista sitä.

# Lifting a restriction (GDPR art. 18(3)): the notice first, then the lifting.
privacy-mail-lift-subject = Henkilötietopyyntösi { $case }: käsittelyn rajoitus poistetaan
privacy-mail-lift-body = Hei,

    { $org } poistaa henkilötietojesi käsittelyn rajoituksen, jonka sait pyynnölläsi { $case }. Sen jälkeen tietojasi käsitellään taas kuten ennen.

    Perustelu: { $reason }

    Jos sinulla on kysyttävää, vastaa tähän viestiin tai ota yhteyttä organisaation tietosuojavastaavaan.
privacy-lift-noticed-event = Henkilölle ilmoitettiin, että käsittelyn rajoitus poistetaan. Perustelu: { $reason }
privacy-lifted-event = Käsittelyn rajoitus poistettiin; henkilölle oli ilmoitettu siitä etukäteen.
error-privacy-lift-not-restriction = Vain käsittelyn rajoittamista koskevan pyynnön rajoituksen voi poistaa.
error-privacy-lift-not-done = Rajoitusta ei ole vielä toteutettu.
error-privacy-lift-already-lifted = Rajoitus on jo poistettu.
error-privacy-lift-not-noticed = Ilmoita ensin henkilölle, että rajoitus poistetaan (tietosuoja-asetuksen 18 artiklan 3 kohta).
error-privacy-lift-reason-missing = Kerro, miksi rajoitus poistetaan; perustelu lähetetään henkilölle.
privacy-lift-heading = Rajoituksen poistaminen
privacy-lift-intro = Henkilölle on ilmoitettava ennen kuin käsittelyn rajoitus poistetaan (tietosuoja-asetuksen 18 artiklan 3 kohta). Lähetä ensin ilmoitus perusteluineen ja poista sitten rajoitus.
privacy-lift-reason = Miksi rajoitus poistetaan (lähetetään henkilölle)
privacy-lift-notice-button = Ilmoita henkilölle
privacy-lift-button = Poista rajoitus
privacy-lift-noticed = Ilmoitus lähetetty { $when }: { $reason }
privacy-lift-lifted = Rajoitus poistettu { $when }.
privacy-lift-active = Tietojen käsittely on rajoitettu.
