# Den registrerades begäranden (dataskyddsförordningen art. 15–18): sidan, ärendet och exporten.
privacy-kind-access = Tillgång till mina uppgifter
privacy-kind-rectification = Rättelse av mina uppgifter
privacy-kind-erasure = Radering av mina uppgifter
privacy-kind-restriction = Begränsning av behandlingen
privacy-kind-access-hint = Du får en kopia av de uppgifter organisationen har om dig.
privacy-kind-rectification-hint = Berätta vad som är fel och hur det ska vara.
privacy-kind-erasure-hint = Dina uppgifter raderas, utom handlingar som lagen kräver att vi bevarar.
privacy-kind-restriction-hint = Dina uppgifter bevaras men behandlas inte vidare.
privacy-case-subject = Den registrerades begäran: { $kind }
privacy-case-body = Den registrerades begäran: { $kind }. Lagstadgad tidsfrist { $due }.
    { $details }
    Behandla begäran: { $link }
privacy-mail-confirm-subject = Bekräfta din begäran om personuppgifter till { $org }
privacy-mail-confirm-body = Hej,

    för den här adressens räkning begärdes av { $org }: { $kind }.
    Om det var du, bekräfta begäran inom 24 timmar genom att öppna länken:
    { $link }

    Om det inte var du kan du strunta i meddelandet; inget görs.
privacy-mail-extended-subject = Din begäran om personuppgifter { $case }: mer tid behövs
privacy-mail-extended-body = Hej,

    { $org } behöver mer tid för att behandla din begäran { $case } ({ $kind }). Den nya tidsfristen är { $due }.

    Orsak: { $reason }
privacy-restricted-event = Behandlingen av personens uppgifter är begränsad (den registrerades begäran { $case }). Ärendet stängdes.
privacy-executed = Begäran verkställd: { $kind }.
privacy-kept = Bevarat: { $what }
privacy-data-tickets = ärenden
privacy-data-ticket-messages = ärendenas meddelanden
privacy-data-ticket-files = ärendenas bilagor
privacy-data-raw-mail = mottagen e-post
privacy-data-mail = skickad e-post
privacy-data-spaces = vägledningsrum
privacy-data-space-rows = vägledningsrummens poster
privacy-data-applications = arbetsansökningar
privacy-data-application-files = ansökningarnas filer
privacy-data-tickets-closed = stängda ärenden
privacy-data-audit-entries = loggposter
privacy-hold-data-request-case = begärans eget ärende bevaras för att visa hur det behandlades (dataskyddsförordningen art. 5.2)
privacy-hold-audit-log = loggen över vem som behandlat uppgifterna bevaras enligt lagen om informationshantering inom den offentliga förvaltningen (906/2019, 17 §)
privacy-hold-recruitment-decision = handlingarna från en avslutad rekrytering bevaras under besvärstiden och enligt arkivbildningsplanen
privacy-role-you = Du
privacy-role-adviser = Rådgivare
privacy-role-counsellor = Handledare
privacy-role-client = Klient
privacy-role-professional = Yrkesperson
privacy-role-other-participant = Annan deltagare
privacy-role-system = Tjänsten
privacy-export-title = Dina uppgifter hos { $org } ({ $case })
privacy-export-intro = Detta är en kopia av de personuppgifter organisationen har om dig. Samma uppgifter finns i data.json; filerna finns i mappen files.
privacy-export-none = Inget.
privacy-export-tickets = Kundtjänst
privacy-export-applications = Arbetsansökningar
privacy-export-spaces = Vägledningsrum
privacy-export-task = Uppgift
privacy-export-meter = Mätarsvar
privacy-export-audit = Vem som har behandlat dina uppgifter
privacy-export-when = När
privacy-export-what = Vad som hände
privacy-page-title = Begäranden om personuppgifter
privacy-page-heading = { $org }: dina personuppgifter
privacy-page-intro = Begär en kopia av dina uppgifter, eller att de rättas, raderas eller att behandlingen begränsas. Vi svarar inom en månad.
privacy-page-controller = Personuppgiftsansvarig för dina uppgifter är { $org }.
privacy-page-identify-heading = Identifiera dig starkt
privacy-page-identify-text = Använd nätbankskoder eller mobilcertifikat. Välj detta om du är klient i ett vägledningsrum.
privacy-page-identify-link = Identifiera dig
privacy-page-email-heading = Bekräfta per e-post
privacy-page-email-text = Ange adressen som organisationen har dina uppgifter under. Vi skickar en bekräftelselänk dit; begäran görs när du öppnar länken.
privacy-page-signed-in = Du är inloggad som { $name }. Begäran gäller uppgifterna som hör till ditt konto.
privacy-label-kind = Vad begär du?
privacy-label-details = Närmare uppgifter (frivilligt)
privacy-hint-details = Till exempel vad som är fel i dina uppgifter eller vilken kontakt begäran gäller.
privacy-page-submit = Skicka begäran
privacy-page-check-mail = Om adressen är rätt är en bekräftelselänk på väg. Öppna den inom 24 timmar så görs begäran.
privacy-confirm-heading = Bekräfta din begäran
privacy-confirm-text = Begäran: { $kind }. Adress: { $email }.
privacy-confirm-submit = Bekräfta begäran
privacy-done-heading = Din begäran har tagits emot
privacy-done-case = Ärendenummer: { $case }
privacy-done-due = Vi svarar senast { $due }.
privacy-list-title = De registrerades begäranden
privacy-list-empty = Inga begäranden.
privacy-col-case = Ärende
privacy-col-kind = Begäran
privacy-col-status = Status
privacy-col-due = Tidsfrist
privacy-col-created = Mottagen
privacy-col-email = Adress
privacy-col-channel = Kom via
privacy-col-details = Närmare uppgifter
privacy-status-open = Öppen
privacy-status-done = Klar
privacy-channel-web-email = webbsidan, bekräftad per e-post
privacy-channel-web-signed-in = webbsidan, inloggad
privacy-channel-staff = personalen (brev eller telefon)
privacy-request-heading = Den registrerades begäran { $case }
privacy-extended = Tidsfristen förlängd. Orsak: { $reason }
privacy-export-download = Ladda ner uppgifterna (ZIP)
privacy-execute-heading = Verkställ begäran
privacy-label-note = Anteckning
privacy-hint-note = Obligatorisk vid rättelse: vad som rättades och hur.
privacy-execute-submit = Markera klar och verkställ
privacy-extend-heading = Förläng tidsfristen med två månader
privacy-label-reason = Orsak (skickas till personen)
privacy-extend-submit = Förläng tidsfristen
privacy-outcome-heading = Vad som gjordes
privacy-holds-heading = Handlingar som bevaras vid radering
error-privacy-details-too-long = Texten är för lång (högst 5 000 tecken).
error-privacy-reason-too-long = Orsaken är för lång (högst 2 000 tecken).
error-privacy-reason-missing = Ange orsaken till förlängningen.
error-privacy-request-done = Begäran har redan verkställts.
error-privacy-already-extended = Tidsfristen har redan förlängts.
error-privacy-note-missing = Skriv vad som rättades.
error-privacy-person-missing = Ange personens e-postadress eller konto.
error-privacy-person-unknown = Det finns ingen sådan person i organisationen.
error-privacy-link-invalid = Länken är ogiltig eller har gått ut. Gör begäran på nytt.
error-privacy-kind-invalid = Välj vad du begär.
error-privacy-restricted = Behandlingen av personens uppgifter är begränsad på personens begäran: uppgifterna bevaras men kan inte ändras eller användas.
privacy-restricted-notice = Behandlingen av kontaktpersonens uppgifter är begränsad (den registrerades begäran { $case }). Ärendet bevaras och kan läsas, men inte besvaras eller ändras, och gallringen raderar det inte.

