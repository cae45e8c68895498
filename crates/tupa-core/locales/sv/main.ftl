# Tupa — svenska. Varje nyckel i den här filen finns också i en/main.ftl och fi/main.ftl (ett test kontrollerar det).

## Sidlayout
skip-to-content = Hoppa till huvudinnehållet
training-banner = Utbildningsmiljö: endast testdata. E-post skickas inte, utan sparas i utkorgen.
nav-languages = Språk
nav-main = Huvudmeny
nav-home = Startsida
nav-organisations = Organisationer
nav-plans = Avtalsnivåer
nav-audit = Händelselogg
nav-outbox = Utkorg
nav-profile = Mina uppgifter
nav-sign-out = Logga ut
nav-breadcrumb = Du är här
nav-organisation-sections = Organisationens avsnitt
footer-accessibility = Tillgänglighetsutlåtande
footer-environment = Miljö
environment-training = utbildningsmiljö
environment-production = produktionsmiljö
back-to-home = Tillbaka till startsidan
back-to-sign-in = Tillbaka till inloggningen
cancel = Avbryt
save = Spara
form-has-errors = Rätta följande

## Fel (error-<kod>)
error-title = Något gick fel
error-status = Statuskod
error-not-found = Sidan eller objektet hittades inte, eller så har du inte åtkomst till det.
error-forbidden = Du har inte behörighet att göra det här.
error-unauthenticated = Logga in först.
error-rate-limited = För många försök. Vänta 15 minuter och försök igen.
error-not-in-plan = Din organisations avtalsnivå omfattar inte den här tjänsten.
error-unexpected = Ett oväntat fel inträffade. Försök igen. Om felet upprepas, kontakta supporten.
error-csrf-failed = Formuläret hade gått ut. Ladda om sidan och försök igen.
error-form-too-large = Formuläret var för stort.
error-request-invalid = Begäran kunde inte läsas. Kontrollera formuläret eller JSON-innehållet.
error-method-not-allowed = Den här adressen tar inte emot den här typen av begäran.
error-action-unknown = Okänd åtgärd.
error-business-id-invalid = Ange ett giltigt FO-nummer i formen 1234567-8.
error-cannot-deactivate-self = Du kan inte inaktivera dig själv.
error-cannot-demote-self = Du kan inte ta bort din egen roll som huvudanvändare.
error-credentials-wrong = E-postadressen eller lösenordet är fel.
error-demo-refused-in-production = Demodata kan inte skapas i produktionsmiljön.
error-email-invalid = Ange en giltig e-postadress, till exempel namn@example.fi.
error-identity-taken = Den här identiteten är redan kopplad till en annan person.
error-language-invalid = Språket måste vara fi, sv eller en.
error-link-invalid = Länken har gått ut eller har redan använts. Be om en ny länk.
error-name-invalid = Ange ett namn (högst 200 tecken).
error-password-current-wrong = Det nuvarande lösenordet är fel.
error-password-mismatch = Lösenorden stämmer inte överens.
error-password-too-long = Lösenordet är för långt.
error-password-too-short = Lösenordet måste vara minst 10 tecken långt.
error-plan-unknown = Välj en avtalsnivå i listan.
error-role-invalid = Okänd roll.
error-role-not-grantable = Du kan inte ge eller ta bort den här rollen.
error-roles-empty = Välj minst en roll. Om du vill ta bort all åtkomst, inaktivera personen.
error-setup-already-done = Ibruktagningen har redan gjorts.
error-slug-invalid = Använd 2–40 tecken: små bokstäver a–z, siffror och bindestreck.
error-slug-taken = Det här kortnamnet används redan.
error-token-name-invalid = Ange ett namn för nyckeln (högst 100 tecken).
error-totp-not-set-up = Tvåstegsverifiering har inte aktiverats.
error-totp-wrong = Koden är fel eller har redan använts. Ange den kod som appen visar just nu.
error-totp-required-for-platform-admins = Plattformsadministratörer måste använda tvåstegsverifiering.
error-unit-has-live-children = Flytta eller avveckla underenheterna först.
error-unit-move-cycle = En enhet kan inte flyttas under sig själv eller sin egen underenhet.
error-unit-parent-invalid = Välj en enhet i den här organisationen som är i bruk.
error-unit-retired = En avvecklad enhet kan inte flyttas. Återställ den först.
error-url-invalid = Ange en fullständig webbadress som börjar med https://.
error-user-already-member = Den här personen hör redan till organisationen.
error-user-not-invited = Den här personen har redan tagit emot inbjudan.

