# Saavutettavuusselosteet ja saavutettavuuspalaute (laki 306/2019).
a11y-scope-installation = Tämä seloste koskee Tupa-palvelua tällä osoitteella: kirjautumista, yleisiä sivuja ja niitä sivuja, joilla ei ole organisaation omaa selostetta.
a11y-scope-org = Tämä seloste koskee organisaation { $org } sivuja Tupa-palvelussa: yhteydenottolomaketta, hakemuksia, ohjaustiloja ja tietopyyntöjä.
a11y-not-prepared = Tälle palvelulle ei ole vielä laadittu omaa selostetta. Alla on palvelun yleinen tila.
a11y-compliance-fully = Palvelu täyttää saavutettavuusvaatimukset.
a11y-compliance-partially = Palvelu täyttää saavutettavuusvaatimukset osittain.
a11y-compliance-not = Palvelu ei täytä saavutettavuusvaatimuksia.
a11y-gaps-heading = Sisältö, joka ei ole saavutettavaa
a11y-no-gaps = Tunnettuja puutteita ei ole.
a11y-dates-heading = Selosteen laatiminen
a11y-prepared-on = Seloste on laadittu { $date }.
a11y-reviewed-on = Se on viimeksi tarkistettu { $date }.
a11y-feedback-by-email = Voit lähettää palautetta myös sähköpostilla:
a11y-feedback-thanks = Kiitos palautteestasi.
a11y-feedback-sent = Asianumero on { $case }. Vastaamme viimeistään { $due }.
a11y-label-name = Nimi (vapaaehtoinen)
a11y-label-email = Sähköpostiosoite (vapaaehtoinen)
a11y-hint-email = Vastaamme tähän osoitteeseen. Ilman osoitetta emme voi vastata sinulle.
a11y-label-page = Sivun osoite
a11y-hint-page = Sivu, jota palaute koskee, jos tiedät sen.
a11y-label-description = Mikä ei toiminut tai mitä tarvitset?
a11y-send = Lähetä palaute
a11y-authority-name = Liikenne- ja viestintävirasto Traficom, saavutettavuuden valvonta
a11y-authority-address = PL 320, 00059 TRAFICOM. Puhelin (vaihde) 029 534 5000.
a11y-edit-link = Muokkaa selostetta
a11y-edit-title = Saavutettavuusselosteen muokkaus
a11y-edit-intro = Laki edellyttää selosteeseen vaatimustenmukaisuuden tilan, sisällön, joka ei ole saavutettavaa, sekä laatimis- ja tarkistuspäivän. Palautelomake ja valvontaviranomaisen tiedot näytetään aina.
a11y-label-compliance = Vaatimustenmukaisuus
a11y-label-gaps-fi = Puutteet suomeksi
a11y-label-gaps-sv = Puutteet ruotsiksi
a11y-label-gaps-en = Puutteet englanniksi
a11y-label-prepared-on = Laadittu
a11y-label-reviewed-on = Viimeksi tarkistettu
a11y-label-feedback-email = Palautteen sähköpostiosoite
a11y-hint-feedback-email = Näytetään lomakkeen rinnalla. Tyhjänä näytetään palvelun osoite.
a11y-view-statement = Näytä seloste
a11y-feedback-category = Saavutettavuuspalaute
a11y-feedback-subject = Saavutettavuuspalaute: { $about }
a11y-feedback-about-installation = Tupa-palvelu
a11y-feedback-body = Saavutettavuuspalaute koskien: { $about }
    Sivu: { $page }

    { $description }

    Laki edellyttää vastausta 14 päivän kuluessa.
error-a11y-date-invalid = Anna päivämäärä muodossa VVVV-KK-PP.
error-a11y-gaps-too-long = Kuvaus on liian pitkä (enintään 5 000 merkkiä kielellä).
error-a11y-reviewed-before-prepared = Tarkistuspäivä ei voi olla ennen laatimispäivää.
error-a11y-compliance-invalid = Valitse vaatimustenmukaisuuden tila.
error-a11y-page-too-long = Sivun osoite on liian pitkä (enintään 500 merkkiä).
error-a11y-description-missing = Kerro, mikä ei toiminut tai mitä tarvitset.
