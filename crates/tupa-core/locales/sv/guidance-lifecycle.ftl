# Handledningsrummets livscykel: klientens arkiv och livscykelns meddelanden (issue 8).
space-archive-download = Ladda ner rummet (ZIP)
space-archive-hint = Filen innehåller samtalet som en sida som kan öppnas i vilken webbläsare som helst (transcript.html) och rummets filer.
archive-note = En kopia av ditt handledningsrum, gjord åt dig av tjänsten.
archive-controller = Personuppgiftsansvarig
archive-status = Rummets skede
archive-opened = Öppnat
archive-closed = Stängt
archive-made = Kopian gjord
mail-space-idle-subject = Ditt handledningsrum stängs snart – { $org }
mail-space-idle-body =
    Hej,

    Du har inte loggat in i ditt handledningsrum hos { $org } på ett tag, så det stängs om två veckor. Logga in om du vill hålla det öppet:

    { $link }

    Efter stängningen kan du ännu skriva i rummet i tre månader.
mail-space-deletion-subject = Ditt handledningsrum raderas snart – { $org }
mail-space-deletion-body =
    Hej,

    Arkivet av ditt handledningsrum hos { $org } raderas om en månad. Till dess kan du läsa det och ladda ner en kopia:

    { $link }
audit-space-closed-idle = stängde ett rum eftersom klienten inte loggat in
audit-space-archived = arkiverade ett rum
audit-space-deleted = raderade ett arkiverat rum
audit-user-removed = tog bort ett konto som inte använts på 15 månader
