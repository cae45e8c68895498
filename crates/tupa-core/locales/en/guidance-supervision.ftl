# The supervisor's view of guidance spaces: figures only, no conversation content.
tab-supervision = Supervision
supervision-title = Guidance spaces: supervision
supervision-intro = The guidance spaces you supervise, as figures. Titles, clients' details and everything written in the spaces are not shown.
supervision-none = There are no guidance spaces to show.
supervision-caption = Spaces, newest activity first
supervision-reference = Space
supervision-status = Status
supervision-counsellors = Counsellors
supervision-opened = Opened
supervision-closed = Closed
supervision-last-activity = Last activity
supervision-tasks = Tasks
supervision-meter = Life-situation meter (first → latest)
supervision-task-counts = { $given } given, { $done } done, { $overdue } overdue
supervision-meter-answers = { $count } answers
