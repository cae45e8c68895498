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
