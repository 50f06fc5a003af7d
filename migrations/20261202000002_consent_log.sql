-- Every consent decision, accept or decline, with its time and notice version
-- (the citizens table keeps only the current one). Erasing a citizen erases
-- their history too.
CREATE TABLE consent_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id     INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    accepted       INTEGER NOT NULL,
    notice_version TEXT NOT NULL,
    decided_at     TEXT NOT NULL
);
CREATE INDEX consent_log_by_citizen ON consent_log (citizen_id);

INSERT INTO consent_log (citizen_id, accepted, notice_version, decided_at)
SELECT id, consent_accepted, consent_version, consent_at FROM citizens
WHERE consent_accepted IS NOT NULL AND consent_version IS NOT NULL AND consent_at IS NOT NULL;
