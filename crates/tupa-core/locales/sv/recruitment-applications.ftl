# Recruitment: applications.

## The application form
application-title = Ansök: { $ad }
application-period-over = Ansökningstiden för det här jobbet har gått ut. Ansökningar kan inte längre skickas.
application-other-jobs = Se organisationens andra lediga jobb
application-thanks = Tack, din ansökan har tagits emot.
application-your-reference = Din ansökans referens är { $reference }.
application-mail-sent = Vi skickade en bekräftelse till din e-postadress. Den innehåller en länk där du kan se din ansökan och återta den. Om du inte ser meddelandet, titta i skräppostmappen.
application-back-to-ad = Tillbaka till jobbannonsen
# $time: the deadline in Finnish time
application-deadline = Ansökningstiden går ut { $time }.
application-read-ad = Läs jobbannonsen
application-controller = { $org } är personuppgiftsansvarig för uppgifterna i din ansökan och använder dem endast i den här rekryteringen.
application-anonymous-hint = Ansökningarna bedöms först anonymt: bedömarna ser inte ditt namn, dina kontaktuppgifter eller din ålder förrän i ett senare skede. Lämna bort dem också ur dina svar och ditt ansökningsbrev.
application-label-first-name = Förnamn
application-label-last-name = Efternamn
application-hint-email = Bekräftelsen och länken till din ansökan skickas hit.
application-label-phone = Telefonnummer (frivilligt)
application-label-birth-year = Födelseår (frivilligt)
application-hint-birth-year = Fyra siffror, till exempel 1990.
application-required-mark = (obligatoriskt)
application-label-cover-letter = Ansökningsbrev (frivilligt)
# $count: how many files; $size: megabytes per file
application-hint-files = Du kan bifoga högst { $count } filer (cv inräknat), var och en högst { $size } MB: PDF, bilder (JPEG, PNG, GIF, HEIC), text, Word (docx), Excel (xlsx), OpenDocument (odt) eller RTF.
application-label-cv = Cv
application-label-attachments = Andra bilagor, till exempel betyg
application-submit = Skicka ansökan

## Mail to the applicant
application-mail-received-subject = Ansökan mottagen: { $ad }
application-mail-received-body =
    Tack för din ansökan: { $org }, { $ad }.

    Din ansökans referens är { $reference }.

    Här kan du se din ansökan och återta den:
    { $link }

    Spara det här meddelandet: länken är din personliga åtkomst till ansökan. Dela den inte.
application-mail-repeat-subject = Du har redan ansökt: { $ad }
application-mail-repeat-body =
    Någon försökte skicka en ny ansökan med den här e-postadressen: { $org }, { $ad }. Du har redan ansökt, så den nya ansökan sparades inte.

    Din ansökans referens är { $reference }. Du ser den här; om du vill ändra den, återta den och ansök på nytt:
    { $link }

    Den tidigare länken till din ansökan fungerar inte längre.

## The applicant's own page
application-own-title = Din ansökan
application-withdraw-confirm-heading = Vill du återta din ansökan?
application-withdraw-confirm-text = En återtagen ansökan behandlas inte längre i den här rekryteringen. Du kan ansöka på nytt medan ansökningstiden pågår.
application-withdraw-confirm = Ja, återta ansökan
application-withdraw = Återta ansökan
application-label-reference = Referens
application-label-sent = Skickad
application-status-withdrawn-at = Återtagen { $time }
application-status-received = Mottagen, under behandling
application-files = Filer
notice-application-withdrawn = Din ansökan har återtagits.

## Recruiters: the list of applications
applications-title = Ansökningar: { $ad }
applications-back-to-ad = Tillbaka till annonsen { $ad }
# $stage: the pipeline stage from which names are shown
applications-anonymous-note = Bedömningen är anonym: namn, kontaktuppgifter och åldrar visas från skedet "{ $stage }".
applications-none = Inga ansökningar ännu.
applications-sort = Ordning
applications-sort-date = Nyaste först
applications-sort-stage = Enligt skede
applications-sort-rating = Enligt bedömning
applications-count = Ansökningar: { $count }
applications-col-applicant = Sökande
applications-col-stage = Skede
applications-col-rating = Bedömning
applications-col-received = Mottagen
applications-col-files = Filer
applications-rating-of-five = { $rating } / 5
application-status-active = Under behandling
application-status-refused = Avslagen
application-status-selected = Vald
application-status-withdrawn = Återtagen

