# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Bilagor
space-attach-files = Bifoga filer (frivilligt)
