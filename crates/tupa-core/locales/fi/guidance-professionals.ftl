# Toisten organisaatioiden ammattilaiset ohjaustilassa asiakkaan suostumuksella.
error-professional-field-required = Täytä tämä kenttä.
error-professional-name-too-long = Nimi on liian pitkä (enintään 200 merkkiä).
error-professional-purpose-too-long = Tarkoitus on liian pitkä (enintään 1 000 merkkiä).
error-professionals-too-many = Tilassa on jo enimmäismäärä ehdotuksia (50).
error-space-not-open = Tila ei ole avoinna.
error-consent-already-decided = Pyyntöön on jo vastattu; lataa sivu uudelleen.
error-consent-not-live = Tämä suostumus on jo päättynyt.
error-professional-link-other-person = Linkki on toiselle henkilölle. Kirjaudu sillä osoitteella, johon kutsu lähetettiin.
error-professional-already-member = Olet jo tämän tilan jäsen.
mail-professional-invite-subject = Kutsu ohjaustilaan – { $org }
mail-professional-invite-body =
    Hei,

    Organisaation { $org } asiakas on antanut suostumuksensa siihen, että liityt hänen ohjaustilaansa. Kirjaudu Tupaan ja avaa tämä linkki liittyäksesi:

    { $link }

    Linkki toimii { $days } päivää. Asiakas voi perua suostumuksen milloin tahansa.
mail-professional-set-password = Sinulla ei ole vielä salasanaa Tupassa. Aseta se ensin tällä linkillä: { $link }
notice-professional-proposed = Ammattilaista ehdotettiin. Asiakkaalta kysytään suostumusta tilassa.
notice-professional-consented = Annoit suostumuksen. Ammattilaiselle lähetettiin kutsu.
notice-professional-declined = Kieltäydyit. Ammattilaista ei kutsuttu.
notice-professional-revoked = Suostumus peruttiin. Ammattilaisella ei ole enää pääsyä.
audit-space-professional-proposed = ehdotti ammattilaista ohjaustilaan
audit-space-consent-granted = antoi suostumuksen ammattilaiselle ohjaustilassa
audit-space-consent-declined = kieltäytyi ammattilaisesta ohjaustilassa
audit-space-professional-joined = liittyi ohjaustilaan ammattilaisena
audit-space-consent-revoked = perui ammattilaisen pääsyn ohjaustilaan
professionals-title = Muut ammattilaiset
professionals-intro = Toisen organisaation ammattilainen voi liittyä tilaan vain asiakkaan suostumuksella, ja hän näkee tilan suostumuksen hetkestä alkaen. Asiakas voi perua suostumuksen milloin tahansa.
professionals-none = Muita ammattilaisia ei ole ehdotettu.
professional-status-proposed = Odottaa asiakkaan suostumusta
professional-status-declined = Asiakas kieltäytyi
professional-status-consented = Suostumus annettu, kutsuttu
professional-status-joined = Liittynyt tilaan
professional-status-revoked = Suostumus peruttu
professional-purpose = Tarkoitus: { $purpose }
professional-consent-question = Annatko suostumuksen siihen, että { $name } ({ $org }) liittyy tähän tilaan? Hän näkee tänne kirjoitetun tästä hetkestä alkaen, ei aiempaa.
professional-consent = Annan suostumuksen
professional-decline = Kieltäydyn
professional-revoke = Peru pääsy
professional-propose = Ehdota ammattilaista
professional-field-name = Ammattilaisen nimi
professional-field-email = Ammattilaisen sähköpostiosoite
professional-field-organisation = Ammattilaisen organisaatio
professional-field-purpose = Miksi hänen pitäisi liittyä
professional-field-purpose-hint = Asiakas näkee tämän päättäessään.
professional-propose-submit = Pyydä asiakkaalta suostumus
professional-join-title = Liity ohjaustilaan
professional-join-intro = Organisaation { $org } asiakas on antanut suostumuksen siihen, että { $name } liittyy hänen ohjaustilaansa.
professional-join-from-consent = Näet tilan suostumuksen hetkestä alkaen. Asiakas voi perua suostumuksen milloin tahansa.
professional-join-submit = Liity tilaan
professional-join-sign-in-as = Kirjaudu osoitteella { $email } liittyäksesi.
professional-join-sign-in = Kirjaudu
