//! The parser against the shared real-world corpus and hand-written messages.

use super::*;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A message written with `\n` line ends, sent with `\r\n` as on the wire.
fn mail(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn parse_ok(raw: &[u8]) -> InboundMessage {
    parse(raw).unwrap_or_else(|e| panic!("refused with {}: {e}", e.code()))
}

fn with_headers(extra: &str) -> InboundMessage {
    parse_ok(&mail(&format!(
        "From: Liisa Virtanen <liisa.virtanen@kunta.example>\n\
         To: palvelu@tupa.test\n\
         Subject: Kysymys\n\
         {extra}\
         \n\
         Hei!\n"
    )))
}

fn unix(datetime: time::OffsetDateTime) -> i64 {
    datetime.unix_timestamp()
}

// ----------------------------------------------------------------------------------------
// (a) The shared real-world corpus

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            corpus_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Reads every field and checks the invariants the desk relies on.
fn check_fields(name: &str, m: &InboundMessage, raw: &[u8]) {
    let no_controls = |s: &str| !s.chars().any(char::is_control);
    assert_eq!(m.raw_sha256, sha256_hex(raw), "{name}");
    assert_eq!(m.raw_sha256.len(), 64, "{name}");
    let ids = m.message_id.iter().chain(&m.in_reply_to).chain(&m.references);
    for id in ids {
        assert!(
            !id.is_empty() && !id.contains(['<', '>', ' ']) && no_controls(id),
            "{name}: {id:?}"
        );
    }
    let addresses = m.from.iter().chain(&m.reply_to).chain(&m.to).chain(&m.cc);
    for a in addresses {
        assert!(a.email.contains('@') && a.email == a.email.to_lowercase(), "{name}: {a:?}");
        assert!(
            no_controls(&a.email) && a.name.as_deref().is_none_or(no_controls),
            "{name}: {a:?}"
        );
    }
    assert!(no_controls(&m.subject), "{name}: {:?}", m.subject);
    assert!(m.date.is_none_or(|d| d > 0), "{name}");
    assert!(!m.text.contains(['\r', '\0']), "{name}");
    let text = m.text.to_ascii_lowercase();
    assert!(
        !text.contains("<script") && !text.contains("<html") && !text.contains("<body"),
        "{name}: {}",
        m.text
    );
    assert!(m.html.as_deref().is_none_or(|h| !h.contains('\0')), "{name}");
    for a in &m.attachments {
        let f = &a.filename;
        assert!(
            !f.is_empty() && !f.contains(['/', '\\']) && no_controls(f) && !f.starts_with('.'),
            "{name}: {f:?}"
        );
        assert!(a.content_type.contains('/') && no_controls(&a.content_type), "{name}: {a:?}");
        assert!(a.content_id.as_deref().is_none_or(|c| !c.contains(['<', '>'])), "{name}: {a:?}");
        let _ = (a.inline, a.bytes.len());
    }
    let _ = (m.auto.as_str(), m.return_path_empty);
    let _ = bounced_message_id(m, raw);
    let stripped = strip_reply_prefixes(&m.subject);
    let _ = (find_case_tag(stripped, "Tupa"), foreign_case_tags(&m.subject, "Tupa"));
    let tagged = subject_with_tag(&m.subject, "Tupa", "2026-000001");
    assert_eq!(find_case_tag(&tagged, "Tupa").as_deref(), Some("2026-000001"), "{name}: {tagged}");
    assert_eq!(subject_with_tag(&tagged, "Tupa", "2026-000001"), tagged, "{name}");
}

/// Whether the raw message has a From or Sender header with something like an address,
/// checked independently of the parser.
fn has_sender_header(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    let headers = text.split("\r\n\r\n").next().unwrap_or_default();
    let headers = headers.split("\n\n").next().unwrap_or_default();
    headers.lines().any(|line| {
        let lower = line.to_ascii_lowercase();
        (lower.starts_with("from:") || lower.starts_with("sender:")) && line.contains('@')
    })
}

#[test]
fn corpus_is_handled_without_panic_or_hang() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus");
    let mut files = Vec::new();
    corpus_files(&dir, &mut files);
    assert!(files.len() >= 100, "corpus not found at {}", dir.display());

    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut outcomes = Vec::new();
        for path in files {
            let raw = std::fs::read(&path).expect("corpus file");
            let name = path.strip_prefix(&dir).unwrap_or(&path).display().to_string();
            let outcome = match parse(&raw) {
                Ok(m) => {
                    check_fields(&name, &m, &raw);
                    Ok(())
                }
                Err(e) => {
                    if let Some(m) = e.message() {
                        check_fields(&name, m, &raw);
                    }
                    let unexplained = matches!(&e, ParseError::Unparseable { reason } if *reason == REASON_PANIC)
                        || (e.code() == "mail-no-sender" && has_sender_header(&raw));
                    Err((e.code(), e.to_string(), unexplained))
                }
            };
            outcomes.push((name, raw, outcome));
        }
        let _ = sender.send(outcomes);
    });
    let outcomes = receiver
        .recv_timeout(Duration::from_secs(300))
        .expect("parsing the corpus did not finish (hang or panic)");

    let eml: Vec<_> = outcomes.iter().filter(|(name, _, _)| name.ends_with(".eml")).collect();
    let ok = eml.iter().filter(|(_, _, o)| o.is_ok()).count();
    let with_sender: Vec<_> = eml.iter().filter(|(_, raw, _)| has_sender_header(raw)).collect();
    let ok_with_sender = with_sender.iter().filter(|(_, _, o)| o.is_ok()).count();
    let refusals: Vec<String> = outcomes
        .iter()
        .filter_map(|(name, _, o)| {
            o.as_ref().err().map(|(code, msg, _)| format!("{name}: {code} ({msg})"))
        })
        .collect();
    let unexplained: Vec<String> = outcomes
        .iter()
        .filter_map(|(name, _, o)| match o {
            Err((code, msg, true)) => Some(format!("{name}: {code} ({msg})")),
            _ => None,
        })
        .collect();
    println!(
        "corpus: {} files, {} .eml, {ok} parsed, {} refused:\n{}",
        outcomes.len(),
        eml.len(),
        outcomes.len() - ok,
        refusals.join("\n")
    );
    assert!(unexplained.is_empty(), "refusals without a reason:\n{}", unexplained.join("\n"));
    // Every message with a sender address becomes a ticket; the others (MIME test
    // fragments without From) are refused as mail-no-sender and kept.
    assert_eq!(
        ok_with_sender,
        with_sender.len(),
        "refused although they have a sender:\n{}",
        refusals.join("\n")
    );
    assert!(
        ok * 100 >= eml.len() * 65,
        "only {ok} of {} parsed:\n{}",
        eml.len(),
        refusals.join("\n")
    );
}

