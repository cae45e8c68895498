# Recruitment: job ads, the public job board, applications.

## Logo uploads
recruitment-logo-file-too-large = Filen är { $size } MB; en logotyp får vara högst { $max_size } MB.
recruitment-logo-not-jpeg-or-png = Filen är varken en JPEG- eller en PNG-bild. Spara logotypen som .jpg eller .png och försök igen.
recruitment-logo-dimensions-too-large = Bilden är { $width } × { $height } px, vilket är för stort för att behandlas. En logotyp får vara högst { $max_width } px på varje sida och högst { $max_megapixels } megapixel.
recruitment-logo-corrupt = Bildfilen är skadad eller ofullständig och kan inte öppnas. Spara bilden på nytt och ladda upp den nya filen.
recruitment-logo-too-small = Bilden är { $width } × { $height } px; den måste vara minst { $min_width } × { $min_height } px.
recruitment-logo-wrong-aspect-ratio = Bilden är { $width } × { $height } px, men en logotyp måste ha proportionerna { $min_width }:{ $min_height } (bredden cirka 2,95 gånger höjden). Beskuren till { $fit_width } × { $fit_height } px skulle bilden duga.

## Job ad facts
recruitment-employment-type-permanent = Tillsvidare
recruitment-employment-type-fixed-term = Visstid
recruitment-working-time-full-time = Heltid
recruitment-working-time-part-time = Deltid
recruitment-working-time-hourly = Timarbete
recruitment-engagement-public-office = Tjänsteförhållande
recruitment-engagement-employment-contract = Arbetsavtalsförhållande

# Labels of the facts under an ad
recruitment-salary-basis = Lön
recruitment-start = Tillträde
recruitment-duration = Anställningens längd
recruitment-engagement = Anställningsform

## Feeds
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
recruitment-feed-deadline = Ansökningstiden går ut { $time }.

## National job market (Työmarkkinatori)
recruitment-jobmarket-not-sent = Annonsen skickades inte till Jobbmarknad Finland:
recruitment-jobmarket-no-business-id = Organisationens FO-nummer saknas eller är felaktigt. Huvudanvändaren kan lägga till det i organisationens inställningar.
recruitment-jobmarket-no-occupation = Yrkesklassificering (ISCO- eller ESCO-kod) saknas. Jobbmarknad Finland tar inte emot annonsen utan den.
recruitment-jobmarket-invalid-occupation = Yrkesklassificeringen { $code } är varken en ISCO-kod (till exempel 2221) eller adressen till ett ESCO-yrke.
recruitment-jobmarket-no-region = Landskap saknas, eller dess kod är inte en tvåsiffrig landskapskod (till exempel 01 Nyland).
recruitment-jobmarket-no-texts = Annonsen har ingen text på något språk.
recruitment-jobmarket-no-title = Rubriken på { $language ->
        [fi] finska
        [sv] svenska
       *[en] engelska
    } saknas.
recruitment-jobmarket-no-description = Beskrivningen på { $language ->
        [fi] finska
        [sv] svenska
       *[en] engelska
    } saknas.
recruitment-jobmarket-no-vacancies = Antalet lediga platser saknas.
recruitment-jobmarket-invalid-postal-code = Postnumret { $code } har inte fem siffror.
recruitment-jobmarket-deadline-passed = Ansökningstiden har redan gått ut.
recruitment-jobmarket-rejected = Jobbmarknad Finland avvisade annonsen (HTTP { $status }): { $reason }
recruitment-jobmarket-credentials-refused = Jobbmarknad Finland godkände inte organisationens inloggningsuppgifter. Kontrollera FO-numret och gränssnittets inloggningsuppgifter i organisationens inställningar.
recruitment-jobmarket-unavailable = Jobbmarknad Finland svarar inte just nu. Annonsen skickas automatiskt på nytt senare.
recruitment-jobmarket-settings-invalid = Anslutningsinställningarna för Jobbmarknad Finland är felaktiga, och annonsen kunde inte skickas. Kontakta underhållet.

