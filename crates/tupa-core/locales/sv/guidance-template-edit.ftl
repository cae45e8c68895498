# Editing task and space templates (issue 8).
template-edit = Redigera
template-save = Spara ändringarna
notice-template-updated = Ändringarna i mallen sparades.
audit-task-template-updated = redigerade en uppgiftsmall
audit-space-template-updated = redigerade en rumsmall
