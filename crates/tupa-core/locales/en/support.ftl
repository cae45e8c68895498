# Operator services (issue 13): an organisation's own support cases with the operator, and
# the citizen's private case link.
nav-support = Support
mail-ack-case-link = You can follow your case and answer it without signing in at: { $link }
    The link works only for this case and stops working 30 days after the case is closed. Do not share it.
error-support-organisation-required = Choose the organisation the case is for.
error-support-subject-required = Write a subject for the case.
error-support-case-closed = This case is closed. Please open a new case.
support-title = Support cases
support-intro = Your organisation's cases with the service's support. Support answers on weekdays 9–15.
support-cases-heading = Cases
support-none = No cases yet.
support-expected = Expected answer by
support-expected-none = –
support-new-heading = Open a new case
support-one-question = One question per case, please: it is answered faster, and each question keeps its own case number.
support-label-organisation = Organisation
support-hint-subject = A short description of the question.
support-send = Send to support
support-conversation = Conversation
support-from-desk = Support
support-from-you = You
support-reply-heading = Reply
support-reply-label = Your reply
support-reply-send = Send reply
support-back = All support cases
support-hours-note = Answer times are counted in support hours: weekdays 9–15, public holidays excluded.
support-closed-note = This case is closed.
notice-support-opened = The case was sent to support. A confirmation with the case number is on its way by email.
notice-support-replied = Your reply was added to the case.
case-own-title = Your case { $case }
case-own-intro = Here you can see the messages of your case and answer them. Only this case can be seen with this link.
case-own-closed = This case is closed. To ask { $org } something new, use the contact form.
case-own-contact-again = Contact form