## Meddelanden efter att du sparat (notice-<nyckel>)
notice-saved = Ändringarna har sparats.
notice-signed-out = Du har loggat ut.
notice-password-reset = Ditt lösenord har ändrats. Logga in med det nya lösenordet.
notice-welcome = Välkommen till Tupa!
notice-organisation-created = Organisationen har skapats.
notice-unit-created = Enheten har lagts till.
notice-unit-renamed = Enheten har fått ett nytt namn.
notice-unit-moved = Enheten har flyttats.
notice-unit-retired = Enheten har avvecklats.
notice-unit-restored = Enheten har återställts.
notice-user-invited = Inbjudan har skickats.
notice-invitation-resent = En ny inbjudan har skickats.
notice-roles-saved = Rollerna har sparats.
notice-user-deactivated = Personen har inaktiverats i den här organisationen.
notice-user-reactivated = Personen har aktiverats igen.
notice-plan-created = Avtalsnivån har skapats.
notice-password-changed = Lösenordet har ändrats. Du har loggats ut från dina andra sessioner.
notice-totp-enabled = Tvåstegsverifieringen har aktiverats.
notice-totp-disabled = Tvåstegsverifieringen har stängts av.
notice-session-revoked = Sessionen har avslutats.
notice-token-revoked = API-nyckeln har återkallats.

## Roller, tjänster och statusar
role-platform-admin = Plattformsadministratör
role-main-admin = Huvudanvändare
role-adviser = Rådgivare
role-counsellor = Handledare
role-supervisor = Övervakare
role-hiring-manager = Rekryterande chef
role-recruiter = Rekryterare
capability-desk = Kundtjänst
capability-guidance = Handledningsrum
capability-recruitment = Rekrytering
capability-reports = Rapporter
status-active = Aktiv
status-invited = Inbjuden
status-deactivated = Inaktiverad
outbox-status-captured = Sparat (inte skickat)
outbox-status-pending = Väntar på att skickas
outbox-status-sent = Skickat
outbox-status-failed = Sändningen misslyckades

## Fältnamn och anvisningar i formulär
label-email = E-postadress
label-password = Lösenord
label-new-password = Nytt lösenord
label-password-again = Nytt lösenord igen
label-current-password = Nuvarande lösenord
label-name = Namn
label-organisation-name = Organisationens namn
label-slug = Kortnamn i webbadresser
label-plan = Avtalsnivå
label-plan-name = Avtalsnivåns namn
label-capabilities = Tjänster
label-admins-manage-settings = Huvudanvändarna får själva ändra organisationens inställningar
label-settings-managed-by = Inställningarna sköts av
label-privacy-notice-url = Dataskyddsbeskrivningens adress
label-business-id = FO-nummer
label-code = Sexsiffrig kod
label-created = Skapad
label-status = Status
label-roles = Roller
label-role = Roll
label-current-roles = Nuvarande roller
label-role-unit = Begränsa rollerna till en enhet
label-unit = Enhet
label-unit-name = Enhetens namn
label-new-name = Nytt namn
label-parent-unit = Överordnad enhet
label-invitation-language = Inbjudans språk
label-language = Språk
label-last-seen = Senast aktiv
label-last-used = Senast använd
label-granted = Beviljad
label-revoked = Borttagen
label-time = Tid
label-actor = Vem
label-action = Vad
label-details = Objekt och detaljer
label-to = Mottagare
label-subject = Ämne
label-device = Apparat
label-signed-in = Inloggad
label-actions = Åtgärder
label-token-name = Nyckelns namn
hint-slug = Till exempel espoo. Små bokstäver a–z, siffror och bindestreck.
hint-password = Minst 10 tecken. En lång fras är lätt att komma ihåg och svår att gissa.
hint-privacy-notice-url = Visas överallt där organisationen samlar in personuppgifter.
hint-business-id = Till exempel 0201256-6.
hint-role-unit = Lämna tomt om rollerna gäller hela organisationen.
hint-token-name = Till exempel namnet på det system som använder nyckeln.
whole-organisation = Hela organisationen
unit-retired-or-unknown = (avvecklad enhet)

