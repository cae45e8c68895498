# Professionals of other organisations in a guidance space, with the client's consent.
error-professional-field-required = Fill in this field.
error-professional-name-too-long = The name is too long (at most 200 characters).
error-professional-purpose-too-long = The purpose is too long (at most 1 000 characters).
error-professionals-too-many = This space already has the most proposals it can keep (50).
error-space-not-open = The space is not open.
error-consent-already-decided = This request has already been answered; reload the page.
error-consent-not-live = This consent has already ended.
error-professional-link-other-person = This link is for another person. Sign in with the address the invitation was sent to.
error-professional-already-member = You are already a member of this space.
mail-professional-invite-subject = Invitation to a guidance space – { $org }
mail-professional-invite-body =
    Hello,

    A client of { $org } has consented to your joining their guidance space. Sign in to Tupa and open this link to join:

    { $link }

    The link works for { $days } days. The client can revoke the consent at any time.
mail-professional-set-password = You have no password in Tupa yet. Set one first with this link: { $link }
notice-professional-proposed = The professional was proposed. The client is asked for consent in the space.
notice-professional-consented = You consented. The professional was sent an invitation.
notice-professional-declined = You declined. The professional was not invited.
notice-professional-revoked = The consent was revoked. The professional no longer has access.
audit-space-professional-proposed = proposed a professional to a guidance space
audit-space-consent-granted = consented to a professional in a guidance space
audit-space-consent-declined = declined a professional in a guidance space
audit-space-professional-joined = joined a guidance space as a professional
audit-space-consent-revoked = revoked a professional's access to a guidance space
professionals-title = Other professionals
professionals-intro = A professional of another organisation can join the space only with the client's consent, and sees it from the moment of consent. The client can revoke the consent at any time.
professionals-none = No other professionals have been proposed.
professional-status-proposed = Waiting for the client's consent
professional-status-declined = Declined by the client
professional-status-consented = Consented, invited
professional-status-joined = Joined the space
professional-status-revoked = Consent revoked
professional-purpose = Purpose: { $purpose }
professional-consent-question = Do you consent to { $name } of { $org } joining this space? They will see what is written here from now on, not earlier.
professional-consent = I consent
professional-decline = I decline
professional-revoke = Revoke access
professional-propose = Propose a professional
professional-field-name = Professional's name
professional-field-email = Professional's email address
professional-field-organisation = Professional's organisation
professional-field-purpose = Why they should join
professional-field-purpose-hint = The client sees this when deciding.
professional-propose-submit = Ask the client for consent
professional-join-title = Join a guidance space
professional-join-intro = A client of { $org } has consented to { $name } joining their guidance space.
professional-join-from-consent = You will see the space from the moment of consent. The client can revoke the consent at any time.
professional-join-submit = Join the space
professional-join-sign-in-as = Sign in as { $email } to join.
professional-join-sign-in = Sign in
