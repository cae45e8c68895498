# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Attachments
space-attach-files = Attach files (optional)
