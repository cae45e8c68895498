# Handledningsrum
error-space-title-required = Ge rummet en rubrik.
error-space-title-too-long = Rubriken är för lång (högst 200 tecken).
error-space-name-too-long = Namnet är för långt (högst 200 tecken).
error-space-template-unknown = Rumsmallen finns inte.
error-space-archived = Rummet är arkiverat: det kan läsas men inte längre skrivas i.
error-space-message-empty = Skriv ett meddelande först.
error-space-message-too-long = Meddelandet är för långt (högst 10 000 tecken).
error-space-has-client = Rummet har redan en klient.
error-space-link-for-client = Länken är avsedd för rummets klient.
error-space-status-changed = Rummet ändrades under tiden; ladda om sidan.
error-ticket-already-a-space = Ett handledningsrum har redan öppnats av detta ärende.
error-space-identification-required = Identifiera dig först starkt: med den här länken kommer bara rummets klient in.
error-lang-invalid = Välj finska, svenska eller engelska.
mail-space-invite-subject = Inbjudan till ett handledningsrum – { $org }
mail-space-invite-body =
    Hej,

    { $org } har öppnat ett tryggt handledningsrum för dig. Öppna det med den här länken och identifiera dig med dina bankkoder eller ett mobilcertifikat:

    { $link }

    Länken fungerar i { $days } dagar och bara en gång.
mail-space-new-subject = Nytt i ditt handledningsrum – { $org }
mail-space-new-body =
    Hej,

    Det finns något nytt för dig i ditt handledningsrum hos { $org }:

    { $link }

    För din integritets skull visas själva meddelandet bara i tjänsten.
tab-spaces = Handledningsrum
spaces-title = Handledningsrum
spaces-none = Du har inga handledningsrum ännu.
spaces-new = Öppna ett nytt rum
spaces-new-help = Klienten får en inbjudan per e-post och kommer in i rummet efter stark identifiering.
space-field-title = Rubrik
space-field-client-email = Klientens e-postadress
space-field-client-name = Klientens namn
space-field-lang = Klientens språk
space-open-submit = Öppna rummet
space-opened-invite = Rummet är öppet och inbjudan skickad. Klientens länk (fungerar en gång):
space-status-open = Öppet
space-status-closed = Stängt
space-status-archived = Arkiverat
space-unread = { $count } olästa
space-conversation = Samtal
space-message-label = Meddelande
space-send = Skicka
space-no-messages = Inga meddelanden ännu.
space-from-ticket = Från servicepunkten
space-close = Stäng rummet
space-reopen = Öppna rummet igen
space-closed-note = Rummet är stängt. Du kan ännu en tid skicka meddelanden.
space-archived-note = Rummet är arkiverat. Du kan läsa och ladda ner det.
space-live-status = Nya meddelanden visas här när de kommer.
space-invite-title = Du har blivit inbjuden till ett handledningsrum
space-invite-intro = { $org } har öppnat ett tryggt handledningsrum för dig: { $title }.
space-invite-identify = Identifiera dig för att komma in
space-invite-test-identification = Testidentifiering (utbildningsmiljö)
space-invite-accept = Gå till rummet
space-invite-signed-in-as = Du är identifierad som { $name }.
ticket-to-space = Gör om till ett handledningsrum
ticket-space-link = Ärendets handledningsrum
notice-space-opened = Handledningsrummet öppnades och klienten bjöds in.
notice-space-closed = Rummet stängdes.
notice-space-reopened = Rummet öppnades igen.
audit-space-opened = öppnade ett handledningsrum