# Lifting a restriction (GDPR art. 18(3)): the notice first, then the lifting.
privacy-mail-lift-subject = Din begäran om personuppgifter { $case }: begränsningen hävs
privacy-mail-lift-body = Hej,

    { $org } häver begränsningen av behandlingen av dina personuppgifter som du fick genom begäran { $case }. Därefter behandlas dina uppgifter igen som tidigare.

    Skäl: { $reason }

    Om du har frågor, svara på detta meddelande eller kontakta organisationens dataskyddsombud.
privacy-lift-noticed-event = Personen meddelades att begränsningen av behandlingen hävs. Skäl: { $reason }
privacy-lifted-event = Begränsningen av behandlingen hävdes; personen hade meddelats i förväg.
error-privacy-lift-not-restriction = Endast en begäran om begränsning kan hävas.
error-privacy-lift-not-done = Begränsningen har ännu inte genomförts.
error-privacy-lift-already-lifted = Begränsningen har redan hävts.
error-privacy-lift-not-noticed = Meddela först personen att begränsningen hävs (artikel 18.3 i dataskyddsförordningen).
error-privacy-lift-reason-missing = Ange varför begränsningen hävs; skälet skickas till personen.
privacy-lift-heading = Häva begränsningen
privacy-lift-intro = Personen ska underrättas innan begränsningen av behandlingen hävs (artikel 18.3 i dataskyddsförordningen). Skicka först meddelandet med skälet och häv sedan begränsningen.
privacy-lift-reason = Varför begränsningen hävs (skickas till personen)
privacy-lift-notice-button = Meddela personen
privacy-lift-button = Häv begränsningen
privacy-lift-noticed = Meddelande skickat { $when }: { $reason }
privacy-lift-lifted = Begränsningen hävd { $when }.
privacy-lift-active = Behandlingen av uppgifterna är begränsad.
