-- A minor's statement that a parent or guardian authorised their participation
-- (Decreto 1377 de 2013, art. 12), kept with the consent it completes.
ALTER TABLE citizens ADD COLUMN guardian_attested_at TEXT;
ALTER TABLE consent_log ADD COLUMN guardian_attested INTEGER NOT NULL DEFAULT 0;
