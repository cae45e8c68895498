//! The named data points: a stable id, whether the figure counts people (and so is suppressed
//! below five), and its label and definition in the Fluent catalogue (`reports.ftl`, keys
//! `report-<id>` and `report-<id>-def` with `.` and `_` written as `-`).
//!
//! Which figures count people: distinct desk requesters, clients who signed in, feedback given
//! (and its average), clients whose meter was measured (and their change), and applicants
//! (applications received, withdrawn, selected, per ad, days to a stage). Activity counts —
//! tickets, messages, tasks, calls, materials, ads — say what staff and the service did and are
//! never suppressed; a ticket's times are the desk's performance, not the client's.

/// How a figure is suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Activity: shown whatever its size.
    Activity,
    /// Counts people, or summarises the answers of that many people: 1–4 is suppressed.
    People,
}

pub struct PointDef {
    pub id: &'static str,
    pub kind: Kind,
    /// Whether the figure means something for one staff member (see [`n`]).
    pub per_staff: bool,
}

const fn a(id: &'static str) -> PointDef {
    PointDef { id, kind: Kind::Activity, per_staff: true }
}
const fn p(id: &'static str) -> PointDef {
    PointDef { id, kind: Kind::People, per_staff: true }
}
/// An activity figure of the queue rather than of any handler: tickets not yet taken up
/// (`new`), not yet categorised, or merged as duplicates are triage, which no one person
/// owns; a report on one staff member shows them as not applicable.
const fn n(id: &'static str) -> PointDef {
    PointDef { id, kind: Kind::Activity, per_staff: false }
}

/// Every fixed data point, in report order. Organisation reports add per-category, per-meter
/// area and per-stage points after these (see [`DYNAMIC`]).
pub const POINTS: &[PointDef] = &[
    a("desk.contacts.total"),
    a("desk.contacts.email"),
    a("desk.contacts.web"),
    a("desk.contacts.api"),
    n("desk.tickets.status.new"),
    a("desk.tickets.status.open"),
    a("desk.tickets.status.waiting"),
    a("desk.tickets.status.resolved"),
    a("desk.tickets.status.closed"),
    n("desk.tickets.uncategorised"),
    n("desk.tickets.merged"),
    a("desk.tickets.to_space"),
    a("desk.first_response.median_hours"),
    a("desk.first_response.p90_hours"),
    a("desk.resolution.median_hours"),
    a("desk.resolution.p90_hours"),
    a("desk.sla.first_response_breaches"),
    a("desk.sla.resolution_breaches"),
    a("desk.reopen.count"),
    a("desk.reopen.rate_percent"),
    a("desk.messages.incoming"),
    a("desk.messages.replies"),
    a("desk.messages.notes"),
    a("desk.canned_answers.used"),
    p("desk.requesters.distinct"),
    a("guidance.spaces.opened"),
    a("guidance.spaces.closed"),
    a("guidance.spaces.active"),
    a("guidance.spaces.reopened"),
    a("guidance.spaces.from_desk"),
    a("guidance.messages.staff"),
    a("guidance.messages.client"),
    p("guidance.clients.signed_in"),
    a("guidance.tasks.given"),
    a("guidance.tasks.answered"),
    a("guidance.tasks.done"),
    a("guidance.materials.shared"),
    a("guidance.materials.opened"),
    a("guidance.calls.started"),
    a("guidance.calls.answered"),
    a("guidance.calls.minutes"),
    a("guidance.summaries.written"),
    p("guidance.feedback.count"),
    p("guidance.feedback.average_score"),
    a("guidance.meter.answers"),
    p("guidance.meter.clients_measured"),
    p("guidance.meter.change_average"),
    a("recruitment.ads.published"),
    a("recruitment.ads.closed"),
    p("recruitment.applications.received"),
    p("recruitment.applications.per_ad"),
    p("recruitment.applications.withdrawn"),
    p("recruitment.applications.selected"),
];

/// The families of per-organisation points: id prefix, Fluent key, the argument that names
/// the item, and their kind.
pub const DYNAMIC: &[(&str, &str, &str, Kind)] = &[
    ("desk.tickets.category.", "report-desk-tickets-category", "name", Kind::Activity),
    ("guidance.meter.change.", "report-guidance-meter-change-area", "area", Kind::People),
    ("recruitment.stage_days.", "report-recruitment-stage-days", "stage", Kind::People),
];

/// The Fluent key of a fixed point's label (`-def` appended: its definition).
pub fn key(id: &str) -> String {
    format!("report-{}", id.replace(['.', '_'], "-"))
}

pub fn def(id: &str) -> Option<&'static PointDef> {
    POINTS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_forty_unique_ids() {
        assert!(POINTS.len() > 40);
        let ids: std::collections::BTreeSet<_> = POINTS.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), POINTS.len());
    }

    #[test]
    fn every_point_has_a_label_and_definition() {
        for p in POINTS {
            for lang in crate::i18n::Lang::ALL {
                let k = key(p.id);
                assert_ne!(lang.t(&k), k, "{lang}: {k}");
                assert_ne!(lang.t(&format!("{k}-def")), format!("{k}-def"), "{lang}: {k}-def");
            }
        }
    }
}
