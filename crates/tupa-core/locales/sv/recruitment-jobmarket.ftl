# Recruitment: jobmarket.
# Överföring till Jobbmarknad Finland och allmänna texter för annonser.

## Annonsens läge på Jobbmarknad Finland
recruitment-jobmarket-state-not-sent = Inte skickad till Jobbmarknad Finland
recruitment-jobmarket-state-pending = Väntar på att skickas
recruitment-jobmarket-state-archive-pending = Väntar på arkivering
recruitment-jobmarket-state-retrying = Väntar på nytt försök (försök { $attempt })
recruitment-jobmarket-state-archive-retrying = Arkiveringen väntar på nytt försök (försök { $attempt })
recruitment-jobmarket-state-sent = Skickad till Jobbmarknad Finland { $time }
recruitment-jobmarket-state-archived = Arkiverad på Jobbmarknad Finland { $time }
recruitment-jobmarket-state-not-configured = Inte skickad: organisationen har inga användaruppgifter för Jobbmarknad Finland
recruitment-jobmarket-state-secret-unreadable = Inte skickad: de sparade användaruppgifterna för Jobbmarknad Finland kan inte läsas
recruitment-jobmarket-state-not-sendable-one = Inte skickad: { $reason }
recruitment-jobmarket-state-not-sendable-many = Inte skickad: { $count } saker att rätta
recruitment-jobmarket-state-failed = Sändningen misslyckades
recruitment-jobmarket-state-archive-failed = Arkiveringen misslyckades
recruitment-jobmarket-detail-no-credentials = Huvudanvändaren kan lägga till gränssnittets användaruppgifter på organisationens sida för Jobbmarknad Finland.
recruitment-jobmarket-detail-secret-unreadable = Serverns hemliga nyckel har bytts sedan uppgifterna sparades. Huvudanvändaren måste ange lösenordet eller nyckeln på nytt.
recruitment-jobmarket-detail-unavailable = Jobbmarknad Finland svarade inte ({ $reason }).
recruitment-jobmarket-detail-next-attempt = Nästa försök { $time }.
recruitment-jobmarket-short-no-business-id = FO-nummer saknas
recruitment-jobmarket-short-no-occupation = yrkesklassificering saknas
recruitment-jobmarket-short-invalid-occupation = yrkesklassificeringen är felaktig
recruitment-jobmarket-short-no-region = landskap saknas
recruitment-jobmarket-short-no-texts = text saknas
recruitment-jobmarket-short-no-title = rubrik saknas
recruitment-jobmarket-short-no-description = beskrivning saknas
recruitment-jobmarket-short-no-vacancies = antal platser saknas
recruitment-jobmarket-short-invalid-postal-code = postnumret är felaktigt
recruitment-jobmarket-short-deadline-passed = ansökningstiden har gått ut

## Organisationens sida för Jobbmarknad Finland
recruitment-jobmarket-page-title = Jobbmarknad Finland
recruitment-jobmarket-page-intro = Publicerade annonser skickas till Jobbmarknad Finland (Työmarkkinatori) via dess importgränssnitt i organisationens eget namn: med dess FO-nummer och de användaruppgifter den fått. En ändrad annons skickas på nytt, och en avslutad annons arkiveras där.
recruitment-jobmarket-business-id = FO-nummer
recruitment-jobmarket-business-id-missing = Organisationen har inget giltigt FO-nummer, så inga annonser kan skickas. Lägg till det i organisationens inställningar.
recruitment-jobmarket-business-id-link = Organisationens inställningar
recruitment-jobmarket-connection = Gränssnittets användaruppgifter
recruitment-jobmarket-connection-set = Användaruppgifterna är sparade. Lösenordet eller nyckeln sparas krypterat och visas aldrig.
recruitment-jobmarket-connection-not-set = Inga användaruppgifter är sparade, så annonser skickas inte till Jobbmarknad Finland.
label-jobmarket-endpoint = Gränssnittets adress
hint-jobmarket-endpoint = Adressen som Jobbmarknad Finland gett, börjar med https://
label-jobmarket-username = Användarnamn
hint-jobmarket-username = Lämna tomt om du fått en nyckel (token) i stället för användarnamn och lösenord.
label-jobmarket-secret = Lösenord eller nyckel
hint-jobmarket-secret-kept = Ett lösenord eller en nyckel är sparad. Lämna tomt för att behålla den.
hint-jobmarket-secret-new = Obligatoriskt.
recruitment-jobmarket-save = Spara användaruppgifterna
recruitment-jobmarket-clear = Ta bort användaruppgifterna
recruitment-jobmarket-clear-confirm = Ta bort användaruppgifterna för Jobbmarknad Finland? Annonser skickas inte förrän nya sparas.
recruitment-jobmarket-ads = Organisationens annonser på Jobbmarknad Finland
recruitment-jobmarket-ads-none = Inga annonser har publicerats ännu.
recruitment-jobmarket-col-ad = Annons
recruitment-jobmarket-col-deadline = Ansökningstiden går ut
recruitment-jobmarket-col-state = Jobbmarknad Finland
recruitment-jobmarket-untitled = (utan rubrik)
notice-jobmarket-saved = Användaruppgifterna sparades.
notice-jobmarket-cleared = Användaruppgifterna togs bort.
error-jobmarket-endpoint-invalid = Ange gränssnittets adress som börjar med https://, till exempel https://api.example.fi/import/v2 (inte en adress i serverns eget nät).
error-jobmarket-username-invalid = Användarnamnet är för långt eller innehåller radbrytningar.
error-jobmarket-secret-invalid = Lösenordet eller nyckeln är för lång eller innehåller radbrytningar.
error-jobmarket-secret-required = Ange lösenordet eller nyckeln som getts för gränssnittet.

## Allmänna texter för annonser
recruitment-texts-title = Allmänna texter för annonser
recruitment-texts-intro = Stycken som används i många annonser, till exempel en presentation av organisationen eller att ett straffregisterutdrag krävs. Rekryterarna infogar dem i annonsens beskrivning i annonsformuläret.
recruitment-texts-none = Inga allmänna texter ännu.
recruitment-texts-add = Lägg till en allmän text
recruitment-texts-readonly = Huvudanvändarna sköter dessa texter; du kan infoga dem i annonser.
recruitment-texts-no-language = Ingen text på detta språk.
recruitment-texts-retired = Ur bruk
label-recruitment-text-name = Namn
hint-recruitment-text-name = Rekryterarna väljer texten efter dess namn.
label-recruitment-text-fi = Text på finska
label-recruitment-text-sv = Text på svenska
label-recruitment-text-en = Text på engelska
recruitment-texts-save = Spara ”{ $name }”
recruitment-texts-retire = Ta ur bruk ”{ $name }”
recruitment-texts-retire-confirm = Ta den allmänna texten ”{ $name }” ur bruk? Annonser som redan innehåller den behåller sin kopia.
notice-recruitment-text-saved = Den allmänna texten sparades.
notice-recruitment-text-retired = Den allmänna texten togs ur bruk.
error-recruitment-text-name-invalid = Namnet är en rad på högst 100 tecken.
error-recruitment-text-language-required = Skriv texten på minst ett språk.
error-recruitment-text-name-taken = En annan allmän text har redan detta namn.
error-recruitment-text-too-many = Organisationen har redan 200 allmänna texter. Ta ur bruk dem som inte längre behövs.
