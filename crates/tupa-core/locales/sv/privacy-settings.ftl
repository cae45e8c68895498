# Dataskyddsbeskrivningar per språk, dataskyddsombudet och den personuppgiftsansvariga där uppgifter samlas in.
org-privacy-notices = Dataskyddsbeskrivningar
label-privacy-notice-url-sv = Dataskyddsbeskrivningens adress på svenska
label-privacy-notice-url-en = Dataskyddsbeskrivningens adress på engelska
org-dpo = Dataskyddsombud
hint-dpo = Visas överallt där organisationen samlar in personuppgifter. Ange utöver namnet åtminstone e-post, telefon eller adress.
label-dpo-name = Namn eller titel
label-dpo-email = E-post
label-dpo-phone = Telefon
label-dpo-address = Postadress
privacy-controller = Dina uppgifter behandlas av { $org } som personuppgiftsansvarig.
privacy-notice-link = Läs dataskyddsbeskrivningen
privacy-notice-missing = Be organisationen om dess dataskyddsbeskrivning.
privacy-dpo = Dataskyddsombud
error-dpo-field-invalid = Kontrollera dataskyddsombudets uppgift: den är för lång eller innehåller otillåtna tecken.
error-dpo-channel-missing = Ange e-post, telefon eller adress för dataskyddsombudet.
privacy-mail-received-subject = Din begäran om uppgifter har tagits emot ({ $case })
privacy-mail-received-body = Hej,

    { $org } har tagit emot din begäran ({ $kind }). Ärendenumret är { $case }.
    Vi svarar senast { $due }. Om vi behöver mer tid meddelar vi det och orsaken före tidsfristen.
