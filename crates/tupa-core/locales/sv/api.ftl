# The JSON API's own refusals (issue 11).
error-idempotency-key-invalid = Huvudet Idempotency-Key måste bestå av 1–255 synliga ASCII-tecken.
error-idempotency-key-reused = Denna Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny begäran.
error-idempotency-key-in-use = En begäran med denna Idempotency-Key behandlas fortfarande. Försök igen om en stund.
