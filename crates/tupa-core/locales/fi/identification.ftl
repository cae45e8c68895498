# Asiakkaan vahva tunnistus (FTN OpenID Connect) ja koulutusympäristön testitunnistus.
identification-refused-title = Tunnistautuminen ei onnistunut
identification-refused-cancelled = Keskeytit tunnistautumisen. Voit yrittää uudelleen, kun olet valmis.
identification-refused-acr = Käyttämäsi tunnistustapa ei ole tähän palveluun riittävän vahva. Tunnistaudu uudelleen verkkopankkitunnuksilla, mobiilivarmenteella tai varmennekortilla.
identification-refused-invalid = Tunnistautumista ei voitu varmistaa. Yritä uudelleen.
identification-refused-expired = Tunnistautuminen kesti liian kauan, oli jo käytetty tai aloitettiin toisessa selaimessa. Aloita alusta.
identification-refused-unavailable = Tunnistuspalveluun ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.
identification-try-again = Tunnistaudu uudelleen
test-identification-title = Testitunnistus
test-identification-warning = Koulutusympäristö: tämä ei ole oikea tunnistus. Valitse testihenkilö.
test-identification-persona = Testihenkilö
test-identification-submit = Tunnistaudu tänä testihenkilönä
error-identification-not-configured = Vahva tunnistus ei ole käytössä tässä asennuksessa.
error-test-identification-unavailable = Testitunnistus on käytettävissä vain koulutusympäristössä.
error-test-identification-unknown = Testihenkilöä ei ole.
