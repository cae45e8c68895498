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
