-- Foundation: tenants, operators, agents, tokens, signing keys and the audit log.
-- One dialect for SQLite and PostgreSQL: BIGINT, TEXT, times in Unix milliseconds, booleans as
-- 0/1, JSON as TEXT.

CREATE TABLE tenants (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

CREATE TABLE operators (
    id             TEXT PRIMARY KEY,
    tenant         TEXT REFERENCES tenants (id),
    name           TEXT NOT NULL,
    roles          TEXT NOT NULL,
    approval_limit BIGINT,
    platform_admin BIGINT NOT NULL DEFAULT 0,
    created_at_ms  BIGINT NOT NULL
);
CREATE INDEX operators_tenant ON operators (tenant);

CREATE TABLE agents (
    id                   TEXT PRIMARY KEY,
    tenant               TEXT NOT NULL REFERENCES tenants (id),
    name                 TEXT NOT NULL,
    owner                TEXT NOT NULL REFERENCES operators (id),
    purpose              TEXT NOT NULL,
    actions              TEXT NOT NULL,
    closure_authority    TEXT NOT NULL,
    review_interval_days BIGINT NOT NULL,
    status               TEXT NOT NULL,
    created_at_ms        BIGINT NOT NULL,
    last_review_at_ms    BIGINT NOT NULL
);
CREATE INDEX agents_tenant ON agents (tenant);

-- Bearer tokens: only a digest of the secret is kept.
CREATE TABLE tokens (
    id             TEXT PRIMARY KEY,
    principal_kind TEXT NOT NULL,
    principal_id   TEXT NOT NULL,
    secret_digest  TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    revoked_at_ms  BIGINT
);
CREATE INDEX tokens_principal ON tokens (principal_id);

-- Public halves of signing keys; private halves live in files under each replica's data dir.
CREATE TABLE signing_keys (
    kid           TEXT PRIMARY KEY,
    purpose       TEXT NOT NULL,
    public_key    TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    retired_at_ms BIGINT
);

-- The head of the log: one row, locked by every append so that sequence numbers are assigned
-- in commit order, without gaps, across every process sharing the database.
CREATE TABLE audit_head (
    id                  BIGINT PRIMARY KEY CHECK (id = 1),
    seq                 BIGINT NOT NULL,
    hash                TEXT NOT NULL,
    time_ms             BIGINT NOT NULL,
    last_checkpoint_seq BIGINT NOT NULL
);
INSERT INTO audit_head (id, seq, hash, time_ms, last_checkpoint_seq)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);

CREATE TABLE audit_records (
    seq          BIGINT PRIMARY KEY,
    time_ms      BIGINT NOT NULL,
    tenant       TEXT,
    actor_type   TEXT NOT NULL,
    actor_id     TEXT,
    case_id      TEXT,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_records_case ON audit_records (case_id, seq);
CREATE INDEX audit_records_tenant ON audit_records (tenant, seq);

CREATE TABLE audit_checkpoints (
    seq       BIGINT PRIMARY KEY,
    hash      TEXT NOT NULL,
    time_ms   BIGINT NOT NULL,
    kid       TEXT NOT NULL,
    signature TEXT NOT NULL
);
