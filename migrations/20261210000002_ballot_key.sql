-- Each virtual ballot's choices in rank order ("T04,T01,T09"), kept by triggers
-- in the same transaction as the choices themselves, and indexed with the pillar:
-- the integrity report groups 400,000 ballots by pillar and choices by reading
-- this index in order instead of pivoting 1.2 million choices and sorting them.
-- The tally, the exports and the report still count the choices.
--
-- Written for every SQLite a technician may open the file with (no
-- `group_concat(... ORDER BY ...)`, which needs 3.44): one lookup per rank, up
-- to the 10 a catalog allows, joined by commas, the empty ranks trimmed.
ALTER TABLE ballots ADD COLUMN choices TEXT NOT NULL DEFAULT '';

UPDATE ballots SET choices = rtrim(
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 1), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 2), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 3), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 4), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 5), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 6), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 7), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 8), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 9), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = ballots.citizen_id AND pillar = ballots.pillar AND rank = 10), ''), ',');

CREATE TRIGGER ballot_choices_insert_key AFTER INSERT ON ballot_choices
BEGIN
    UPDATE ballots SET choices = rtrim(
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 1), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 2), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 3), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 4), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 5), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 6), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 7), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 8), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 9), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 10), ''), ',')
     WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar;
END;

CREATE TRIGGER ballot_choices_delete_key AFTER DELETE ON ballot_choices
BEGIN
    UPDATE ballots SET choices = rtrim(
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 1), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 2), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 3), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 4), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 5), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 6), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 7), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 8), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 9), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 10), ''), ',')
     WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar;
END;

CREATE TRIGGER ballot_choices_update_key AFTER UPDATE ON ballot_choices
BEGIN
    UPDATE ballots SET choices = rtrim(
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 1), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 2), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 3), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 4), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 5), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 6), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 7), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 8), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 9), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar AND rank = 10), ''), ',')
     WHERE citizen_id = OLD.citizen_id AND pillar = OLD.pillar;
    UPDATE ballots SET choices = rtrim(
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 1), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 2), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 3), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 4), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 5), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 6), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 7), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 8), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 9), '') || ',' ||
        coalesce((SELECT proposal_id FROM ballot_choices WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar AND rank = 10), ''), ',')
     WHERE citizen_id = NEW.citizen_id AND pillar = NEW.pillar;
END;

CREATE INDEX ballots_by_choices ON ballots (pillar, choices, cast_at, citizen_id);
