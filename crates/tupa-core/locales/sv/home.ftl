# Startsidan: vad som väntar varje roll (issue 12). Antal efter kolon, alltså inga pluralformer.
home-next-heading = Väntar på dig
home-next-nothing = Inget väntar här just nu.
home-next-my-tickets = Dina öppna ärenden: { $count }
home-next-unassigned-tickets = Ärenden utan handläggare: { $count }
home-next-overdue-tickets = Ärenden som passerat svarstiden: { $count }
home-next-published-ads = Publicerade platsannonser: { $count }
home-next-ad-closing = ”{ $title }” stängs { $date }
home-next-space-unread = Olästa meddelanden i ”{ $title }”: { $count }
home-next-open-spaces = Dina öppna vägledningsrum: { $count }
home-next-pending-invitations = Inbjudningar som inte tagits emot: { $count }
home-next-desk-address = Lägg till servicediskens e-postadress
home-next-recruitment-logo = Lägg till en logotyp för platstavlan
home-next-organisations = Organisationer: { $count }
home-next-new-organisation = Lägg till en organisation
home-next-installation-statement = Installationens tillgänglighetsutlåtande
