-- What the case trail and the leak check look things up by.

-- Identifiers named by stored entities (their ids, and attribute values such as emails), in
-- the canonical form inspection extracts from text, with the customer each belongs to.
CREATE TABLE entity_identifiers (
    tenant      TEXT NOT NULL REFERENCES tenants (id),
    identifier  TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    owner       TEXT,
    PRIMARY KEY (tenant, identifier, entity_type, entity_id)
);
CREATE INDEX entity_identifiers_lookup ON entity_identifiers (identifier);
CREATE INDEX entity_identifiers_entity ON entity_identifiers (tenant, entity_type, entity_id);

-- Records of one kind (policy loads, entity writes) for the case trail.
CREATE INDEX audit_records_kind ON audit_records (kind, seq);
