# Operaattorin palvelut (issue 13): organisaation omat tukipyynnöt operaattorille ja
# asiakkaan yksityinen asialinkki.
nav-support = Tuki
mail-ack-case-link = Voit seurata asiaasi ja vastata siihen kirjautumatta osoitteessa: { $link }
    Linkki toimii vain tässä asiassa ja lakkaa toimimasta 30 päivää asian sulkemisen jälkeen. Älä jaa sitä.
error-support-organisation-required = Valitse organisaatio, jota asia koskee.
error-support-subject-required = Kirjoita asialle otsikko.
error-support-case-closed = Tämä asia on suljettu. Avaa uusi asia.
support-title = Tukipyynnöt
support-intro = Organisaatiosi asiat palvelun tuen kanssa. Tuki vastaa arkisin klo 9–15.
support-cases-heading = Asiat
support-none = Ei vielä asioita.
support-expected = Vastausta odotetaan viimeistään
support-expected-none = –
support-new-heading = Avaa uusi asia
support-one-question = Yksi kysymys asiaa kohden: siihen vastataan nopeammin, ja jokaisella kysymyksellä on oma asianumeronsa.
support-label-organisation = Organisaatio
support-hint-subject = Lyhyt kuvaus kysymyksestä.
support-send = Lähetä tukeen
support-conversation = Viestit
support-from-desk = Tuki
support-from-you = Sinä
support-reply-heading = Vastaa
support-reply-label = Vastauksesi
support-reply-send = Lähetä vastaus
support-back = Kaikki tukipyynnöt
support-hours-note = Vastausajat lasketaan tuen aukioloaikana: arkisin klo 9–15, arkipyhiä lukuun ottamatta.
support-closed-note = Tämä asia on suljettu.
notice-support-opened = Asia lähetettiin tukeen. Vahvistus asianumeroineen tulee sähköpostiisi.
notice-support-replied = Vastauksesi lisättiin asiaan.
case-own-title = Asiasi { $case }
case-own-intro = Tässä näet asiasi viestit ja voit vastata niihin. Tällä linkillä näkyy vain tämä asia.
case-own-closed = Tämä asia on suljettu. Jos haluat kysyä organisaatiolta { $org } jotain uutta, käytä yhteydenottolomaketta.
case-own-contact-again = Yhteydenottolomake
