//! Guidance spaces (seed 004): a secure space per client, opened by a counsellor with an
//! email invitation, entered by the client after strong identification, holding the
//! conversation and, as they land, tasks, materials, the life-situation meter and calls.
//!
//! Who may enter a space is decided by its members (`space_members`), never by organisation
//! roles alone: a counsellor sees the spaces they are a member of, a client only their own,
//! and a professional of another organisation only a space whose client consented. Main
//! admins and supervisors hold no membership and so see no conversation.

pub mod access;
pub mod archive;
mod archive_sections;
pub mod attachments;
pub mod call_log;
pub mod calls;
pub mod catch_up;
pub mod feedback;
pub mod followups;
pub mod invitations;
pub mod items;
pub mod library;
pub mod lifecycle;
pub mod links;
pub mod messages;
pub mod meter;
pub mod meter_answers;
pub mod professionals;
pub mod shared;
pub mod signalling;
pub mod space_templates;
pub mod spaces;
pub mod summaries;
pub mod supervision;
pub mod task_templates;
pub mod tasks;

pub use access::{SpaceRole, SpaceStatus};
