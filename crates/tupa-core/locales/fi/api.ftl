# The JSON API's own refusals (issue 11).
error-idempotency-key-invalid = Idempotency-Key-otsakkeen on oltava 1–255 näkyvää ASCII-merkkiä.
error-idempotency-key-reused = Tätä Idempotency-Key-avainta on jo käytetty toisenlaiseen pyyntöön. Käytä uudelle pyynnölle uutta avainta.
error-idempotency-key-in-use = Pyyntöä, jolla on tämä Idempotency-Key, käsitellään vielä. Yritä hetken kuluttua uudelleen.
