# Chat attachments and live insertion in a guidance space (issue 8).
space-attachments = Bilagor
space-attach-files = Bifoga filer (frivilligt)
# Announced (politely) when a new or changed item is put in place on an open space page.
space-live-task = Ny eller ändrad uppgift
space-live-link = Ny länk
space-live-summary = Ny eller redigerad mötessammanfattning
space-live-material = Nytt material
