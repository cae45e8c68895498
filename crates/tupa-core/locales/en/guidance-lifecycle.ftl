# The guidance-space lifecycle: the client's archive and the lifecycle notices (issue 8).
space-archive-download = Download the space (ZIP)
space-archive-hint = The file holds the conversation as a page you can open in any browser (transcript.html) and the space's files.
archive-note = A copy of your guidance space, made for you by the service.
archive-controller = Controller of your data
archive-status = State of the space
archive-opened = Opened
archive-closed = Closed
archive-made = Copy made
mail-space-idle-subject = Your guidance space closes soon – { $org }
mail-space-idle-body =
    Hello,

    You have not signed in to your guidance space at { $org } for a while, so it will close in two weeks. To keep it open, sign in:

    { $link }

    After closing you can still write in the space for three months.
mail-space-deletion-subject = Your guidance space will be deleted soon – { $org }
mail-space-deletion-body =
    Hello,

    The archive of your guidance space at { $org } will be deleted in a month. Until then you can read it and download a copy:

    { $link }
audit-space-closed-idle = closed a space for want of client sign-ins
audit-space-archived = archived a space
audit-space-deleted = deleted an archived space
audit-user-removed = removed an account not seen for 15 months