// ----------------------------------------------------------------------------------------
// (b) Hand-written messages

#[test]
fn outlook_reply_in_windows_1252() {
    let raw = mail(
        "From: =?iso-8859-1?Q?M=E4kel=E4_P=E4ivi?= <Paivi.Makela@Kunta.example>\n\
         To: Tupa asiakaspalvelu <palvelu@tupa.test>\n\
         CC: \"Virtanen, Liisa\" <liisa.virtanen@kunta.example>, palvelu@tupa.test\n\
         Subject: VS: Kysymys [Tupa #2026-000123]\n\
         Thread-Topic: Kysymys [Tupa #2026-000123]\n\
         Thread-Index: AQHaZ3kqXYZ\n\
         Date: Tue, 3 Mar 2026 09:15:00 +0200\n\
         Message-ID: <AM0PR07MB1234ABCD@eurprd07.prod.outlook.com>\n\
         In-Reply-To: <case-2026-000123-1@tupa.test>\n\
         References: <case-2026-000123-1@tupa.test>\n\
         Accept-Language: fi-FI, en-US\n\
         Content-Language: fi-FI\n\
         X-MS-Has-Attach:\n\
         X-MS-TNEF-Correlator:\n\
         MIME-Version: 1.0\n\
         Content-Type: text/plain; charset=\"Windows-1252\"\n\
         Content-Transfer-Encoding: quoted-printable\n\
         \n\
         Hyv=E4=E4 p=E4iv=E4=E4,\n\
         \n\
         hakemukseni k=E4sittely on viel=E4 kesken. Maksu 12 =80 on jo maksettu =96 =\n\
         kiitos!\n\
         \n\
         Yst=E4v=E4llisin terveisin\n\
         P=E4ivi M=E4kel=E4\n",
    );
    let m = parse_ok(&raw);
    let from = m.from.as_ref().expect("sender");
    assert_eq!(from.email, "paivi.makela@kunta.example");
    assert_eq!(from.name.as_deref(), Some("Mäkelä Päivi"));
    assert_eq!(m.to.len(), 1);
    assert_eq!(m.to[0].name.as_deref(), Some("Tupa asiakaspalvelu"));
    let cc: Vec<&str> = m.cc.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(cc, ["liisa.virtanen@kunta.example", "palvelu@tupa.test"]);
    assert_eq!(m.cc[0].name.as_deref(), Some("Virtanen, Liisa"));
    assert_eq!(m.subject, "VS: Kysymys [Tupa #2026-000123]");
    assert_eq!(strip_reply_prefixes(&m.subject), "Kysymys [Tupa #2026-000123]");
    assert_eq!(find_case_tag(&m.subject, "Tupa").as_deref(), Some("2026-000123"));
    assert_eq!(m.message_id.as_deref(), Some("AM0PR07MB1234ABCD@eurprd07.prod.outlook.com"));
    assert_eq!(m.in_reply_to, ["case-2026-000123-1@tupa.test"]);
    assert_eq!(m.references, ["case-2026-000123-1@tupa.test"]);
    assert_eq!(m.date, Some(unix(time::macros::datetime!(2026-03-03 07:15 UTC))));
    assert_eq!(
        m.text,
        "Hyvää päivää,\n\nhakemukseni käsittely on vielä kesken. Maksu 12 € on jo maksettu – \
         kiitos!\n\nYstävällisin terveisin\nPäivi Mäkelä"
    );
    assert_eq!(m.html, None);
    assert!(m.attachments.is_empty());
    assert_eq!(m.auto, AutoKind::Human);
    assert!(!m.return_path_empty);
    assert_eq!(m.raw_sha256, hex::encode(Sha256::digest(&raw)));
}