## Ibruktagning
setup-title = Ta i bruk Tupa
setup-intro = Skapa tjänsteleverantörens organisation och den första plattformsadministratören. Kundorganisationer kan du lägga till efter det.
setup-operator = Tjänsteleverantörens organisation
setup-admin = Första plattformsadministratören
setup-submit = Ta i bruk

## Inloggning och lösenord
sign-in-title = Logga in
sign-in-submit = Logga in
sign-in-forgot = Har du glömt ditt lösenord?
totp-title = Tvåstegsverifiering
totp-intro = Ange den sexsiffriga kod som din autentiseringsapp visar.
totp-submit = Verifiera
forgot-title = Återställ ditt lösenord
forgot-intro = Ange din e-postadress. Om adressen hör till ett konto skickar vi en länk där du kan ange ett nytt lösenord.
forgot-submit = Skicka länk
forgot-sent = Om adressen hör till ett konto har en länk skickats till den. Länken är giltig i en timme.
reset-title = Ange ett nytt lösenord
reset-submit = Spara lösenordet
invite-title = Välkommen till Tupa
invite-intro = Du har bjudits in till Tupa med e-postadressen { $email }. Kontrollera ditt namn och välj ett lösenord.
invite-submit = Börja använda Tupa
link-invalid-title = Länken fungerar inte längre
link-invalid-new-reset = Be om en ny länk
link-invalid-ask-admin = Be din organisations huvudanvändare att skicka en ny inbjudan.
link-invalid-sign-in = Har du redan ett lösenord? Logga in
plan-name-full = Full, självförvaltad
plan-name-full-managed = Full, förvaltad av tjänsteleverantören
plan-name-desk = Endast kundtjänst
plan-name-operator = Tjänsteleverantör

## Startsida
home-title = Startsida
home-greeting = Hej, { $name }
home-your-organisations = Dina organisationer
home-no-organisations = Du har ännu inga roller i någon organisation. Din organisations huvudanvändare kan lägga till dem.
home-operator-tools = Tjänsteleverantörens verktyg

## Organisationer
orgs-title = Organisationer
orgs-all = Alla organisationer
orgs-operator = Tjänsteleverantör
orgs-create = Skapa en organisation
orgs-create-submit = Skapa organisation
tab-overview = Översikt
tab-units = Enheter
tab-users = Användare
tab-audit = Händelselogg
org-name-and-plan = Namn och avtalsnivå
org-settings = Inställningar
settings-by-main-admin = organisationens huvudanvändare
settings-by-operator = tjänsteleverantören (be supporten om ändringar)
settings-ask-operator = Med din organisations avtalsnivå är det tjänsteleverantören som ändrar de här inställningarna. Skicka en begäran till supporten.

