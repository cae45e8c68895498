# Etusivu: mitä kutakin roolia odottaa (issue 12). Määrät kaksoispisteen jälkeen, ei taivutusta.
home-next-heading = Sinua odottaa
home-next-nothing = Täällä ei odota nyt mitään.
home-next-my-tickets = Avoimet tikettisi: { $count }
home-next-unassigned-tickets = Tiketit ilman käsittelijää: { $count }
home-next-overdue-tickets = Vastausajan ylittäneet tiketit: { $count }
home-next-published-ads = Julkaistut työpaikkailmoitukset: { $count }
home-next-ad-closing = ”{ $title }” sulkeutuu { $date }
home-next-space-unread = Lukemattomia viestejä tilassa ”{ $title }”: { $count }
home-next-open-spaces = Avoimet ohjaustilasi: { $count }
home-next-pending-invitations = Hyväksymättömät kutsut: { $count }
home-next-desk-address = Lisää asiointipalvelun sähköpostiosoite
home-next-recruitment-logo = Lisää logo työpaikkasivulle
home-next-organisations = Organisaatiot: { $count }
home-next-new-organisation = Lisää organisaatio
home-next-installation-statement = Palvelun saavutettavuusseloste