#[test]
fn rfc2047_subject_in_iso_8859_1_and_8bit_body() {
    let raw = [
        mail(
            "From: paivi@kunta.example\n\
             Subject: =?iso-8859-1?Q?Hakemus_p=E4=E4ttyy?=\n\
             Content-Type: text/plain; charset=iso-8859-1\n\
             Content-Transfer-Encoding: 8bit\n\
             \n",
        ),
        b"Hakemus p\xe4\xe4ttyy pian.\r\n".to_vec(),
    ]
    .concat();
    let m = parse_ok(&raw);
    assert_eq!(m.subject, "Hakemus päättyy");
    assert_eq!(m.text, "Hakemus päättyy pian.");
}

#[test]
fn raw_8bit_legacy_headers_are_read_as_windows_1252() {
    let raw = [
        b"From: P\xe4ivi M\xe4kel\xe4 <paivi@kunta.example>\r\n".to_vec(),
        b"Subject: Hakemus p\xe4\xe4ttyy\r\n".to_vec(),
        b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n".to_vec(),
        b"Content-Type: text/plain\r\n\r\nLiite: p\xe4\xe4t\xf6s\r\n--b\r\n".to_vec(),
        b"Content-Type: application/pdf\r\n".to_vec(),
        b"Content-Disposition: attachment; filename=\"p\xe4\xe4t\xf6s.pdf\"\r\n\r\n%PDF\r\n--b--\r\n".to_vec(),
    ]
    .concat();
    let m = parse_ok(&raw);
    assert_eq!(m.subject, "Hakemus päättyy");
    assert_eq!(m.from.as_ref().and_then(|a| a.name.as_deref()), Some("Päivi Mäkelä"));
    assert_eq!(m.text, "Liite: päätös");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].filename, "päätös.pdf");
    assert_eq!(m.attachments[0].bytes, b"%PDF");
}

