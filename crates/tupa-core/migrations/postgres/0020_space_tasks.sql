-- Tasks in guidance spaces, and the organisation's task and space templates (issue 8).
-- Tenant-owned tables carry org_id first in their primary key; ids are UUIDv7 text.

-- A task the counsellor gives to the client of a space: written on the spot or copied from
-- a task template (the copy stays as it was even if the template changes later).
CREATE TABLE space_tasks (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    title TEXT NOT NULL,
    instructions TEXT NOT NULL,
    -- The due date as a calendar date (YYYY-MM-DD, Finnish time), if any.
    due_on TEXT,
    -- open, answered, done (guidance::tasks::TaskStatus)
    status TEXT NOT NULL,
    -- The task template it was made from, if any.
    template_id TEXT,
    -- The client's free-text answer, if any.
    answer TEXT,
    answered_at BIGINT,
    done_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX space_tasks_id ON space_tasks (id);
CREATE INDEX space_tasks_space ON space_tasks (org_id, space_id, created_at);

-- The comment thread of a task: the counsellor and the client both write in it.
CREATE TABLE space_task_comments (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    author_user_id TEXT NOT NULL,
    -- The author's name as it was shown when written.
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_task_comments_task ON space_task_comments (org_id, task_id, created_at);

-- Tasks an organisation gives often, kept for counsellors to use. A removed template is
-- retired (tasks made from it keep their own copy).
CREATE TABLE task_templates (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    instructions TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

-- A way to start a space: its default title, a welcome text posted as the counsellor's first
-- message, and task templates that become the space's first tasks.
CREATE TABLE space_templates (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    welcome TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

-- The task templates of a space template, in order.
CREATE TABLE space_template_tasks (
    org_id TEXT NOT NULL,
    space_template_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    task_template_id TEXT NOT NULL,
    PRIMARY KEY (org_id, space_template_id, position)
);
