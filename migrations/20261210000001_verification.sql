-- Optional verified phones (CONSULTA_VERIFICATION=phone): the keyed hash of the
-- number a citizen shared, never the number, and when it was verified.
ALTER TABLE citizens ADD COLUMN phone_hash TEXT;
ALTER TABLE citizens ADD COLUMN verified_at TEXT;
CREATE INDEX citizens_by_phone_hash ON citizens (phone_hash) WHERE phone_hash IS NOT NULL;

-- The country codes a verified number may have, from the catalog ("+57"), comma-separated.
ALTER TABLE consultation ADD COLUMN phone_prefixes TEXT NOT NULL DEFAULT '';

-- One ballot per pillar per verified number: a ballot of an account whose number
-- another account already voted with in that pillar is refused, inside the
-- transaction that casts it, whatever wrote it.
CREATE TRIGGER ballots_one_per_number BEFORE INSERT ON ballots
WHEN (SELECT phone_hash FROM citizens WHERE id = NEW.citizen_id) IS NOT NULL
 AND EXISTS (
    SELECT 1 FROM citizens other
      JOIN ballots b ON b.citizen_id = other.id AND b.pillar = NEW.pillar
     WHERE other.phone_hash = (SELECT phone_hash FROM citizens WHERE id = NEW.citizen_id)
       AND other.id <> NEW.citizen_id)
BEGIN
    SELECT RAISE(ABORT, 'consulta: number already voted in this pillar');
END;