#[test]
fn gmail_reply_threads_by_in_reply_to_and_references() {
    let m = parse_ok(&mail(
        "MIME-Version: 1.0\n\
         Date: Wed, 4 Mar 2026 10:00:00 +0200\n\
         References: <case-2026-000123-1@tupa.test>\n \
         <case-2026-000123-2@tupa.test>\n\
         In-Reply-To: <case-2026-000123-2@tupa.test>\n\
         Message-ID: <CAB+x9Yz=abc123@mail.gmail.com>\n\
         Subject: Re: Kysymys [Tupa #2026-000123]\n\
         From: =?UTF-8?Q?Matti_Meik=C3=A4l=C3=A4inen?= <matti.meikalainen@gmail.com>\n\
         To: Tupa <palvelu@tupa.test>\n\
         Content-Type: multipart/alternative; boundary=\"000000000000abc\"\n\
         \n\
         --000000000000abc\n\
         Content-Type: text/plain; charset=\"UTF-8\"\n\
         Content-Transfer-Encoding: base64\n\
         \n\
         S2lpdG9zLCBhc2lhIHNlbHbDpC4KCnRpIDMuMy4yMDI2IGtsbyA5LjE1IFR1cGEgPHBhbHZlbHVA\n\
         dHVwYS50ZXN0PiBraXJqb2l0dGk6Cj4gSGVpIQo=\n\
         --000000000000abc\n\
         Content-Type: text/html; charset=\"UTF-8\"\n\
         Content-Transfer-Encoding: quoted-printable\n\
         \n\
         <div dir=3D\"ltr\">Kiitos, asia selv=C3=A4.</div><br><div class=3D\"gmail_quote\">=\n\
         <div class=3D\"gmail_attr\">ti 3.3.2026 klo 9.15 Tupa kirjoitti:</div><blockquote>=\n\
         Hei!</blockquote></div>\n\
         --000000000000abc--\n",
    ));
    assert_eq!(m.message_id.as_deref(), Some("CAB+x9Yz=abc123@mail.gmail.com"));
    assert_eq!(m.in_reply_to, ["case-2026-000123-2@tupa.test"]);
    assert_eq!(m.references, ["case-2026-000123-1@tupa.test", "case-2026-000123-2@tupa.test"]);
    assert_eq!(m.from.as_ref().and_then(|a| a.name.as_deref()), Some("Matti Meikäläinen"));
    assert_eq!(strip_reply_prefixes(&m.subject), "Kysymys [Tupa #2026-000123]");
    assert_eq!(
        m.text,
        "Kiitos, asia selvä.\n\nti 3.3.2026 klo 9.15 Tupa <palvelu@tupa.test> kirjoitti:\n> Hei!"
    );
    assert!(m.html.as_deref().is_some_and(|h| h.contains("gmail_quote")));
    assert!(m.attachments.is_empty());
}

#[test]
fn forwarded_message() {
    let m = parse_ok(&mail(
        "From: Anna Lindqvist <anna.lindqvist@kommun.example>\n\
         To: palvelu@tupa.test\n\
         Subject: Fwd: SV: =?UTF-8?B?QW5zw7ZrYW4gb20gYnlnZ2xvdg==?=\n\
         Content-Type: text/plain; charset=utf-8\n\
         Content-Transfer-Encoding: quoted-printable\n\
         \n\
         Se nedan.\n\
         \n\
         ---------- Forwarded message ---------\n\
         Fr=C3=A5n: Handl=C3=A4ggare <handlaggare@kommun.example>\n\
         \n\
         Tack f=C3=B6r din ans=C3=B6kan.\n",
    ));
    assert_eq!(m.subject, "Fwd: SV: Ansökan om bygglov");
    assert_eq!(strip_reply_prefixes(&m.subject), "Ansökan om bygglov");
    assert!(
        m.text
            .starts_with("Se nedan.\n\n---------- Forwarded message ---------\nFrån: Handläggare")
    );
    assert!(m.text.ends_with("Tack för din ansökan."));
}

#[test]
fn html_only_message_becomes_text_without_script() {
    let m = parse_ok(&mail(
        "From: lomake@kunta.example\n\
         Subject: Palaute\n\
         Content-Type: text/html; charset=utf-8\n\
         \n\
         <!DOCTYPE html>\n\
         <html><head><title>Otsikko</title>\n\
         <style>p { color: red }</style>\n\
         <script>alert('x')</script></head>\n\
         <body>\n\
         <p>Hei,</p>\n\
         <div>rivi&nbsp;1<br>rivi\n   2</div>\n\
         <ul><li>yksi</li><li>kaksi</li></ul>\n\
         <p>&auml;&#228;&#xE4; &lt;b&gt; &amp; 5 < 6 <a href=\"https://kunta.example\" title='x > y'>linkki</a></p>\n\
         <SCRIPT type=\"text/javascript\">document.write(\"<p>bad</p>\")</SCRIPT>\n\
         <!-- kommentti <p>piilossa</p> -->\n\
         <table><tr><td>a</td><td>b</td></tr></table>\n\
         </body></html>\n",
    ));
    assert_eq!(
        m.text,
        "Hei,\n\nrivi 1\nrivi 2\n\n- yksi\n- kaksi\n\näää <b> & 5 < 6 linkki\n\na b"
    );
    for hidden in
        ["alert", "color", "Otsikko", "bad", "kommentti", "piilossa", "<p", "<script", "<div"]
    {
        assert!(!m.text.contains(hidden), "{hidden} in {:?}", m.text);
    }
    assert!(m.html.as_deref().is_some_and(|h| h.contains("<script>alert('x')</script>")));
}

