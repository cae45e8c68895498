-- Data subject requests (GDPR articles 15–18): a person asks the controller (the
-- organisation) for access, rectification, erasure or restriction. Each request is a case
-- with a case number (a desk ticket when the plan has the desk) and the legal deadline.

CREATE TABLE data_requests (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    case_number TEXT NOT NULL UNIQUE,
    -- access, rectification, erasure, restriction (data_requests::Kind)
    kind TEXT NOT NULL,
    -- open, done (data_requests::Status)
    status TEXT NOT NULL,
    -- The address the person's data is filed under (lower-case), and/or their account.
    email TEXT,
    person_id TEXT,
    -- web-email (confirmed link), web-signed-in (strong identification or sign-in), staff
    channel TEXT NOT NULL,
    -- The person's own words about the request (may be empty).
    details TEXT NOT NULL,
    lang TEXT NOT NULL,
    -- The desk ticket of the case, when the plan has the desk.
    ticket_id TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    -- One month from receipt; two more when extended (the reason is mailed to the person).
    due_at BIGINT NOT NULL,
    extended_at BIGINT,
    extension_reason TEXT,
    done_at BIGINT,
    done_by TEXT,
    -- JSON of data_requests::Outcome: what was done, erased and kept (with the rule).
    outcome TEXT,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX data_requests_id ON data_requests (id);
CREATE INDEX data_requests_queue ON data_requests (org_id, status, due_at);

-- A request made on the public page waits here until the link mailed to the address is
-- followed; only the link's digest is kept.
CREATE TABLE data_request_confirmations (
    token_hash TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    email TEXT NOT NULL,
    details TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    request_id TEXT
);
CREATE INDEX data_request_confirmations_org ON data_request_confirmations (org_id, created_at);

-- Restricted processing (article 18): the person's data under this address stays, but is
-- not processed further until the restriction is lifted.
CREATE TABLE data_restrictions (
    org_id TEXT NOT NULL,
    email TEXT NOT NULL,
    request_id TEXT NOT NULL,
    since BIGINT NOT NULL,
    PRIMARY KEY (org_id, email)
);