## Enheter
units-title = Enhetsstruktur
units-none = Inga enheter ännu.
units-edit = Ändra enheten { $name }
units-rename = Byt namn
units-move = Flytta
units-retire = Avveckla enheten
units-retire-confirm = Vill du avveckla enheten { $name }? Dess historik sparas och enheten kan återställas.
units-top-level = (högsta nivån)
units-add = Lägg till en enhet
units-add-submit = Lägg till enhet
units-retired = Avvecklade enheter
units-retired-at = avvecklad { $time }
units-restore = Återställ enheten { $name }

## Användare
users-title = Personer
users-invite = Bjud in en person
users-invite-submit = Skicka inbjudan
users-change-roles = Ändra roller
users-resend = Skicka inbjudan igen
users-deactivate = Inaktivera i den här organisationen
users-deactivate-confirm = Vill du inaktivera { $name }? Personen kan inte längre arbeta i den här organisationen, men personens historik sparas.
users-reactivate = Aktivera igen
users-role-history = Rollhistorik

## Avtalsnivåer
plans-title = Avtalsnivåer
plans-intro = Avtalsnivån avgör vilka tjänster en organisation har och om organisationens huvudanvändare själva ändrar inställningarna.
plans-save = Spara avtalsnivån { $name }
plans-create = Skapa en avtalsnivå
plans-create-submit = Skapa avtalsnivå

## Händelselogg
audit-title = Händelselogg
audit-all-intro = Händelser i hela systemet, de nyaste först.
audit-none = Inga händelser ännu.
audit-older = Äldre händelser
audit-sign-in = Loggade in
audit-sign-in-failed = Misslyckad inloggning
audit-sign-in-password-accepted = Lösenordet godkändes, väntar på koden
audit-password-changed = Bytte lösenord
audit-password-reset = Angav ett nytt lösenord
audit-password-reset-requested = Begärde återställning av lösenordet
audit-invitation-accepted = Tog emot inbjudan
audit-invitation-resent = Skickade inbjudan igen
audit-setup-completed = Tog i bruk systemet
audit-organisation-created = Skapade organisationen
audit-organisation-renamed = Bytte namn på organisationen
audit-plan-assigned = Tilldelade en avtalsnivå
audit-plan-created = Skapade en avtalsnivå
audit-plan-changed = Ändrade en avtalsnivå
audit-settings-changed = Ändrade inställningar
audit-unit-created = Lade till en enhet
audit-unit-renamed = Bytte namn på en enhet
audit-unit-moved = Flyttade en enhet
audit-unit-retired = Avvecklade en enhet
audit-unit-restored = Återställde en enhet
audit-user-invited = Bjöd in en person
audit-roles-changed = Ändrade roller
audit-user-deactivated = Inaktiverade en person
audit-user-reactivated = Aktiverade en person igen
audit-token-created = Skapade en API-nyckel
audit-token-revoked = Återkallade en API-nyckel
audit-totp-enabled = Aktiverade tvåstegsverifiering
audit-totp-disabled = Stängde av tvåstegsverifiering
audit-demo-created = Skapade demodata

## Utkorg
outbox-title = Utkorg
outbox-intro = E-post som systemet har skrivit, de nyaste först.
outbox-intro-training = I utbildningsmiljön skickas ingen e-post: alla meddelanden stannar här.
outbox-none = Ingen e-post ännu.

