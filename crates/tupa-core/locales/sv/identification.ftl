# Stark identifiering av klienter (FTN OpenID Connect) och testidentifieringen i utbildningsmiljön.
identification-refused-title = Identifieringen lyckades inte
identification-refused-cancelled = Du avbröt identifieringen. Du kan försöka igen när du är redo.
identification-refused-acr = Identifieringsmetoden du använde är inte tillräckligt stark för den här tjänsten. Identifiera dig på nytt med nätbankskoder, mobilcertifikat eller certifikatkort.
identification-refused-invalid = Identifieringen kunde inte verifieras. Försök igen.
identification-refused-expired = Identifieringen tog för lång tid, hade redan använts eller inleddes i en annan webbläsare. Börja om från början.
identification-refused-unavailable = Identifieringstjänsten kan inte nås just nu. Försök igen om en stund.
identification-try-again = Identifiera dig igen
test-identification-title = Testidentifiering
test-identification-warning = Utbildningsmiljö: detta är inte en riktig identifiering. Välj en testperson.
test-identification-persona = Testperson
test-identification-submit = Identifiera dig som denna testperson
error-identification-not-configured = Stark identifiering används inte i denna installation.
error-test-identification-unavailable = Testidentifiering finns bara i utbildningsmiljön.
error-test-identification-unknown = Testpersonen finns inte.
