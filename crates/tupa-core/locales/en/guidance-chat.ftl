# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Attachments
space-attach-files = Attach files (optional)
# Announced (politely) when a new or changed item is put in place on an open space page.
space-live-task = New or changed task
space-live-link = New link
space-live-summary = New or edited meeting summary
space-live-material = New material
