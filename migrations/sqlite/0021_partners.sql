-- Promotion of the network: the call's institutional partners, managed by the steering group
-- and listed on /partenaires; and the point a pole proposes for itself on the map, carried by
-- its versions so that it goes live, like its public content, once the steering group
-- publishes the version. Same schema as migrations/postgres/0021_partners.sql.

CREATE TABLE partners (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id),
    name TEXT NOT NULL,
    -- etat, etablissement-public, collectivite, financeur, autre (src/domain/partner.rs).
    kind TEXT NOT NULL,
    -- A full http(s) address, or ''.
    website TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX partners_call ON partners (call_id, kind, name);

-- The point a version places the pole at; NULL: its lead commune's.
ALTER TABLE pole_versions ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE pole_versions ADD COLUMN longitude DOUBLE PRECISION;
