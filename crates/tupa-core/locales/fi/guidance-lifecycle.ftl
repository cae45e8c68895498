# Ohjaustilan elinkaari: asiakkaan arkisto ja elinkaaren ilmoitukset (issue 8).
space-archive-download = Lataa tila (ZIP)
space-archive-hint = Tiedostossa on keskustelu sivuna, jonka voi avata millä tahansa selaimella (transcript.html), ja tilan tiedostot.
archive-note = Palvelun sinulle tekemä kopio ohjaustilastasi.
archive-controller = Tietojesi rekisterinpitäjä
archive-status = Tilan vaihe
archive-opened = Avattu
archive-closed = Suljettu
archive-made = Kopio tehty
mail-space-idle-subject = Ohjaustilasi sulkeutuu pian – { $org }
mail-space-idle-body =
    Hei,

    Et ole kirjautunut ohjaustilaasi ({ $org }) vähään aikaan, joten se sulkeutuu kahden viikon kuluttua. Jos haluat pitää sen avoinna, kirjaudu sisään:

    { $link }

    Sulkemisen jälkeenkin voit kirjoittaa tilaan vielä kolmen kuukauden ajan.
mail-space-deletion-subject = Ohjaustilasi poistetaan pian – { $org }
mail-space-deletion-body =
    Hei,

    Ohjaustilasi ({ $org }) arkisto poistetaan kuukauden kuluttua. Siihen asti voit lukea sen ja ladata siitä kopion:

    { $link }
audit-space-closed-idle = sulki tilan, koska asiakas ei ole kirjautunut
audit-space-archived = arkistoi tilan
audit-space-deleted = poisti arkistoidun tilan
audit-user-removed = poisti tilin, jota ei ole käytetty 15 kuukauteen