#[test]
fn multipart_alternative_prefers_text_plain() {
    let m = parse_ok(&mail(
        "From: a@kunta.example\n\
         Subject: Vaihtoehdot\n\
         Content-Type: multipart/alternative; boundary=\"alt\"\n\
         \n\
         --alt\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         TEKSTIVERSIO\n\
         --alt\n\
         Content-Type: text/html; charset=utf-8\n\
         \n\
         <p>HTML-VERSIO</p>\n\
         --alt--\n",
    ));
    assert_eq!(m.text, "TEKSTIVERSIO");
    assert_eq!(m.html.as_deref(), Some("<p>HTML-VERSIO</p>"));
    assert!(m.attachments.is_empty());
}

#[test]
fn empty_text_alternative_falls_back_to_html() {
    let m = parse_ok(&mail(
        "From: a@kunta.example\n\
         Content-Type: multipart/alternative; boundary=\"alt\"\n\
         \n\
         --alt\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         \n\
         --alt\n\
         Content-Type: text/html; charset=utf-8\n\
         \n\
         <p>Vain HTML:ssä</p>\n\
         --alt--\n",
    ));
    assert_eq!(m.text, "Vain HTML:ssä");
    assert_eq!(m.subject, "");
}

#[test]
fn html_mislabelled_as_text_plain_is_converted() {
    let m = parse_ok(&mail(
        "From: lomake@kunta.example\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         Lomakkeen tiedot:\n\
         <!-- generated -->\n\
         <html><body><p>Nimi: <b>Matti</b></p><script>x()</script></body></html>\n",
    ));
    assert_eq!(m.text, "Lomakkeen tiedot:\n\nNimi: Matti");
}

