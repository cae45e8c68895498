# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Liitteet
space-attach-files = Liitä tiedostoja (vapaaehtoinen)
