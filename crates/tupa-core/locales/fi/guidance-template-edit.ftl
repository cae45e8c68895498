# Editing task and space templates (issue 8).
template-edit = Muokkaa
template-save = Tallenna muutokset
notice-template-updated = Pohjan muutokset tallennettiin.
audit-task-template-updated = muokkasi tehtäväpohjaa
audit-space-template-updated = muokkasi tilapohjaa