#[test]
fn attachments_keep_names_and_original_bytes() {
    let m = parse_ok(&mail(
        "From: a@kunta.example\n\
         Subject: Liitteet\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\n\
         \n\
         --b1\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         Liitteenä hakemus.\n\
         --b1\n\
         Content-Type: application/pdf; name=\"liite.pdf\"\n\
         Content-Disposition: attachment; filename*=utf-8''liite_%C3%A4%C3%B6.pdf\n\
         Content-Transfer-Encoding: base64\n\
         \n\
         JVBERi0xLjQKJeT2CjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==\n\
         --b1\n\
         Content-Type: TEXT/XML; charset=iso-8859-15; name=\"lasku.xml\"\n\
         Content-Disposition: attachment; filename=\"lasku.xml\"\n\
         Content-Transfer-Encoding: quoted-printable\n\
         \n\
         <?xml version=3D\"1.0\" encoding=3D\"ISO-8859-15\"?><Nimi>M=E4kel=E4 =A4</Nimi>\n\
         --b1\n\
         Content-Type: application/octet-stream\n\
         Content-Disposition: attachment; filename=\"../../etc/passwd\"\n\
         \n\
         root:x:0:0\n\
         --b1\n\
         Content-Type: application/x-msdownload\n\
         Content-Disposition: attachment; filename=\"=?utf-8?Q?lasku=E2=80=AEfdp.exe?=\"\n\
         \n\
         MZ\n\
         --b1\n\
         Content-Type: application/octet-stream\n\
         Content-Disposition: attachment; filename=\"..\"\n\
         \n\
         x\n\
         --b1--\n",
    ));
    assert_eq!(m.text, "Liitteenä hakemus.");
    let names: Vec<&str> = m.attachments.iter().map(|a| a.filename.as_str()).collect();
    assert_eq!(names, ["liite_äö.pdf", "lasku.xml", "passwd", "laskufdp.exe", "attachment-5"]);
    let pdf = &m.attachments[0];
    assert_eq!(pdf.content_type, "application/pdf");
    assert_eq!(pdf.bytes, b"%PDF-1.4\n%\xe4\xf6\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    assert!(!pdf.inline);
    assert_eq!(pdf.content_id, None);
    let xml = &m.attachments[1];
    assert_eq!(xml.content_type, "text/xml");
    assert_eq!(
        xml.bytes,
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><Nimi>M\xe4kel\xe4 \xa4</Nimi>"
    );
    assert_eq!(m.attachments[2].bytes, b"root:x:0:0");
}

#[test]
fn inline_image_with_content_id() {
    let m = parse_ok(&mail(
        "From: a@kunta.example\n\
         Subject: Kuvakaappaus\n\
         Content-Type: multipart/related; boundary=\"rel\"\n\
         \n\
         --rel\n\
         Content-Type: text/html; charset=utf-8\n\
         \n\
         <p>Kuvakaappaus virheest&auml;:</p><img src=\"cid:kuva1@tupa.test\" alt=\"kuva\">\n\
         --rel\n\
         Content-Type: image/png; name=\"kuva.png\"\n\
         Content-Disposition: inline; filename=\"kuva.png\"\n\
         Content-ID: <kuva1@tupa.test>\n\
         Content-Transfer-Encoding: base64\n\
         \n\
         iVBORw0KGgoAAAANSUhEUg==\n\
         --rel--\n",
    ));
    assert_eq!(m.text, "Kuvakaappaus virheestä:");
    assert!(m.html.as_deref().is_some_and(|h| h.contains("cid:kuva1@tupa.test")));
    assert_eq!(m.attachments.len(), 1);
    let image = &m.attachments[0];
    assert_eq!(image.filename, "kuva.png");
    assert_eq!(image.content_type, "image/png");
    assert_eq!(image.content_id.as_deref(), Some("kuva1@tupa.test"));
    assert!(image.inline);
    assert_eq!(image.bytes, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
}

#[test]
fn out_of_office_is_an_auto_reply() {
    let m = with_headers(
        "Auto-Submitted: auto-replied\n\
         X-Auto-Response-Suppress: All\n\
         Return-Path: <liisa.virtanen@kunta.example>\n",
    );
    assert_eq!(m.auto, AutoKind::AutoReply);
    assert!(!m.return_path_empty);
}

#[test]
fn automatic_mail_detection() {
    let cases = [
        ("", AutoKind::Human),
        ("Auto-Submitted: no\n", AutoKind::Human),
        ("Auto-Submitted: auto-generated\n", AutoKind::AutoReply),
        ("auto-submitted: Auto-Replied; owner-email=\"x@y\"\n", AutoKind::AutoReply),
        ("X-Autoreply: yes\n", AutoKind::AutoReply),
        ("X-Autorespond: Out of office\n", AutoKind::AutoReply),
        ("X-Auto-Response-Suppress: DR, OOF, AutoReply\n", AutoKind::AutoReply),
        ("X-Auto-Response-Suppress: DR, RN, NRN\n", AutoKind::Human),
        ("Precedence: auto_reply\n", AutoKind::AutoReply),
        ("List-Id: Kuntaliiton uutiskirje <uutiset.kuntaliitto.example>\n", AutoKind::List),
        ("List-Unsubscribe: <mailto:unsub@lista.example>\n", AutoKind::List),
        ("Precedence: list\n", AutoKind::List),
        ("Precedence: bulk\n", AutoKind::Bulk),
        ("Precedence: JUNK\n", AutoKind::Bulk),
        ("Precedence: bulk\nList-Id: <l.example>\n", AutoKind::List),
        ("Precedence: bulk\nAuto-Submitted: auto-generated\n", AutoKind::AutoReply),
        ("List-Id: <l.example>\nAuto-Submitted: auto-replied\n", AutoKind::AutoReply),
        (
            "X-Failed-Recipients: nobody@kunta.example\nAuto-Submitted: auto-replied\n",
            AutoKind::Bounce,
        ),
        ("Return-Path: <>\n", AutoKind::Human),
    ];
    for (headers, expected) in cases {
        assert_eq!(with_headers(headers).auto, expected, "{headers}");
    }
    let read_receipt = parse_ok(&mail(
        "From: a@kunta.example\n\
         Content-Type: multipart/report; report-type=disposition-notification; boundary=\"r\"\n\
         \n\
         --r\n\
         Content-Type: text/plain\n\
         \n\
         Luettu.\n\
         --r--\n",
    ));
    assert_eq!(read_receipt.auto, AutoKind::AutoReply);
}

const DSN: &str = "Return-Path: <>\n\
    From: Mail Delivery System <MAILER-DAEMON@mx.kunta.example>\n\
    To: palvelu@tupa.test\n\
    Subject: Undelivered Mail Returned to Sender\n\
    Auto-Submitted: auto-replied\n\
    Message-ID: <20260303091600.ABC@mx.kunta.example>\n\
    MIME-Version: 1.0\n\
    Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"dsn\"\n\
    \n\
    --dsn\n\
    Content-Description: Notification\n\
    Content-Type: text/plain; charset=us-ascii\n\
    \n\
    This is the mail system at host mx.kunta.example.\n\
    \n\
    <nobody@kunta.example>: host mx.kunta.example said: 550 5.1.1 User unknown\n\
    --dsn\n\
    Content-Description: Delivery report\n\
    Content-Type: message/delivery-status\n\
    \n\
    Reporting-MTA: dns; mx.kunta.example\n\
    \n\
    Final-Recipient: rfc822; nobody@kunta.example\n\
    Action: failed\n\
    Status: 5.1.1\n\
    \n\
    --dsn\n\
    Content-Description: Undelivered Message\n\
    Content-Type: message/rfc822\n\
    \n\
    Return-Path: <palvelu@tupa.test>\n\
    From: Tupa <palvelu@tupa.test>\n\
    To: nobody@kunta.example\n\
    Subject: [Tupa #2026-000123] Kysymys\n\
    Message-ID: <abc@tupa.test>\n\
    \n\
    Hei!\n\
    --dsn--\n";

#[test]
fn delivery_status_notification_is_a_bounce() {
    let raw = mail(DSN);
    let m = parse_ok(&raw);
    assert_eq!(m.auto, AutoKind::Bounce);
    assert!(m.return_path_empty);
    assert_eq!(m.from.as_ref().map(|a| a.email.as_str()), Some("mailer-daemon@mx.kunta.example"));
    assert!(m.text.starts_with("This is the mail system"));
    assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("abc@tupa.test"));
    // The raw bytes must be those the message was parsed from.
    assert_eq!(bounced_message_id(&m, &mail(&DSN.replace("Hei!", "Moi!"))), None);
    let content_types: Vec<&str> = m.attachments.iter().map(|a| a.content_type.as_str()).collect();
    assert_eq!(content_types, ["message/delivery-status", "message/rfc822"]);
    assert!(m.attachments[1].bytes.starts_with(b"Return-Path: <palvelu@tupa.test>"));
}

#[test]
fn bounce_variants() {
    // Only the headers of the original, as text/rfc822-headers.
    let headers_only = DSN
        .replace("Content-Type: message/rfc822", "Content-Type: text/rfc822-headers")
        .replace("Return-Path: <>\n", "");
    let raw = mail(&headers_only);
    let m = parse_ok(&raw);
    assert_eq!(m.auto, AutoKind::Bounce, "multipart/report alone makes a bounce");
    assert!(!m.return_path_empty);
    assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("abc@tupa.test"));

    // A plain-text bounce quoting the original headers.
    let raw = mail(
        "Return-Path: <>\n\
         From: postmaster@kunta.example\n\
         Subject: Delivery failure\n\
         \n\
         Your message could not be delivered.\n\
         \n\
         ------ Original message headers ------\n\
         Message-ID: <quoted@tupa.test>\n\
         Subject: [Tupa #2026-000123] Kysymys\n",
    );
    let m = parse_ok(&raw);
    assert_eq!(m.auto, AutoKind::Bounce);
    assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("quoted@tupa.test"));

    // Nothing of the original but In-Reply-To.
    let raw = mail(
        "Return-Path: <>\n\
         From: MAILER-DAEMON@kunta.example\n\
         In-Reply-To: <original@tupa.test>\n\
         Subject: Undeliverable\n\
         \n\
         Could not deliver.\n",
    );
    let m = parse_ok(&raw);
    assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("original@tupa.test"));

    // Mailer-daemon without the null return path: not a bounce.
    let raw = mail("From: MAILER-DAEMON@kunta.example\nSubject: Hi\n\nHi\n");
    assert_eq!(parse_ok(&raw).auto, AutoKind::Human);
}

