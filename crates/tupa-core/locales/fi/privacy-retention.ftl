# Retention rules and the read audit (issue 9).
error-retention-days-invalid = Säilytysaika on tietotyypin rajoissa (katso vähimmäis- ja enimmäispäivät).
error-retention-at-invalid = Anna ajankohta muodossa RFC 3339, esimerkiksi 2030-01-01T00:00:00Z.
retention-title = Säilytysajat
retention-intro = Kuinka monta päivää kutakin tietotyyppiä säilytetään. Ylläpitoajo poistaa vanhentuneet tiedot kerran tunnissa ja kirjaa lokiin vain määrät.
retention-type-tickets = Suljetut tiketit (sulkemisesta)
retention-type-raw-mail = Saapuneen postin alkuperäiset viestit (saapumisesta)
retention-type-spaces = Arkistoidut ohjaustilat (arkistoinnista)
retention-type-applications = Hakemukset (haun päättymisestä)
retention-type-audit = Tapahtumaloki (kirjauksesta)
retention-type-outbox = Lähetetyt viestit (kirjoittamisesta)
retention-days = Päiviä ({ $min }–{ $max }, oletus { $default })
retention-save = Tallenna säilytysajat
retention-saved = Säilytysajat tallennettu.
