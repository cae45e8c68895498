# Operatörens tjänster (issue 13): organisationens egna supportärenden hos operatören och
# kundens privata ärendelänk.
nav-support = Support
mail-ack-case-link = Du kan följa ditt ärende och svara på det utan att logga in på: { $link }
    Länken gäller bara detta ärende och slutar fungera 30 dagar efter att ärendet stängts. Dela den inte.
error-support-organisation-required = Välj organisationen som ärendet gäller.
error-support-subject-required = Skriv en rubrik för ärendet.
error-support-case-closed = Ärendet är stängt. Öppna ett nytt ärende.
support-title = Supportärenden
support-intro = Din organisations ärenden hos tjänstens support. Supporten svarar vardagar kl. 9–15.
support-cases-heading = Ärenden
support-none = Inga ärenden ännu.
support-expected = Svar väntas senast
support-expected-none = –
support-new-heading = Öppna ett nytt ärende
support-one-question = En fråga per ärende: den besvaras snabbare, och varje fråga får sitt eget ärendenummer.
support-label-organisation = Organisation
support-hint-subject = En kort beskrivning av frågan.
support-send = Skicka till supporten
support-conversation = Meddelanden
support-from-desk = Supporten
support-from-you = Du
support-reply-heading = Svara
support-reply-label = Ditt svar
support-reply-send = Skicka svar
support-back = Alla supportärenden
support-hours-note = Svarstiderna räknas under supportens öppettider: vardagar kl. 9–15, helgdagar undantagna.
support-closed-note = Ärendet är stängt.
notice-support-opened = Ärendet skickades till supporten. En bekräftelse med ärendenumret kommer per e-post.
notice-support-replied = Ditt svar lades till ärendet.
case-own-title = Ditt ärende { $case }
case-own-intro = Här ser du meddelandena i ditt ärende och kan svara på dem. Med denna länk syns bara detta ärende.
case-own-closed = Ärendet är stängt. Om du vill fråga { $org } något nytt, använd kontaktformuläret.
case-own-contact-again = Kontaktformulär