#[test]
fn forwarded_message_attachment_is_not_a_bounced_message() {
    let raw = mail(
        "From: a@kunta.example\n\
         Subject: Fwd: viesti\n\
         Content-Type: multipart/mixed; boundary=\"m\"\n\
         \n\
         --m\n\
         Content-Type: text/plain\n\
         \n\
         Katso liite.\n\
         --m\n\
         Content-Type: message/rfc822\n\
         \n\
         From: b@kunta.example\n\
         Subject: Alkuperäinen\n\
         Message-ID: <abc@tupa.test>\n\
         \n\
         Alkuperäinen viesti.\n\
         --m--\n",
    );
    let m = parse_ok(&raw);
    assert_eq!(m.auto, AutoKind::Human);
    assert_eq!(bounced_message_id(&m, &raw), None);
    assert_eq!(m.text, "Katso liite.");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].content_type, "message/rfc822");
    assert_eq!(m.attachments[0].filename, "attachment-1");
    assert!(m.attachments[0].bytes.ends_with(b"Alkuper\xc3\xa4inen viesti."));
}

#[test]
fn mailing_list_message() {
    let m = with_headers(
        "List-Id: Kuntatiedotteet <tiedotteet.lista.example>\n\
         List-Unsubscribe: <https://lista.example/unsub>, <mailto:unsub@lista.example>\n\
         Precedence: list\n",
    );
    assert_eq!(m.auto, AutoKind::List);
}

