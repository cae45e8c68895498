# Mail in by IMAP: polling desk mailboxes.

desk-imap-summary = Hämta posten till { $address } med IMAP
desk-imap-intro = Tupa läser nya (olästa) meddelanden i den här brevlådan, gör ärenden av dem som om de hade skickats till adressen och markerar dem som lästa. Servern måste stöda TLS.
desk-imap-on = på
desk-imap-paused = pausad
desk-imap-failing = fel
desk-imap-last-success = Senast läst
desk-imap-last-error = Senaste fel
desk-imap-save = Spara IMAP-inställningarna för { $address }
desk-imap-remove = Sluta hämta posten till { $address } med IMAP
desk-imap-remove-confirm = Sluta hämta posten till { $address } med IMAP? Meddelanden som redan finns i brevlådan blir kvar där.
label-imap-host = IMAP-server
label-imap-port = Port
label-imap-username = Användarnamn
label-imap-password = Lösenord
label-imap-folder = Mapp
label-imap-security = Anslutningens skydd
label-imap-enabled = Hämta posten från den här brevlådan
hint-imap-password-new = Sparas krypterat och visas aldrig igen.
hint-imap-password-kept = Lämna tomt för att behålla det sparade lösenordet.
imap-security-tls = TLS (IMAPS, oftast port 993)
imap-security-starttls = STARTTLS (oftast port 143)
error-imap-host-invalid = Ange IMAP-serverns namn, till exempel imap.exempel.fi.
error-imap-port-invalid = Porten är ett tal mellan 1 och 65535.
error-imap-security-invalid = Välj TLS eller STARTTLS.
error-imap-username-invalid = Ange brevlådans användarnamn.
error-imap-password-required = Ange brevlådans lösenord.
error-imap-password-invalid = Lösenordet kan inte innehålla radbrytningar eller andra styrtecken.
error-imap-folder-invalid = Ange mappens namn, till exempel INBOX.
audit-desk-imap-set = Ställde in IMAP-brevlådan för en kundtjänstadress
audit-desk-imap-removed = Slutade hämta posten till en kundtjänstadress med IMAP

# Bounds on incoming mail (issue 11): addresses from headers are proposals until an adviser
# confirms them; pages show a bounded number of addresses.
desk-addresses-dropped = { $count } adresser till sparades inte (meddelandet hade fler mottagare än vad som sparas). De finns i originalmeddelandet.
desk-addresses-more = och { $count } till
desk-cc-proposed = Föreslagna kopior
desk-cc-proposed-hint = Dessa adresser stod i kopiefältet i ett inkommande meddelande. De får inga svar om de inte väljs för ett svar.
desk-cc-confirm = Lägg till { $address } som kopiemottagare
desk-reply-cc = Kopia av svaret
desk-reply-cc-hint = Kunden får alltid svaret. Välj vem som får en kopia; ett valt förslag läggs till bland kopiemottagarna.
desk-reply-cc-address = Kopia till { $address }
label-message-to = Mottagare
label-message-cc = Kopior
error-reply-cc-unknown = En kopia kan bara skickas till ärendets kopiemottagare eller till en föreslagen adress.
error-reply-cc-too-many = En kopia av svaret kan skickas till högst 20 adresser.
error-cc-too-many = Ett ärende kan ha högst 20 kopiemottagare.
desk-cc-proposal-tag = förslag
