# The front page: what waits for each role (issue 12). Counts follow a colon, so no plurals.
home-next-heading = Waiting for you
home-next-nothing = Nothing waiting here right now.
home-next-my-tickets = Your open tickets: { $count }
home-next-unassigned-tickets = Tickets without a handler: { $count }
home-next-overdue-tickets = Tickets past their response targets: { $count }
home-next-published-ads = Published job ads: { $count }
home-next-ad-closing = “{ $title }” closes { $date }
home-next-space-unread = Unread messages in “{ $title }”: { $count }
home-next-open-spaces = Your open guidance spaces: { $count }
home-next-pending-invitations = Invitations not yet accepted: { $count }
home-next-desk-address = Add the service desk's e-mail address
home-next-recruitment-logo = Add a logo for the job board
home-next-organisations = Organisations: { $count }
home-next-new-organisation = Add an organisation
home-next-installation-statement = Accessibility statement of the installation
