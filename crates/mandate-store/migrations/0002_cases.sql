-- Cases and what hangs off them: entities, actions, approvals, credentials.

CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    tenant            TEXT NOT NULL REFERENCES tenants (id),
    agent             TEXT NOT NULL REFERENCES agents (id),
    customer_id       TEXT NOT NULL,
    customer_verified BIGINT NOT NULL,
    channel           TEXT NOT NULL,
    state             TEXT NOT NULL,
    opened_at_ms      BIGINT NOT NULL,
    closed_at_ms      BIGINT,
    resolution        TEXT
);
CREATE INDEX cases_tenant ON cases (tenant, opened_at_ms);
CREATE INDEX cases_agent ON cases (agent, state);

-- Tenant-scoped entities in Cedar's explicit JSON form. The key includes the tenant, so the
-- same uid in two tenants is two unrelated entities.
CREATE TABLE entities (
    tenant        TEXT NOT NULL REFERENCES tenants (id),
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    body          TEXT NOT NULL,
    schema_hash   TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    PRIMARY KEY (tenant, entity_type, entity_id)
);

CREATE TABLE actions (
    id            TEXT PRIMARY KEY,
    tenant        TEXT NOT NULL REFERENCES tenants (id),
    case_id       TEXT NOT NULL REFERENCES cases (id),
    agent         TEXT NOT NULL REFERENCES agents (id),
    action        TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id   TEXT NOT NULL,
    args          TEXT NOT NULL,
    args_sha256   TEXT NOT NULL,
    reason        TEXT,
    decision      TEXT NOT NULL,
    reasons       TEXT NOT NULL,
    policies      TEXT NOT NULL,
    policy_hash   TEXT NOT NULL,
    status        TEXT NOT NULL,
    approval_id   TEXT,
    created_at_ms BIGINT NOT NULL,
    result        TEXT,
    result_at_ms  BIGINT
);
CREATE INDEX actions_case ON actions (case_id, created_at_ms);

CREATE TABLE approvals (
    id               TEXT PRIMARY KEY,
    tenant           TEXT NOT NULL REFERENCES tenants (id),
    case_id          TEXT NOT NULL REFERENCES cases (id),
    kind             TEXT NOT NULL,
    role             TEXT NOT NULL,
    amount           BIGINT,
    subject          TEXT NOT NULL,
    subject_sha256   TEXT NOT NULL,
    status           TEXT NOT NULL,
    requested_at_ms  BIGINT NOT NULL,
    expires_at_ms    BIGINT NOT NULL,
    decided_by       TEXT,
    decided_at_ms    BIGINT,
    decision_reason  TEXT
);
CREATE INDEX approvals_queue ON approvals (tenant, status, requested_at_ms);
CREATE INDEX approvals_case ON approvals (case_id);

-- Issued credentials (never the token itself): what introspection and revocation look at.
CREATE TABLE credentials (
    jti           TEXT PRIMARY KEY,
    tenant        TEXT NOT NULL REFERENCES tenants (id),
    case_id       TEXT NOT NULL REFERENCES cases (id),
    agent         TEXT NOT NULL REFERENCES agents (id),
    action_id     TEXT NOT NULL REFERENCES actions (id),
    kid           TEXT NOT NULL,
    claims        TEXT NOT NULL,
    issued_at_ms  BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    revoked_at_ms BIGINT
);
CREATE INDEX credentials_case ON credentials (case_id);
CREATE INDEX credentials_agent ON credentials (agent);
CREATE INDEX credentials_action ON credentials (action_id);
