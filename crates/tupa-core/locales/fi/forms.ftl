## Lomakkeiden virheet: viesti nimeää kentän, jotta yhteenveto lomakkeen alussa on ymmärrettävä
form-field-required = { $field } on pakollinen.
form-field-message = { $field }: { $message }
application-label-consent = Suostumus
recruitment-label-title-fi = Otsikko suomeksi
recruitment-label-title-sv = Otsikko ruotsiksi
recruitment-label-title-en = Otsikko englanniksi
## Ilmoituslomakkeen lisäyspainikkeet
recruitment-add-contact = Lisää yhteyshenkilö
recruitment-add-question = Lisää kysymys
