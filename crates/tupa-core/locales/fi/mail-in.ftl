# Mail in by IMAP: polling desk mailboxes.

desk-imap-summary = Nouda osoitteen { $address } posti IMAPilla
desk-imap-intro = Tupa lukee tästä postilaatikosta uudet (lukemattomat) viestit, tekee niistä tikettejä kuin ne olisi lähetetty osoitteeseen ja merkitsee ne luetuiksi. Palvelimen on tuettava TLS-salausta.
desk-imap-on = käytössä
desk-imap-paused = keskeytetty
desk-imap-failing = virhe
desk-imap-last-success = Luettu viimeksi
desk-imap-last-error = Viimeisin virhe
desk-imap-save = Tallenna osoitteen { $address } IMAP-asetukset
desk-imap-remove = Lopeta osoitteen { $address } postin nouto IMAPilla
desk-imap-remove-confirm = Lopetetaanko osoitteen { $address } postin nouto IMAPilla? Postilaatikossa jo olevat viestit jäävät sinne.
label-imap-host = IMAP-palvelin
label-imap-port = Portti
label-imap-username = Käyttäjätunnus
label-imap-password = Salasana
label-imap-folder = Kansio
label-imap-security = Yhteyden suojaus
label-imap-enabled = Nouda posti tästä postilaatikosta
hint-imap-password-new = Tallennetaan salattuna, eikä sitä näytetä enää.
hint-imap-password-kept = Jätä tyhjäksi, niin tallennettu salasana säilyy.
imap-security-tls = TLS (IMAPS, yleensä portti 993)
imap-security-starttls = STARTTLS (yleensä portti 143)
error-imap-host-invalid = Anna IMAP-palvelimen nimi, esimerkiksi imap.esimerkki.fi.
error-imap-port-invalid = Portti on luku väliltä 1–65535.
error-imap-security-invalid = Valitse TLS tai STARTTLS.
error-imap-username-invalid = Anna postilaatikon käyttäjätunnus.
error-imap-password-required = Anna postilaatikon salasana.
error-imap-password-invalid = Salasanassa ei voi olla rivinvaihtoja eikä muita ohjausmerkkejä.
error-imap-folder-invalid = Anna kansion nimi, esimerkiksi INBOX.
audit-desk-imap-set = Asetti asiakaspalvelun osoitteen IMAP-postilaatikon
audit-desk-imap-removed = Lopetti asiakaspalvelun osoitteen postin noudon IMAPilla

# Bounds on incoming mail (issue 11): addresses from headers are proposals until an adviser
# confirms them; pages show a bounded number of addresses.
desk-addresses-dropped = { $count } muuta osoitetta ei tallennettu (viestissä oli enemmän vastaanottajia kuin tallennetaan). Ne näkyvät alkuperäisessä viestissä.
desk-addresses-more = ja { $count } muuta
desk-cc-proposed = Ehdotetut kopiot
desk-cc-proposed-hint = Nämä osoitteet olivat saapuneen viestin kopiokentässä. Ne eivät saa vastauksia, ellei niitä valita vastaukselle.
desk-cc-confirm = Lisää { $address } kopion saajaksi
desk-reply-cc = Kopio vastauksesta
desk-reply-cc-hint = Asiakas saa vastauksen aina. Valitse, kenelle lähetetään kopio; valittu ehdotus lisätään kopion saajiin.
desk-reply-cc-address = Kopio osoitteeseen { $address }
label-message-to = Vastaanottajat
label-message-cc = Kopiot
error-reply-cc-unknown = Kopion voi lähettää vain tapauksen kopion saajalle tai ehdotetulle osoitteelle.
error-reply-cc-too-many = Vastauksesta voi lähettää kopion enintään 20 osoitteeseen.
error-cc-too-many = Tapauksella voi olla enintään 20 kopion saajaa.
desk-cc-proposal-tag = ehdotus
