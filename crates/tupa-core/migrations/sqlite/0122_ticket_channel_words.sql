-- A ticket's channel is a closed set now (desk::tickets::TicketChannel: email, web, api,
-- split). The bulk fill of `tupa demo --tickets` wrote 'mail' for mail, which the reports'
-- count of mail contacts (channel = 'email') missed; a row with an unknown word would now be
-- refused when read.
UPDATE tickets SET channel = 'email' WHERE channel = 'mail';
