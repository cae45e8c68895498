# Avvisningar av indata som överskrider sina gränser (tupa_core::limits).
error-query-too-long = Adressen är för lång. Korta ner sökningen eller filtren och försök igen.
error-body-too-large = Begäran är för stor. Skicka mindre data åt gången.
error-search-too-long = Sökningen är för lång. Använd högst 200 tecken och ord på högst 60 tecken.
error-subject-too-long = Ämnet är för långt (högst 200 tecken).
error-roles-too-many = För många roller på en gång (högst 100).
error-mail-too-large = Meddelandet är större än 25 MiB och togs inte emot.
