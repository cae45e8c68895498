//! SMTP delivery of the outbox (lettre over rustls).

use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::outbox::{self, OutboxMail};
use crate::config::Settings;
use crate::db::Db;

fn build(settings: &Settings, mail: &OutboxMail) -> anyhow::Result<Message> {
    let from: Mailbox = mail.from_address.as_deref().unwrap_or(&settings.mail_from).parse()?;
    let to: Mailbox = mail.to_address.parse()?;
    let mut builder = Message::builder();
    for cc in mail.cc_addresses.iter().flat_map(|c| c.split(',')).map(str::trim).filter(|c| !c.is_empty()) {
        builder = builder.cc(cc.parse()?);
    }
    if let Some(id) = &mail.in_reply_to {
        // The requester's mail client threads our reply under their message.
        builder = builder.in_reply_to(format!("<{id}>")).references(format!("<{id}>"));
    }
    Ok(builder
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()))
        .header(ContentType::TEXT_PLAIN)
        // Machine-sent mail (RFC 3834): well-behaved systems do not auto-reply to it, which
        // keeps vacation notices and the like from looping back into the desk.
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".into()))
        .body(mail.body_text.clone())?)
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
                    let result = match build(&settings, &mail) {
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
            }
            Err(e) => tracing::error!(error = %e, "cannot claim outbox mail"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}
