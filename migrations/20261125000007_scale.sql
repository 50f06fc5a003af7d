-- Indexes for the figures staff ask for at scale (tally, /avance), and a
-- version number of the catalog that every change bumps (from this process or
-- another, such as `consulta catalog import`), so the bot can keep the catalog
-- in memory and reload it only when it changed.

CREATE INDEX ballots_by_pillar ON ballots (pillar);
CREATE INDEX ballots_by_cast_at ON ballots (cast_at);
CREATE INDEX citizens_by_consent_at ON citizens (consent_at) WHERE consent_accepted = 1;

CREATE TABLE catalog_version (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version   INTEGER NOT NULL
);
INSERT INTO catalog_version (singleton, version) VALUES (1, 1);

CREATE TRIGGER consultation_insert_bumps_catalog AFTER INSERT ON consultation
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER consultation_update_bumps_catalog AFTER UPDATE ON consultation
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER consultation_delete_bumps_catalog AFTER DELETE ON consultation
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER pillars_insert_bumps_catalog AFTER INSERT ON pillars
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER pillars_update_bumps_catalog AFTER UPDATE ON pillars
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER pillars_delete_bumps_catalog AFTER DELETE ON pillars
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER proposals_insert_bumps_catalog AFTER INSERT ON proposals
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER proposals_update_bumps_catalog AFTER UPDATE ON proposals
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER proposals_delete_bumps_catalog AFTER DELETE ON proposals
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER phase_override_insert_bumps_catalog AFTER INSERT ON phase_override
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER phase_override_update_bumps_catalog AFTER UPDATE ON phase_override
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER phase_override_delete_bumps_catalog AFTER DELETE ON phase_override
BEGIN UPDATE catalog_version SET version = version + 1; END;