# Job ad workflow and settings
recruitment-stage-received = Inkommen
recruitment-stage-screening = Gallring
recruitment-stage-interview = Intervju
recruitment-stage-final = Slutskede
recruitment-consent-default = Jag samtycker till att organisationen behandlar personuppgifterna i min ansökan i denna rekrytering enligt sin dataskyddsbeskrivning.
error-datetime-invalid = Ange datum och klockslag, till exempel 15.12.2026 16:00.
error-ad-language-required = Skriv rubriken och beskrivningen på minst ett språk.
error-municipality-code-invalid = Kommunkoden har tre siffror, till exempel 091 för Helsingfors.
error-region-code-invalid = Landskapskoden har två siffror, till exempel 01 för Nyland.
error-vacancies-invalid = Antalet platser är ett heltal från 1 till 999.
error-contacts-too-many = En annons kan ha högst fem kontaktpersoner.
error-questions-too-many = En annons kan ha högst tjugo frågor.
error-publish-after-deadline = Publiceringstiden måste vara före ansökningstidens slut.
error-deadline-past = Ansökningstiden måste sluta i framtiden.
error-ad-not-editable = En stängd eller arkiverad annons kan inte ändras. Öppna den först på nytt.
error-ad-status-changed = Någon ändrade annonsens status under tiden. Ladda om sidan och försök igen.
error-note-required = Skriv en motivering.
error-action-invalid = Okänd åtgärd.
error-stages-invalid = Skedena behöver en kort beteckning (små bokstäver, siffror, bindestreck), olika för varje, högst tolv skeden och namn på högst 60 tecken.
error-stage-unknown = Välj ett av processens skeden.
error-retention-invalid = Ansökningar sparas i 30–3650 dagar.
error-file-limits-invalid = Tillåt högst 20 filer på 100 kB – 50 MB var.
error-text-too-long = Texten är för lång.
error-required = Fältet är obligatoriskt.
tab-recruitment = Rekrytering

