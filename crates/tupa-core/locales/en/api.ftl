# The JSON API's own refusals (issue 11).
error-idempotency-key-invalid = The Idempotency-Key header must be 1–255 visible ASCII characters.
error-idempotency-key-reused = This Idempotency-Key was already used for a different request. Use a new key for a new request.
error-idempotency-key-in-use = A request with this Idempotency-Key is still being handled. Try again in a moment.
