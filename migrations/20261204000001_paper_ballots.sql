-- Paper ballots from in-person voting points ("mesas presenciales"). One row per
-- sheet, and one sheet is one pillar's ballot: the sheet's number is unique per
-- voting point, so a sheet can never be counted twice. No voter identity is
-- stored: only what the sheet records (optional localidad, sector, age range).
-- Who entered it lives in paper_log, never in the ballot rows the exports read.

CREATE TABLE paper_ballots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    voting_point TEXT NOT NULL,
    sheet        INTEGER NOT NULL CHECK (sheet >= 1),
    pillar       TEXT NOT NULL REFERENCES pillars (key),
    localidad    TEXT,
    sector       TEXT,
    age_range    TEXT,
    -- 'chat' (/papeleta) or 'import' (consulta papeletas import).
    source       TEXT NOT NULL CHECK (source IN ('chat', 'import')),
    entered_at   TEXT NOT NULL,
    UNIQUE (voting_point, sheet)
);

CREATE TABLE paper_choices (
    ballot_id   INTEGER NOT NULL REFERENCES paper_ballots (id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL CHECK (rank >= 1),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    PRIMARY KEY (ballot_id, rank),
    UNIQUE (ballot_id, proposal_id)
);
CREATE INDEX paper_choices_by_proposal ON paper_choices (proposal_id, rank);

-- Every entry, undo and import: who (a staff member's Telegram id, or the
-- operator's account for the command line), when, and what.
CREATE TABLE paper_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    action       TEXT NOT NULL CHECK (action IN ('enter', 'undo', 'import')),
    staff_id     INTEGER,
    operator     TEXT,
    voting_point TEXT,
    sheet        INTEGER,
    pillar       TEXT,
    -- The ballot entered or undone (kept after an undo deletes it), or NULL.
    ballot_id    INTEGER,
    -- The choices in order (enter, undo), or the file and how many rows (import).
    detail       TEXT NOT NULL,
    at           TEXT NOT NULL,
    CHECK (staff_id IS NOT NULL OR operator IS NOT NULL)
);
CREATE INDEX paper_log_by_staff ON paper_log (staff_id, id);
