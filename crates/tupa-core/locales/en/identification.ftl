# Strong identification of clients (FTN OpenID Connect) and the training test identification.
identification-refused-title = Identification did not succeed
identification-refused-cancelled = You cancelled the identification. You can try again when you are ready.
identification-refused-acr = The identification method you used is not strong enough for this service. Please identify again with online banking codes, a mobile certificate or a certificate card.
identification-refused-invalid = The identification could not be verified. Please try again.
identification-refused-expired = The identification took too long, was already used, or was started in another browser. Please start again.
identification-refused-unavailable = The identification service cannot be reached right now. Please try again in a moment.
identification-try-again = Identify again
test-identification-title = Test identification
test-identification-warning = Training environment: this is not real identification. Choose a test person.
test-identification-persona = Test person
test-identification-submit = Identify as this test person
error-identification-not-configured = Strong identification is not in use in this installation.
error-test-identification-unavailable = Test identification is available only in the training environment.
error-test-identification-unknown = No such test person.