# Recruiters' pages
recruitment-ad-edit = Platsannons
recruitment-ad-new = Ny platsannons
recruitment-ads-title = Platsannonser
recruitment-anonymous-off = Av: namnen visas
recruitment-applications-link = Ansökningar
recruitment-approve = Godkänn för publicering
recruitment-archive = Arkivera
recruitment-back-to-ads = Tillbaka till annonserna
recruitment-close = Stäng nu
recruitment-close-confirm = Stänga annonsen nu, före ansökningstidens slut? Den försvinner genast från jobbsidorna och flödena.
recruitment-closed-not-editable = En stängd eller arkiverad annons kan inte ändras. Öppna den på nytt med en ny ansökningstid för att ändra den.
recruitment-contact = Kontaktperson
recruitment-contacts = Kontaktpersoner för mer information
recruitment-copy = Kopiera till ett nytt utkast
recruitment-decision-note = Meddelande till rekryteraren (obligatoriskt vid återsändning)
recruitment-extend = Förläng ansökningstiden
recruitment-extend-note = Motivering (visas i historiken)
recruitment-from-template = Ny annons från en mall
recruitment-from-template-go = Skapa
recruitment-hint-anonymous = Namn, kontaktuppgifter och ålder döljs för bedömarna tills ansökan har nått detta skede.
recruitment-hint-consent = Lämna tomt för att använda standardtexten som visas i fältet.
recruitment-hint-deadline = Finsk tid. Annonsen stängs automatiskt denna minut.
recruitment-hint-duration = För visstidsarbete, till exempel till 31.12.2027.
recruitment-hint-municipality-code = Statistikcentralens tresiffriga kod, till exempel 049 för Esbo.
recruitment-hint-occupation-code = ISCO- eller ESCO-yrkeskod; Jobbmarknad Finland kräver en.
recruitment-hint-publish-at = Lämna tomt för att publicera så snart annonsen skickas eller godkänns.
recruitment-hint-region-code = Två siffror, till exempel 01 för Nyland (frivilligt).
recruitment-hint-retention-days = Ansökningar och deras filer raderas så här många dagar efter att rekryteringen avslutats (standard 730, två år).
recruitment-hint-salary-basis = Till exempel tjänste- eller kollektivavtal och lönegrupp.
recruitment-hint-stages = Ett skede per rad, i ordning. En rad är en kort beteckning (received, screening, interview, final) eller en beteckning följd av namnen på finska, svenska och engelska åtskilda med |, till exempel: test | Soveltuvuusarviointi | Lämplighetsbedömning | Aptitude test
recruitment-hint-start = Till exempel 1.1.2027 eller enligt överenskommelse.
recruitment-history = Historik
recruitment-job = Uppgiften
recruitment-jobmarket = Jobbmarknad Finland
recruitment-jobmarket-link = Jobbmarknad Finland
recruitment-label-anonymous = Anonym bedömning fram till skedet
recruitment-label-approval-required = Annonser kräver en rekryterande chefs godkännande före publicering
recruitment-label-city = Postanstalt
recruitment-label-consent = Samtyckestext på ansökningsblanketten
recruitment-label-contact-title = Befattning
recruitment-label-deadline = Ansökningstiden går ut
recruitment-label-description = Beskrivning
recruitment-label-duration = Längd
recruitment-label-employment-type = Anställningens längd
recruitment-label-engagement = Typ av anställning
recruitment-label-languages = Språk
recruitment-label-max-file-mb = Största fil (MB)
recruitment-label-max-files = Filer per ansökan
recruitment-label-municipality = Kommun
recruitment-label-municipality-code = Kommunkod
recruitment-label-occupation-code = Yrkeskod
recruitment-label-phone = Telefon
recruitment-label-postal-code = Postnummer
recruitment-label-publish-at = Publiceras
recruitment-label-region-code = Landskapskod
recruitment-label-retention-days = Ansökningarnas lagringstid (dagar)
recruitment-label-salary-basis = Lönegrund
recruitment-label-stages = Rekryteringsprocessens skeden
recruitment-label-start = Tillträde
recruitment-label-street = Arbetsplatsens gatuadress
recruitment-label-title = Rubrik
recruitment-label-vacancies = Antal platser
recruitment-label-working-time = Arbetstid
recruitment-languages-hint = Skriv annonsen på ett till tre språk; ett språk som lämnas tomt publiceras inte.
recruitment-new-deadline = Ny sista ansökningsdag
recruitment-no-ads = Inga annonser här.
recruitment-place = Arbetsplatsens läge
recruitment-public-board-link = Offentliga jobbsidor
recruitment-public-page = Offentlig sida
recruitment-publishing-link = Logotyp, flöden och länkar för webbsidor
recruitment-question = Fråga
recruitment-question-required = Svar krävs
recruitment-questions = Frågor till sökande
recruitment-questions-hint = Skriv varje fråga på annonsens språk. Tomma rader ignoreras.
recruitment-reopen = Öppna på nytt med en ny ansökningstid
recruitment-return = Returnera till rekryteraren
recruitment-schedule = Publicering och ansökningstid
recruitment-settings-link = Inställningar för rekrytering
recruitment-settings-title = Inställningar för rekrytering
recruitment-status-filter = Visa annonser
recruitment-submit = Skicka för publicering
recruitment-template-new = Ny annonsmall
recruitment-templates-link = Meddelande- och dokumentmallar
recruitment-texts-link = Standardtexter
recruitment-withdraw = Dra tillbaka till utkast
recruitment-workflow = Status och publicering
recruitment-status-active = Aktuella
recruitment-status-all = Alla
recruitment-status-template = Mallar
recruitment-status-draft = Utkast
recruitment-status-awaiting-approval = Väntar på godkännande
recruitment-status-scheduled = Schemalagd
recruitment-status-published = Publicerad
recruitment-status-closed = Avslutad
recruitment-status-archived = Arkiverad
recruitment-event-created = skapad
recruitment-event-template-created = mall skapad
recruitment-event-edited = redigerad
recruitment-event-submitted = skickad för godkännande
recruitment-event-scheduled = schemalagd
recruitment-event-published = publicerad
recruitment-event-approved = godkänd
recruitment-event-returned = returnerad till rekryteraren
recruitment-event-close = stängd manuellt
recruitment-event-archive = arkiverad
recruitment-event-withdraw = återtagen till utkast
recruitment-event-extended = ansökningstiden förlängd
recruitment-event-reopened = öppnad på nytt
recruitment-event-closed-at-deadline = stängdes när ansökningstiden gick ut
recruitment-question-in-fi = På finska
recruitment-question-in-sv = På svenska
recruitment-question-in-en = På engelska
recruitment-texts-in-fi = På finska
recruitment-texts-in-sv = På svenska
recruitment-texts-in-en = På engelska
recruitment-general-text = Standardtext
recruitment-general-text-insert = Infoga i beskrivningen
recruitment-nav-label = Rekryteringens sidor
