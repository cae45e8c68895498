# Editing task and space templates (issue 8).
template-edit = Edit
template-save = Save changes
notice-template-updated = The changes to the template were saved.
audit-task-template-updated = edited a task template
audit-space-template-updated = edited a space template
