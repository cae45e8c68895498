# Ohjaustilat
error-space-title-required = Anna tilalle otsikko.
error-space-title-too-long = Otsikko on liian pitkä (enintään 200 merkkiä).
error-space-name-too-long = Nimi on liian pitkä (enintään 200 merkkiä).
error-space-template-unknown = Tilapohjaa ei ole.
error-space-archived = Tila on arkistoitu: sitä voi lukea, mutta siihen ei voi enää kirjoittaa.
error-space-message-empty = Kirjoita ensin viesti.
error-space-message-too-long = Viesti on liian pitkä (enintään 10 000 merkkiä).
error-space-has-client = Tilalla on jo asiakas.
error-space-link-for-client = Linkki on tarkoitettu tilan asiakkaalle.
error-space-status-changed = Tilaa muutettiin sillä välin; lataa sivu uudelleen.
error-ticket-already-a-space = Tästä asiasta on jo avattu ohjaustila.
error-space-identification-required = Tunnistaudu ensin vahvasti: tällä linkillä tilaan pääsee vain sen asiakas.
error-lang-invalid = Valitse suomi, ruotsi tai englanti.
mail-space-invite-subject = Kutsu ohjaustilaan – { $org }
mail-space-invite-body =
    Hei,

    { $org } on avannut sinulle turvallisen ohjaustilan. Avaa se tästä linkistä ja tunnistaudu verkkopankkitunnuksilla tai mobiilivarmenteella:

    { $link }

    Linkki toimii { $days } päivää ja vain kerran.
mail-space-new-subject = Uutta ohjaustilassasi – { $org }
mail-space-new-body =
    Hei,

    Ohjaustilassasi ({ $org }) on sinulle uutta:

    { $link }

    Yksityisyytesi vuoksi itse viesti näytetään vain palvelussa.
tab-spaces = Ohjaustilat
spaces-title = Ohjaustilat
spaces-none = Sinulla ei ole vielä ohjaustiloja.
spaces-new = Avaa uusi tila
spaces-new-help = Asiakas saa kutsun sähköpostiin ja tulee tilaan vahvan tunnistautumisen jälkeen.
space-field-title = Otsikko
space-field-client-email = Asiakkaan sähköpostiosoite
space-field-client-name = Asiakkaan nimi
space-field-lang = Asiakkaan kieli
space-open-submit = Avaa tila
space-opened-invite = Tila on avattu ja kutsu lähetetty. Asiakkaan linkki (toimii kerran):
space-status-open = Avoin
space-status-closed = Suljettu
space-status-archived = Arkistoitu
space-unread = { $count } lukematonta
space-conversation = Keskustelu
space-message-label = Viesti
space-send = Lähetä
space-no-messages = Ei vielä viestejä.
space-from-ticket = Palvelupisteestä
space-close = Sulje tila
space-reopen = Avaa tila uudelleen
space-closed-note = Tila on suljettu. Voit vielä jonkin aikaa lähettää viestejä.
space-archived-note = Tila on arkistoitu. Voit lukea ja ladata sen.
space-live-status = Uudet viestit tulevat tähän sitä mukaa kuin ne saapuvat.
space-invite-title = Sinut on kutsuttu ohjaustilaan
space-invite-intro = { $org } on avannut sinulle turvallisen ohjaustilan: { $title }.
space-invite-identify = Tunnistaudu ja siirry tilaan
space-invite-test-identification = Testitunnistautuminen (koulutusympäristö)
space-invite-accept = Siirry tilaan
space-invite-signed-in-as = Olet tunnistautunut: { $name }.
ticket-to-space = Muuta ohjaustilaksi
ticket-space-link = Asian ohjaustila
notice-space-opened = Ohjaustila avattiin ja asiakas kutsuttiin.
notice-space-closed = Tila suljettiin.
notice-space-reopened = Tila avattiin uudelleen.
audit-space-opened = avasi ohjaustilan
