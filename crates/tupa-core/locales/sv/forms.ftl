## Fel i formulär: meddelandet nämner fältet, så att sammanfattningen överst går att förstå
form-field-required = { $field } måste fyllas i.
form-field-message = { $field }: { $message }
application-label-consent = Samtycke
recruitment-label-title-fi = Rubrik på finska
recruitment-label-title-sv = Rubrik på svenska
recruitment-label-title-en = Rubrik på engelska
## Knappar för att lägga till i annonsformuläret
recruitment-add-contact = Lägg till kontaktperson
recruitment-add-question = Lägg till fråga
