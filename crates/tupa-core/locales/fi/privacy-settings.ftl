# Tietosuojaselosteet kielittäin, tietosuojavastaava ja rekisterinpitäjän tiedot tiedonkeruukohdissa.
org-privacy-notices = Tietosuojaselosteet
label-privacy-notice-url-sv = Tietosuojaselosteen osoite ruotsiksi
label-privacy-notice-url-en = Tietosuojaselosteen osoite englanniksi
org-dpo = Tietosuojavastaava
hint-dpo = Näytetään kaikkialla, missä organisaatio kerää henkilötietoja. Anna nimen lisäksi ainakin sähköposti, puhelin tai osoite.
label-dpo-name = Nimi tai tehtävänimike
label-dpo-email = Sähköposti
label-dpo-phone = Puhelin
label-dpo-address = Postiosoite
privacy-controller = Tietojasi käsittelee rekisterinpitäjänä { $org }.
privacy-notice-link = Lue tietosuojaseloste
privacy-notice-missing = Pyydä organisaatiolta sen tietosuojaseloste.
privacy-dpo = Tietosuojavastaava
error-dpo-field-invalid = Tarkista tietosuojavastaavan tieto: se on liian pitkä tai siinä on kiellettyjä merkkejä.
error-dpo-channel-missing = Anna tietosuojavastaavalle sähköposti, puhelin tai osoite.
privacy-mail-received-subject = Tietopyyntösi on vastaanotettu ({ $case })
privacy-mail-received-body = Hei,

    { $org } on vastaanottanut tietopyyntösi ({ $kind }). Asianumero on { $case }.
    Vastaamme viimeistään { $due }. Jos tarvitsemme lisäaikaa, kerromme siitä ja syyn ennen määräaikaa.
