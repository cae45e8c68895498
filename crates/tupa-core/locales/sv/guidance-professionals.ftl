# Yrkespersoner från andra organisationer i ett vägledningsrum, med klientens samtycke.
error-professional-field-required = Fyll i det här fältet.
error-professional-name-too-long = Namnet är för långt (högst 200 tecken).
error-professional-purpose-too-long = Syftet är för långt (högst 1 000 tecken).
error-professionals-too-many = Rummet har redan det högsta antalet förslag (50).
error-space-not-open = Rummet är inte öppet.
error-consent-already-decided = Begäran har redan besvarats; ladda om sidan.
error-consent-not-live = Det här samtycket har redan upphört.
error-professional-link-other-person = Länken är avsedd för en annan person. Logga in med den adress inbjudan skickades till.
error-professional-already-member = Du är redan medlem i det här rummet.
mail-professional-invite-subject = Inbjudan till ett vägledningsrum – { $org }
mail-professional-invite-body =
    Hej,

    En klient hos { $org } har samtyckt till att du ansluter dig till hens vägledningsrum. Logga in i Tupa och öppna den här länken för att ansluta dig:

    { $link }

    Länken fungerar i { $days } dagar. Klienten kan återkalla samtycket när som helst.
mail-professional-set-password = Du har ännu inget lösenord i Tupa. Ange ett först med den här länken: { $link }
notice-professional-proposed = Yrkespersonen föreslogs. Klienten tillfrågas om samtycke i rummet.
notice-professional-consented = Du gav ditt samtycke. Yrkespersonen fick en inbjudan.
notice-professional-declined = Du avböjde. Yrkespersonen bjöds inte in.
notice-professional-revoked = Samtycket återkallades. Yrkespersonen har inte längre åtkomst.
audit-space-professional-proposed = föreslog en yrkesperson till ett vägledningsrum
audit-space-consent-granted = samtyckte till en yrkesperson i ett vägledningsrum
audit-space-consent-declined = avböjde en yrkesperson i ett vägledningsrum
audit-space-professional-joined = anslöt sig till ett vägledningsrum som yrkesperson
audit-space-consent-revoked = återkallade en yrkespersons åtkomst till ett vägledningsrum
professionals-title = Andra yrkespersoner
professionals-intro = En yrkesperson från en annan organisation kan ansluta sig till rummet endast med klientens samtycke och ser rummet från och med samtycket. Klienten kan återkalla samtycket när som helst.
professionals-none = Inga andra yrkespersoner har föreslagits.
professional-status-proposed = Väntar på klientens samtycke
professional-status-declined = Avböjd av klienten
professional-status-consented = Samtycke givet, inbjuden
professional-status-joined = Har anslutit sig till rummet
professional-status-revoked = Samtycket återkallat
professional-purpose = Syfte: { $purpose }
professional-consent-question = Samtycker du till att { $name } ({ $org }) ansluter sig till det här rummet? Hen ser det som skrivs här från och med nu, inte tidigare.
professional-consent = Jag samtycker
professional-decline = Jag avböjer
professional-revoke = Återkalla åtkomsten
professional-propose = Föreslå en yrkesperson
professional-field-name = Yrkespersonens namn
professional-field-email = Yrkespersonens e-postadress
professional-field-organisation = Yrkespersonens organisation
professional-field-purpose = Varför hen borde ansluta sig
professional-field-purpose-hint = Klienten ser detta när hen beslutar.
professional-propose-submit = Be klienten om samtycke
professional-join-title = Anslut dig till ett vägledningsrum
professional-join-intro = En klient hos { $org } har samtyckt till att { $name } ansluter sig till hens vägledningsrum.
professional-join-from-consent = Du ser rummet från och med samtycket. Klienten kan återkalla samtycket när som helst.
professional-join-submit = Anslut dig till rummet
professional-join-sign-in-as = Logga in som { $email } för att ansluta dig.
professional-join-sign-in = Logga in
