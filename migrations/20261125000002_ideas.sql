-- Citizens' own ideas, their moderation, and the proposals they become.

-- Where a proposal comes from: the catalog file, or an idea promoted into the ballot.
-- Catalog imports only ever touch catalog proposals.
ALTER TABLE proposals ADD COLUMN origin TEXT NOT NULL DEFAULT 'catalog' CHECK (origin IN ('catalog', 'idea'));

CREATE TABLE ideas (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL once the author erased their data but the idea lives on in the ballot.
    citizen_id    INTEGER REFERENCES citizens (id) ON DELETE SET NULL,
    pillar        TEXT NOT NULL REFERENCES pillars (key),
    kind          TEXT NOT NULL CHECK (kind IN ('text', 'voice', 'photo')),
    -- The idea as written (text), or the caption (photo); NULL for voice.
    body          TEXT,
    -- Lower-cased, accent-free, single-spaced body: duplicate detection.
    normalized    TEXT,
    problem       TEXT,
    file_id       TEXT,
    duration_secs INTEGER,
    transcription TEXT,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'promoted', 'merged', 'rejected')),
    reason        TEXT,
    merged_into   TEXT REFERENCES proposals (id),
    promoted_as   TEXT REFERENCES proposals (id),
    created_at    TEXT NOT NULL,
    decided_at    TEXT
);
CREATE INDEX ideas_by_status ON ideas (status, id);
CREATE INDEX ideas_by_citizen ON ideas (citizen_id, created_at);

-- Every moderation decision and transcription: who, when, which idea, what, why.
-- No foreign key: the record outlives an idea erased at its author's request.
CREATE TABLE moderation_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id      INTEGER NOT NULL,
    moderator_id INTEGER NOT NULL,
    action       TEXT NOT NULL,
    reason       TEXT,
    detail       TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX moderation_log_by_idea ON moderation_log (idea_id);
