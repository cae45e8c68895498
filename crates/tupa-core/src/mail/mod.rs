//! Outgoing mail. Every message is first written to the outbox table in the same transaction
//! as the change that caused it; a delivery loop sends it by SMTP when the installation is in
//! production with SMTP configured. Otherwise (and always in training) it stays in the outbox,
//! readable by platform admins.

pub mod imap;
pub mod inbound;
pub mod outbox;
pub mod smtp;