## Recruiters: one application
application-anonymised-note = Namn, kontaktuppgifter och ålder är dolda tills ansökan når skedet "{ $stage }".
application-files-hidden = Filerna kan innehålla den sökandes namn, så de kan öppnas från skedet "{ $stage }".
application-label-refusal-reason = Orsak till avslag
application-actions = Åtgärder
application-move-to = Skede
application-move = Flytta
application-rate = Bedöm
application-message-template = Meddelande
application-send-message = Skicka till den sökande
application-document-template = Dokument
application-make-document = Gör dokumentet
application-refuse-heading = Avslå ansökan
application-refuse-message = Meddelande till den sökande
application-no-message = Inget meddelande
application-refuse = Avslå
application-select-heading = Välj den sökande
application-select-note = Anteckning (frivillig)
application-select = Välj
application-note = Intern anteckning
application-note-hint = Syns endast för organisationens rekryterare.
application-save-note = Spara anteckningen
application-history = Historik
application-event-received = Ansökan mottagen
application-event-stage = Flyttad till skedet
application-event-rating = Bedömd
application-event-note = Anteckning
application-event-refusal = Avslagen
application-event-selection = Vald
application-event-message = Meddelande skickat
application-event-document = Dokument gjort
application-event-withdrawal = Återtagen av den sökande
notice-application-message-sent = Meddelandet är på väg till den sökande.
notice-application-refused = Ansökan avslogs.
notice-application-selected = Den sökande valdes.

## Message and document templates
application-templates-title = Meddelande- och dokumentmallar
application-templates-intro = Mallar för meddelanden till sökande och för dokument som intervjukallelser. Var och en skrivs på ett till tre språk; den sökande får den på sitt eget språk, annars på finska.
application-templates-none = Inga mallar ännu.
application-template-kind = Typ
application-template-kind-message = Meddelande
application-template-kind-document = Dokument
application-template-retire = Ta bort { $name }
application-template-edit = Ändra mallen
application-template-new = Ny mall
# $tags: the merge tags, such as {first_name}
application-template-tags = De här taggarna fylls i för varje sökande: { $tags }
application-template-subject = Ämne eller rubrik
application-template-body = Text

## Errors
error-application-files-too-many = För många filer. Se ovan hur många filer du kan bifoga.
error-application-file-too-large = En fil är för stor. Se storleksgränsen ovan.
error-application-file-type = Den här typen av fil kan inte bifogas. Skicka en PDF, en bild, en text eller ett kontorsdokument.
error-application-consent-required = Kryssa i rutan för att ge ditt samtycke, annars kan ansökan inte behandlas.
error-application-period-over = Ansökningstiden har gått ut.
error-application-duplicate = En ansökan med den här e-postadressen håller redan på att sparas. Kontrollera din e-post.
error-application-withdrawn = Den sökande har återtagit ansökan.
error-application-selected = Den sökande har redan valts.
error-application-anonymised = Ansökan bedöms ännu anonymt; filer och dokument är tillgängliga från ett senare skede.
error-phone-invalid = Ange ett telefonnummer med siffror, till exempel 040 123 4567 eller +358 40 123 4567.
error-birth-year-invalid = Ange födelseåret med fyra siffror, till exempel 1990.
error-rating-invalid = Välj en bedömning från 1 till 5.
error-sort-invalid = Ordna enligt datum, skede eller bedömning.
error-template-kind-invalid = Välj meddelande eller dokument.
error-template-text-incomplete = Skriv texten på minst ett språk; ett meddelande behöver också ett ämne.
error-template-unknown = Välj en mall i listan.

## Audit log
audit-application-received = Ansökan mottagen
audit-application-repeated = Upprepad ansökan (länken skickad på nytt)
audit-application-withdrawn = Ansökan återtagen av den sökande
audit-applications-viewed = Ansökningar visade
audit-application-viewed = Ansökan visad
audit-application-file-downloaded = Fil i en ansökan hämtad
audit-application-stage-changed = Ansökan flyttad till ett annat skede
audit-application-rated = Ansökan bedömd
audit-application-noted = Anteckning om en ansökan
audit-application-refused = Ansökan avslagen
audit-application-selected = Sökande vald
audit-application-message-sent = Meddelande skickat till en sökande
audit-application-document-made = Dokument gjort för en ansökan
audit-applications-purged = Ansökningar raderade när förvaringstiden gått ut
audit-recruitment-template-created = Mall tillagd
audit-recruitment-template-changed = Mall ändrad
audit-recruitment-template-retired = Mall borttagen