#[test]
fn bulk_message() {
    assert_eq!(with_headers("Precedence: bulk\n").auto, AutoKind::Bulk);
}

#[test]
fn message_without_sender_is_refused_but_readable() {
    let raw = mail(
        "To: palvelu@tupa.test\n\
         Subject: =?utf-8?Q?Nimet=C3=B6n?=\n\
         Message-ID: <anon@example.test>\n\
         \n\
         Kuka min=C3=A4 olen?\n",
    );
    let error = parse(&raw).expect_err("no sender");
    assert_eq!(error.code(), "mail-no-sender");
    let m = error.message().expect("the parsed message travels with the refusal");
    assert_eq!(m.subject, "Nimetön");
    assert_eq!(m.from, None);
    assert_eq!(m.message_id.as_deref(), Some("anon@example.test"));
    assert_eq!(m.to[0].email, "palvelu@tupa.test");

    let no_address = parse(&mail("From: Whomever\nSubject: x\n\nx\n")).expect_err("no address");
    assert_eq!(no_address.code(), "mail-no-sender");

    let m = parse_ok(&mail("From: Whomever\nSender: Lista <owner@lista.example>\n\nx\n"));
    assert_eq!(m.from.map(|a| a.email).as_deref(), Some("owner@lista.example"));
}

#[test]
fn refusals_have_stable_codes() {
    assert_eq!(parse(b"").expect_err("empty").code(), "mail-empty");
    assert_eq!(parse(b" \r\n\r\n\t").expect_err("blank").code(), "mail-empty");
    let huge = vec![b'a'; MAX_MESSAGE_BYTES + 1];
    assert_eq!(parse(&huge).expect_err("too large").code(), "mail-too-large");
    let not_mail = parse(b"# Notes\n\nJust some text without any header\n");
    assert_eq!(not_mail.expect_err("not mail").code(), "mail-unparseable");
    for garbage in
        [&b"\x00\x01\x02\xff\xfe"[..], b":", b"\n:\n", b"From:", b"From: <>\n\n", b"--\r\n--"]
    {
        if let Err(e) = parse(garbage) {
            assert!(
                ["mail-empty", "mail-unparseable", "mail-no-sender"].contains(&e.code()),
                "{e}"
            );
        }
    }
}

#[test]
fn addresses_are_validated_lowercased_and_deduplicated() {
    let m = parse_ok(&mail(
        "From: \"Matti\" <MATTI@Example.FI>\n\
         Reply-To: undisclosed-recipients:;, <Vastaus@Example.FI>\n\
         To: a@x.example, A@X.example, \"Ryhmä\": b@x.example, c@x.example;, bad address, <>\n\
         To: d@x.example\n\
         \n\
         x\n",
    ));
    assert_eq!(
        m.from,
        Some(Address { name: Some("Matti".into()), email: "matti@example.fi".into() })
    );
    assert_eq!(m.reply_to.map(|a| a.email).as_deref(), Some("vastaus@example.fi"));
    let to: Vec<&str> = m.to.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(to, ["a@x.example", "b@x.example", "c@x.example", "d@x.example"]);
}

#[test]
fn auto_kinds_keep_their_stored_words_and_refuse_others() {
    crate::closed_set::check::<AutoKind>("auto_kind", "action-unknown");
    let words: Vec<&str> = AutoKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(words, ["human", "auto-reply", "bounce", "list", "bulk"]);
}
