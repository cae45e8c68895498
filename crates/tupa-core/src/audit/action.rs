//! Every action the audit log records, as a closed set: the log stores the code, the audit
//! page says it in words (`audit-event-<code>` in audit.ftl), and a test keeps the two in step.
//! `record` refuses (in debug builds, so every test run) a code that is not listed here.

macro_rules! actions {
    ($($variant:ident => $code:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The code stored in `audit_log.action`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Action::$variant => $code,)*
                }
            }

            pub fn parse(code: &str) -> Option<Action> {
                match code {
                    $($code => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    AccessibilityFeedbackReceived => "accessibility-feedback-received",
    AccessibilityStatementSaved => "accessibility-statement-saved",
    AgreementRecorded => "agreement-recorded",
    AnnouncementForwarded => "announcement-forwarded",
    AnnouncementPublished => "announcement-published",
    ApplicationDocumentMade => "application-document-made",
    ApplicationFileDownloaded => "application-file-downloaded",
    ApplicationMessageSent => "application-message-sent",
    ApplicationNoted => "application-noted",
    ApplicationRated => "application-rated",
    ApplicationReceived => "application-received",
    ApplicationRefused => "application-refused",
    ApplicationRepeated => "application-repeated",
    ApplicationSelected => "application-selected",
    ApplicationStageChanged => "application-stage-changed",
    ApplicationWithdrawn => "application-withdrawn",
    ApplicationsPurged => "applications-purged",
    ApplicationsViewed => "applications-viewed",
    CannedAnswerChanged => "canned-answer-changed",
    CannedAnswerCreated => "canned-answer-created",
    CannedAnswerRetired => "canned-answer-retired",
    ClientIdentified => "client-identified",
    DataRequestCreated => "data-request-created",
    DataRequestExecuted => "data-request-executed",
    DataRequestExported => "data-request-exported",
    DataRequestExtended => "data-request-extended",
    DataRestrictionLiftNoticed => "data-restriction-lift-noticed",
    DataRestrictionLifted => "data-restriction-lifted",
    DelegationGranted => "delegation-granted",
    DelegationRevoked => "delegation-revoked",
    DemoCreated => "demo-created",
    DemoToppedUp => "demo-topped-up",
    DeskAddressAdded => "desk-address-added",
    DeskAddressRemoved => "desk-address-removed",
    DeskCategoryCreated => "desk-category-created",
    DeskCategoryRetired => "desk-category-retired",
    DeskImapRemoved => "desk-imap-removed",
    DeskImapSet => "desk-imap-set",
    DeskQueueChanged => "desk-queue-changed",
    DeskQueueCreated => "desk-queue-created",
    EnvironmentSet => "environment-set",
    InvitationAccepted => "invitation-accepted",
    InvitationResent => "invitation-resent",
    JobAdApproved => "job-ad-approved",
    JobAdArchive => "job-ad-archive",
    JobAdChanged => "job-ad-changed",
    JobAdClose => "job-ad-close",
    JobAdCreated => "job-ad-created",
    JobAdExtended => "job-ad-extended",
    JobAdReopened => "job-ad-reopened",
    JobAdReturned => "job-ad-returned",
    JobAdSubmitted => "job-ad-submitted",
    JobAdWithdraw => "job-ad-withdraw",
    JobmarketCredentialsCleared => "jobmarket-credentials-cleared",
    JobmarketCredentialsSet => "jobmarket-credentials-set",
    LibraryItemCopied => "library-item-copied",
    LibraryItemPublished => "library-item-published",
    LibraryItemRetired => "library-item-retired",
    LibraryVersionAdded => "library-version-added",
    MaterialAdded => "material-added",
    MaterialRemoved => "material-removed",
    MeterLoaded => "meter-loaded",
    OrganisationCreated => "organisation-created",
    OrganisationRenamed => "organisation-renamed",
    PasswordChanged => "password-changed",
    PasswordReset => "password-reset",
    PasswordResetRequested => "password-reset-requested",
    PlanAssigned => "plan-assigned",
    PlanChanged => "plan-changed",
    PlanCreated => "plan-created",
    Read => "read",
    RecruitmentLogoRemoved => "recruitment-logo-removed",
    RecruitmentLogoUploaded => "recruitment-logo-uploaded",
    RecruitmentSettingsChanged => "recruitment-settings-changed",
    RecruitmentTemplateChanged => "recruitment-template-changed",
    RecruitmentTemplateCreated => "recruitment-template-created",
    RecruitmentTemplateRetired => "recruitment-template-retired",
    RecruitmentTextChanged => "recruitment-text-changed",
    RecruitmentTextCreated => "recruitment-text-created",
    RecruitmentTextRetired => "recruitment-text-retired",
    RetentionChanged => "retention-changed",
    RetentionDeleted => "retention-deleted",
    RolesChanged => "roles-changed",
    SettingsChanged => "settings-changed",
    SetupCompleted => "setup-completed",
    SignIn => "sign-in",
    SignInFailed => "sign-in-failed",
    SignInPasswordAccepted => "sign-in-password-accepted",
    SpaceArchived => "space-archived",
    SpaceClosed => "space-closed",
    SpaceClosedIdle => "space-closed-idle",
    SpaceConsentDeclined => "space-consent-declined",
    SpaceConsentGranted => "space-consent-granted",
    SpaceConsentRevoked => "space-consent-revoked",
    SpaceDeleted => "space-deleted",
    SpaceJoined => "space-joined",
    SpaceOpened => "space-opened",
    SpaceProfessionalJoined => "space-professional-joined",
    SpaceProfessionalProposed => "space-professional-proposed",
    SpaceReopened => "space-reopened",
    SpaceTemplateCreated => "space-template-created",
    SpaceTemplateRemoved => "space-template-removed",
    SpaceTemplateUpdated => "space-template-updated",
    SsoSettingsCleared => "sso-settings-cleared",
    SsoSettingsSaved => "sso-settings-saved",
    SsoSignInRefused => "sso-sign-in-refused",
    SupportCaseOpened => "support-case-opened",
    SupportCaseReplied => "support-case-replied",
    TaskTemplateCreated => "task-template-created",
    TaskTemplateRemoved => "task-template-removed",
    TaskTemplateUpdated => "task-template-updated",
    TicketCcAdded => "ticket-cc-added",
    TicketCcRemoved => "ticket-cc-removed",
    TicketChanged => "ticket-changed",
    TicketDeleted => "ticket-deleted",
    TicketLinked => "ticket-linked",
    TicketMerged => "ticket-merged",
    TicketNoted => "ticket-noted",
    TicketReplied => "ticket-replied",
    TicketRepliedByLink => "ticket-replied-by-link",
    TicketSplit => "ticket-split",
    TicketUnlinked => "ticket-unlinked",
    TokenCreated => "token-created",
    TokenRevoked => "token-revoked",
    TotpDisabled => "totp-disabled",
    TotpEnabled => "totp-enabled",
    UnitCreated => "unit-created",
    UnitMoved => "unit-moved",
    UnitRenamed => "unit-renamed",
    UnitRestored => "unit-restored",
    UnitRetired => "unit-retired",
    UserDeactivated => "user-deactivated",
    UserInvited => "user-invited",
    UserReactivated => "user-reactivated",
    UserRemoved => "user-removed",
}

impl Action {
    /// The Fluent key of the sentence "<actor> <did what> <thing>".
    pub fn message_key(self) -> String {
        format!("audit-event-{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Action;
    use crate::i18n::Lang;

    #[test]
    fn codes_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(*a));
        }
        assert_eq!(Action::parse("no-such-action"), None);
    }

    #[test]
    fn every_action_is_said_in_words_in_every_language() {
        for a in Action::ALL {
            for lang in Lang::ALL {
                let key = a.message_key();
                let text = lang.t_args(&key, &[("actor", "Maija"), ("thing", "”X”")]);
                assert_ne!(text, key, "{lang}: {key} has no translation");
                assert!(text.starts_with("Maija ") && text.ends_with("”X”"), "{lang}: {text}");
            }
        }
    }
}
