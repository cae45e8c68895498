# Tillgänglighetsutlåtanden och respons om tillgängligheten (lag 306/2019).
a11y-scope-installation = Detta utlåtande gäller tjänsten Tupa på denna adress: inloggningen, de allmänna sidorna och de sidor som inte har en organisations eget utlåtande.
a11y-scope-org = Detta utlåtande gäller sidorna för { $org } i tjänsten Tupa: kontaktformuläret, ansökningar, handledningsrum och begäranden om uppgifter.
a11y-not-prepared = Något eget utlåtande har ännu inte upprättats för denna tjänst. Nedan beskrivs tjänstens allmänna läge.
a11y-compliance-fully = Tjänsten uppfyller tillgänglighetskraven.
a11y-compliance-partially = Tjänsten uppfyller tillgänglighetskraven delvis.
a11y-compliance-not = Tjänsten uppfyller inte tillgänglighetskraven.
a11y-gaps-heading = Innehåll som inte är tillgängligt
a11y-no-gaps = Inga kända brister.
a11y-dates-heading = Om utlåtandet
a11y-prepared-on = Utlåtandet upprättades { $date }.
a11y-reviewed-on = Det granskades senast { $date }.
a11y-feedback-by-email = Du kan också skicka respons per e-post:
a11y-feedback-thanks = Tack för din respons.
a11y-feedback-sent = Ärendenumret är { $case }. Vi svarar senast { $due }.
a11y-label-name = Namn (frivilligt)
a11y-label-email = E-postadress (frivillig)
a11y-hint-email = Vi svarar till denna adress. Utan adress kan vi inte svara dig.
a11y-label-page = Sidans adress
a11y-hint-page = Sidan som responsen gäller, om du vet den.
a11y-label-description = Vad fungerade inte eller vad behöver du?
a11y-send = Skicka respons
a11y-authority-name = Transport- och kommunikationsverket Traficom, tillgänglighetstillsynen
a11y-authority-address = PB 320, 00059 TRAFICOM. Telefon (växel) 029 534 5000.
a11y-edit-link = Redigera utlåtandet
a11y-edit-title = Redigera tillgänglighetsutlåtandet
a11y-edit-intro = Lagen kräver att utlåtandet anger hur väl kraven uppfylls, innehåll som inte är tillgängligt samt datum för upprättande och granskning. Responsformuläret och tillsynsmyndighetens uppgifter visas alltid.
a11y-label-compliance = Överensstämmelse
a11y-label-gaps-fi = Brister på finska
a11y-label-gaps-sv = Brister på svenska
a11y-label-gaps-en = Brister på engelska
a11y-label-prepared-on = Upprättat
a11y-label-reviewed-on = Senast granskat
a11y-label-feedback-email = E-postadress för respons
a11y-hint-feedback-email = Visas bredvid formuläret. Om den är tom visas tjänstens adress.
a11y-view-statement = Visa utlåtandet
a11y-feedback-category = Tillgänglighetsrespons
a11y-feedback-subject = Respons om tillgängligheten: { $about }
a11y-feedback-about-installation = Tjänsten Tupa
a11y-feedback-body = Respons om tillgängligheten gällande: { $about }
    Sida: { $page }

    { $description }

    Enligt lagen ska svaret ges inom 14 dagar.
error-a11y-date-invalid = Ange datumet i formen ÅÅÅÅ-MM-DD.
error-a11y-gaps-too-long = Beskrivningen är för lång (högst 5 000 tecken per språk).
error-a11y-reviewed-before-prepared = Granskningsdatumet kan inte vara före datumet för upprättandet.
error-a11y-compliance-invalid = Välj hur väl kraven uppfylls.
error-a11y-page-too-long = Sidans adress är för lång (högst 500 tecken).
error-a11y-description-missing = Berätta vad som inte fungerade eller vad du behöver.