## Mina uppgifter
profile-title = Mina uppgifter
profile-details = Uppgifter
profile-password = Lösenord
profile-change-password = Byt lösenord
profile-totp = Tvåstegsverifiering
profile-totp-on = Tvåstegsverifieringen är på: när du loggar in frågas du efter en kod från din autentiseringsapp.
profile-totp-off = Tvåstegsverifieringen är avstängd. Aktivera den för att skydda ditt konto.
profile-totp-enable = Aktivera tvåstegsverifiering
profile-totp-disable = Stäng av
profile-totp-required = Plattformsadministratörer måste alltid ha tvåstegsverifieringen påslagen.
profile-sessions = Inloggade apparater
sessions-this = den här apparaten
sessions-revoke = Avsluta sessionen som började { $time }
profile-tokens = API-nycklar
tokens-intro = Med en API-nyckel kan ett annat system använda Tupas API för din räkning.
tokens-create = Skapa API-nyckel
tokens-created = Kopiera nyckeln nu. Den visas inte igen.
tokens-revoke = Återkalla nyckeln { $name }
totp-setup-title = Aktivera tvåstegsverifiering
totp-setup-required = Plattformsadministratörer måste använda tvåstegsverifiering. Aktivera den för att fortsätta.
totp-setup-step1 = Installera en autentiseringsapp på din telefon (till exempel Microsoft Authenticator eller Google Authenticator).
totp-setup-step2 = Lägg till ett konto i appen med den här nyckeln:
totp-setup-open-app = Öppna i en autentiseringsapp på den här apparaten
totp-setup-qr-alt = QR-kod: skanna den med autentiseringsappen
totp-setup-step3 = Ange den sexsiffriga kod som appen visar.
totp-setup-submit = Aktivera

## Tillgänglighetsutlåtande
a11y-title = Tillgänglighetsutlåtande
a11y-intro = Tupa är byggt för att uppfylla kriterierna i WCAG 2.1 AA (EN 301 549), som krävs enligt lagen om tillhandahållande av digitala tjänster. Sidorna fungerar med tangentbord och skärmläsare samt på telefon.
a11y-status-heading = Överensstämmelse
a11y-status = Tjänsten testas automatiskt vid varje ändring. Om du hittar något som inte fungerar för dig, berätta det för oss.
a11y-feedback-heading = Respons
a11y-feedback = Berätta för oss om något innehåll inte är tillgängligt eller om du behöver det i en annan form. Responsen registreras som ett ärende och vi svarar inom 14 dagar.
a11y-enforcement-heading = Tillsynsmyndighet
a11y-enforcement = Om du inte är nöjd med vårt svar eller inte får svar inom 14 dagar kan du anmäla saken till tillsynsmyndigheten. Tillgängligheten i digitala tjänster övervakas av Transport- och kommunikationsverket Traficom (sedan 1.1.2025 i stället för Regionförvaltningsverket i Södra Finland).

## E-post
mail-invite-subject = Inbjudan till Tupa: { $org }
mail-invite-body =
    Hej { $name },

    { $inviter } har bjudit in dig att använda Tupa i organisationen { $org }.
    Välj ditt lösenord via den här länken (giltig i 7 dagar):

    { $link }

    Om du inte väntade dig det här meddelandet kan du lämna det utan åtgärd.
mail-added-subject = Du har lagts till i organisationen { $org } i Tupa
mail-added-body =
    Hej { $name },

    Du har nu roller i organisationen { $org } i Tupa. Logga in med ditt nuvarande konto:

    { $link }
mail-reset-subject = Återställ ditt lösenord i Tupa
mail-reset-body =
    Hej { $name },

    Någon har begärt att lösenordet till ditt Tupa-konto ska återställas. Ange ett nytt lösenord via den här länken (giltig i en timme):

    { $link }

    Om det inte var du kan du lämna meddelandet utan åtgärd. Ditt lösenord förblir oförändrat.
mail-ack-subject = Vi har tagit emot ditt meddelande
mail-ack-body =
    Tack för ditt meddelande. Det har registrerats med ärendenumret { $case }.

    Vi strävar efter att svara senast { $due } (finsk tid). Behåll ärendenumret i ämnesraden när du svarar, och skicka varje ny fråga i ett eget meddelande.
mail-ack-body-no-target =
    Tack för ditt meddelande. Det har registrerats med ärendenumret { $case }.

    Behåll ärendenumret i ämnesraden när du svarar, och skicka varje ny fråga i ett eget meddelande.
