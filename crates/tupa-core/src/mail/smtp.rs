//! SMTP delivery of the outbox (lettre over rustls).

use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::outbox::{self, OutboxFile, OutboxMail};
use crate::config::Settings;
use crate::db::Db;

pub fn build(
    settings: &Settings,
    mail: &OutboxMail,
    files: Vec<OutboxFile>,
) -> anyhow::Result<Message> {
    let from: Mailbox = mail.from_address.as_deref().unwrap_or(&settings.mail_from).parse()?;
    let to: Mailbox = mail.to_address.parse()?;
    let mut builder = Message::builder();
    for cc in
        mail.cc_addresses.iter().flat_map(|c| c.split(',')).map(str::trim).filter(|c| !c.is_empty())
    {
        builder = builder.cc(cc.parse()?);
    }
    if let Some(id) = &mail.in_reply_to {
        // The requester's mail client threads our reply under their message.
        builder = builder.in_reply_to(format!("<{id}>")).references(format!("<{id}>"));
    }
    let builder = builder
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()))
        // Machine-sent mail (RFC 3834): well-behaved systems do not auto-reply to it, which
        // keeps vacation notices and the like from looping back into the desk.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    if files.is_empty() {
        return Ok(builder.header(ContentType::TEXT_PLAIN).body(mail.body_text.clone())?);
    }
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(mail.body_text.clone()));
    for f in files {
        let content_type = ContentType::parse(&f.content_type)
            .unwrap_or(ContentType::parse("application/octet-stream")?);
        parts = parts.singlepart(Attachment::new(f.filename).body(f.content, content_type));
    }
    Ok(builder.multipart(parts)?)
}

/// Runs until the process stops: claims due messages and sends them.
pub async fn deliver_forever(db: Db, settings: Settings) {
    let Some(url) = settings.smtp_url.clone() else { return };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
        Ok(b) => b.timeout(Some(Duration::from_secs(30))).build(),
        Err(e) => {
            tracing::error!(error = %e, "SMTP URL is not usable; mail stays in the outbox");
            return;
        }
    };
    loop {
        match outbox::claim_due(&db, 5).await {
            Ok(batch) => {
                for mail in batch {
                    let files = match outbox::files(&db, &mail.id).await {
                        Ok(files) => files,
                        Err(e) => {
                            tracing::error!(error = %e, "cannot read the files of outbox mail");
                            continue;
                        }
                    };
                    let result = match build(&settings, &mail, files) {
                        Ok(msg) => transport.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    };
                    let stored = match result {
                        Ok(()) => outbox::mark_sent(&db, &mail.id).await,
                        Err(err) => {
                            tracing::warn!(mail = %mail.id, error = %err, "mail delivery failed");
                            outbox::mark_failed(&db, &mail, &err).await
                        }
                    };
                    if let Err(e) = stored {
                        tracing::error!(error = %e, "cannot record delivery result");
                    }
                }
                crate::jobs::beat(crate::jobs::Job::MailSender);
            }
            Err(e) => tracing::error!(error = %e, "cannot claim outbox mail"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;
    use mail_parser::MimeHeaders;

    fn mail() -> OutboxMail {
        OutboxMail {
            id: "m1".into(),
            org_id: None,
            to_address: "asiakas@example.fi".into(),
            subject: "Re: Lomake [Tupa #2026-000001]".into(),
            body_text: "Lomake liitteenä.".into(),
            message_id: "<m1@tupa.test>".into(),
            status: "pending".into(),
            attempts: 0,
            last_error: None,
            created_at: 0,
            next_attempt_at: 0,
            sent_at: None,
            from_address: Some("neuvonta@kunta.test".into()),
            in_reply_to: Some("q1@example.fi".into()),
            cc_addresses: None,
        }
    }

    fn settings() -> Settings {
        Settings {
            environment: Environment::Production,
            public_url: "https://tupa.test".into(),
            data_dir: ".".into(),
            database_url: String::new(),
            smtp_url: None,
            mail_from: "tupa@tupa.test".into(),
            trust_forwarded_for: false,
            secret_key: None,
            imap_ca_file: None,
            imap_poll_seconds: 60,
            turn: None,
        }
    }

    #[test]
    fn files_travel_as_attachments_a_mail_client_can_open() {
        let pdf = b"%PDF-1.4 \x00\xff binary".to_vec();
        let files = vec![OutboxFile {
            filename: "lomake_å.pdf".into(),
            content_type: "application/pdf".into(),
            content: pdf.clone(),
        }];
        let raw = build(&settings(), &mail(), files).unwrap().formatted();
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(parsed.body_text(0).unwrap().trim(), "Lomake liitteenä.");
        let attachment = parsed.attachment(0).expect("one attachment");
        assert_eq!(attachment.attachment_name(), Some("lomake_å.pdf"));
        assert_eq!(attachment.contents(), pdf.as_slice());
        assert_eq!(parsed.in_reply_to().as_text(), Some("q1@example.fi"));
    }

    #[test]
    fn without_files_the_mail_is_plain_text() {
        let raw =
            String::from_utf8(build(&settings(), &mail(), vec![]).unwrap().formatted()).unwrap();
        assert!(raw.contains("Content-Type: text/plain") && !raw.contains("multipart"));
    }
}