error-desk-address-taken = Den här adressen hör redan till en kundtjänst.
error-queue-unknown = Välj en kö i listan.
audit-desk-address-added = Lade till en kundtjänstadress
error-hours-close-before-open = Stängningstiden måste vara efter öppningstiden.
error-exception-close-before-open = Undantagets stängningstid måste vara efter dess öppningstid.
error-exception-duplicate-date = Varje datum kan ha endast ett undantag.
mail-reply-footer = Ärendenummer { $case }. Behåll det i ämnesraden när du svarar.
error-reply-empty = Skriv ett meddelande först.
error-reply-collision = Någon annan har svarat på ärendet sedan du öppnade det. Läs det nya meddelandet och skicka sedan igen om ditt svar fortfarande behövs.
error-status-invalid = Välj en status i listan.
error-priority-invalid = Välj en prioritet i listan.
error-assignee-invalid = Endast en rådgivare i den här organisationen kan tilldelas.
error-message-invalid = Skriv ditt meddelande (högst 20 000 tecken).
tab-desk = Kundtjänst
desk-queue-title = Arbetskö
ticket-status-new = Ny
ticket-status-open = Öppen
ticket-status-waiting = Väntar på kunden
ticket-status-resolved = Löst
ticket-status-closed = Stängd
desk-status-active = Alla aktiva
desk-status-all = Alla
label-assignee = Handläggare
desk-assignee-anyone = Vem som helst
desk-assignee-me = Jag
desk-assignee-unassigned = Ingen handläggare
desk-assigned-other = En annan rådgivare
label-search = Sök
desk-filter = Visa
desk-none = Inga ärenden motsvarar sökningen.
label-case-number = Ärendenummer
label-requester = Kund
label-due = Mål
label-updated = Uppdaterad
sla-ok = I tid
sla-due-soon = Förfaller snart
sla-breached = Försenad
sla-done = Klar
desk-contact-form-link = Det offentliga kontaktformuläret
label-first-response-due = Första svar senast
desk-answered-at = besvarad { $time }
label-resolution-due = Lösning senast
label-priority = Prioritet
ticket-priority-low = Låg
ticket-priority-normal = Normal
ticket-priority-high = Hög
ticket-priority-urgent = Brådskande
desk-release = Släpp ärendet
desk-take = Ta ärendet
desk-conversation = Konversation
message-kind-incoming = Meddelande
message-kind-reply = Svar
message-kind-note = Intern anteckning
message-kind-acknowledgement = Automatisk mottagningsbekräftelse
message-kind-event = Händelse
auto-kind-auto-reply = Automatiskt svar
auto-kind-bounce = Leveransfel
auto-kind-list = E-postlista
auto-kind-bulk = Massutskick
desk-reply-title = Svara eller lägg till en anteckning
desk-reply-kind = Typ
desk-reply-public = Svar till kunden ({ $email })
desk-reply-note = Intern anteckning (skickas inte)
label-message = Meddelande
desk-status-after-reply = Status efter att svaret skickats
desk-send-anyway = Skicka ändå
desk-send = Skicka
contact-title = Kontakt
contact-heading = Kontakta { $org }
contact-thanks = Tack, ditt meddelande har tagits emot.
contact-case-number = Ditt ärendenummer är { $case }.
contact-expect-answer = Du kan vänta dig ett svar senast { $due } (finsk tid).
contact-mail-sent = Vi skickade också en bekräftelse till din e-postadress. Skicka en fråga per meddelande.
contact-another = Skicka ett nytt meddelande
contact-intro = Ställ en fråga per meddelande; varje fråga får ett eget ärendenummer. Skicka inte personbeteckningar eller hälsouppgifter här.
hint-contact-email = Svaret skickas till den här adressen.
label-subject-optional = Ämne (frivilligt)
hint-contact-message = Beskriv ditt ärende. Högst 20 000 tecken.
contact-submit = Skicka meddelandet
notice-reply-sent = Svaret har skickats.
notice-note-saved = Anteckningen har sparats.
audit-ticket-replied = Svarade på ett ärende
audit-ticket-noted = Lade till en anteckning i ett ärende
audit-ticket-changed = Ändrade ett ärende
desk-original-message = Ursprungligt meddelande (.eml)
desk-settings-title = Inställningar för kundtjänsten
desk-settings-link = Inställningar för kundtjänsten
desk-queues = Köer
desk-queue-add = Lägg till en kö
label-queue-name = Köns namn
label-queue = Kö
label-support-hours = Öppettider
hint-support-hours = Lämna en dag tom när kundtjänsten är stängd. Svarstidsmålen räknas bara under dessa tider.
label-weekday = Dag
label-opens = Öppnar
label-closes = Stänger
weekday-mon = Måndag
weekday-tue = Tisdag
weekday-wed = Onsdag
weekday-thu = Torsdag
weekday-fri = Fredag
weekday-sat = Lördag
weekday-sun = Söndag
label-holidays-closed = Stängt på finländska helgdagar (samt midsommar- och julafton)
label-first-response-hours = Första svar inom (arbetstimmar)
label-resolution-hours = Lösning inom (arbetstimmar)
desk-addresses = E-postadresser
desk-addresses-intro = Meddelanden till dessa adresser blir ärenden i den valda kön. Operatören kopplar adressens post till Tupa (genom att vidarebefordra den eller läsa brevlådan).
label-desk-address = E-postadress
desk-address-add = Lägg till adressen
desk-address-remove = Ta bort { $address }
desk-address-remove-confirm = Sluta ta emot post till { $address }?
error-time-invalid = Ange tider i timmar och minuter, till exempel 09:00.
error-target-invalid = Ange målet som ett positivt antal arbetstimmar.
audit-desk-queue-created = Lade till en kö i kundtjänsten
audit-desk-queue-changed = Ändrade en kö i kundtjänsten
audit-desk-address-removed = Tog bort en kundtjänstadress
desk-canned-answers = Standardsvar
desk-canned-intro = Färdiga svar som rådgivare kan infoga i ett svar, på varje språk. Platshållare: { $placeholders }.
desk-canned-shared = delat med alla organisationer
desk-canned-add = Lägg till ett standardsvar
desk-canned-retire = Ta bort { $name }
desk-canned-retire-confirm = Ta bort standardsvaret { $name }?
desk-canned-insert = Infoga
desk-canned-inserted = Standardsvaret har infogats i meddelandet
label-canned-answer = Standardsvar
label-canned-title = Rubrik
label-canned-shared = Erbjud svaret till alla organisationers kundtjänst
error-canned-body-empty = Skriv svaret på minst ett språk.
error-canned-share-operator-only = Endast tjänsteleverantören kan dela svar med alla organisationer.
audit-canned-answer-created = Lade till ett standardsvar
audit-canned-answer-changed = Ändrade ett standardsvar
audit-canned-answer-retired = Tog bort ett standardsvar
desk-related = Relaterade ärenden
desk-relation-linked = relaterat
desk-relation-refers-to = detta hänvisar dit
desk-relation-referred-by = hänvisar hit
desk-relation-merged-from = sammanslaget hit
desk-unlink = Ta bort länken till { $case }
desk-one-question-one-case = Länka, slå samman
desk-link-label = Relaterat ärendenummer
desk-link = Länka
desk-merge-label = Slå samman ärendet med ärendenummer
desk-merge = Slå samman
desk-merge-confirm = Slå samman ärendet med det andra? Meddelandena flyttas dit och detta stängs.
desk-split = Dela av till ett nytt ärende
desk-event-merged = Ärende { $case } slogs samman med detta.
desk-event-split-from = Avdelat från ärende { $case }.
desk-event-split-to = Ett meddelande delades av till ärende { $case }.
notice-ticket-merged = Sammanslaget. Det här är ärendet som fortsätter.
notice-ticket-split = Ett nytt ärende skapades; kunden fick veta dess ärendenummer.
notice-ticket-linked = Länkat.
error-case-unknown = Organisationen har inget sådant ärendenummer.
error-merge-into-itself = Ett ärende kan inte slås samman med sig självt.
error-link-to-itself = Ett ärende kan inte länkas till sig självt.
error-split-message-invalid = Endast ett av flera kundmeddelanden kan delas av.
audit-ticket-merged = Slog samman ett ärende
audit-ticket-split = Delade ett ärende
audit-ticket-linked = Länkade ärenden
audit-ticket-unlinked = Tog bort en länk mellan ärenden
label-category = Ämne
label-topic = Ämne
contact-topic-none = Välj om något passar (frivilligt)
desk-category-any = Vilket som helst
desk-sla-any = Vilket som helst
label-sort = Ordning
desk-sort-updated = Senaste aktivitet först
desk-sort-created = Nyaste först
desk-sort-due = Närmaste mål först
desk-saved-views = Sparade vyer
desk-view-delete = Ta bort vyn { $name }
desk-view-save-label = Spara filtren som
desk-view-save = Spara vyn
desk-categories = Ämnen
desk-categories-intro = Invånarna kan välja ett ämne i kontaktformuläret; rådgivarna kan filtrera kön efter det.
desk-category-add = Lägg till ett ämne
desk-category-retire = Ta bort { $name }
label-category-fi = Namn på finska
label-category-sv = Namn på svenska
label-category-en = Namn på engelska
error-category-invalid = Välj ett ämne i listan.
audit-desk-category-created = Lade till ett ämne
audit-desk-category-retired = Tog bort ett ämne
desk-live-queue-updated = Kön uppdaterades.
desk-live-viewing = Ärendet visas också av: %names%
desk-live-ticket-changed = Ärendet har ändrats sedan du öppnade det.
desk-live-reload = Visa det senaste
label-attachments = Bilagor (frivilligt)
hint-attachments = Högst 5 filer på högst 10 MB: PDF, bilder (JPEG, PNG, GIF, HEIC), text, Word (docx), Excel (xlsx), OpenDocument (odt) eller RTF.
error-attachment-too-large = En fil är för stor: högst 10 MB var och 20 MB sammanlagt.
error-attachment-type-not-allowed = Den här typen av fil kan inte skickas. Skicka en PDF, en bild, en text eller ett kontorsdokument.
error-attachments-too-many = Skicka högst 5 filer.
error-merge-already-merged = Ärendet har redan slagits samman med ett annat.
error-ticket-merged-elsewhere = Ärendet har slagits samman med ett annat; fortsätt i det.
error-desk-address-platform-only = Be tjänsteleverantören lägga till kundtjänstadresser: den kontrollerar att e-postdomänen hör till din organisation.
label-cc = Kopior till
desk-cc-add-label = Lägg till en kopiemottagare
desk-cc-add = Lägg till mottagare
desk-cc-remove = Ta bort { $address }
error-cc-is-requester = Kunden får redan varje svar.
audit-ticket-cc-added = Lade till en kopiemottagare
audit-ticket-cc-removed = Tog bort en kopiemottagare
label-hours-exceptions = Undantag från de vanliga tiderna
hint-hours-exceptions = Ett datum per rad. Ett datum ensamt stänger kundtjänsten den dagen (2026-12-24); ett datum med klockslag anger dagens öppettider (2026-12-23 09:00-12:00). Undantagen gäller även på helgdagar.
error-exceptions-invalid = Skriv varje undantag på en egen rad som ett datum, vid behov följt av klockslag: 2026-12-24 eller 2026-12-23 09:00-12:00.
error-unit-invalid = Välj en av organisationens enheter som används.
desk-unit-any = Alla enheter
desk-queue-any = Alla köer
desk-assign-to = Handläggare
desk-no-unit = Ingen enhet
error-attachment-encoding-invalid = En bifogad fil är inte giltig base64.
