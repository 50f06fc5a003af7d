-- Following the Plan de Acción: what the Alcaldía's staff record about each
-- milestone, the updates posted on a commitment (by the Comité de Seguimiento
-- Ciudadano or the Alcaldía), the Comité's members, and what each citizen
-- chose to follow.

-- One row per milestone that has been touched; a milestone without a row has
-- not started and is not flagged. Keyed by the plan's ids, so a new version of
-- the plan keeps the records of the milestones it keeps.
CREATE TABLE milestone_records (
    commitment_id TEXT NOT NULL,
    milestone_id  TEXT NOT NULL,
    stage         TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (stage IN ('not_started', 'in_progress', 'done')),
    -- The Comité flagged it as late (cleared when it is done).
    flagged_late  INTEGER NOT NULL DEFAULT 0,
    -- When the staff and the Comité were reminded that it is past due without
    -- news (once per milestone).
    reminded_at   TEXT,
    changed_at    TEXT NOT NULL,
    PRIMARY KEY (commitment_id, milestone_id)
) WITHOUT ROWID;

-- Every update, kept with its date. `voice` says who speaks; `author_id` (a
-- staff or Comité member's Telegram id) is kept for the record and never
-- exported or shown to citizens.
CREATE TABLE plan_updates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id TEXT NOT NULL,
    milestone_id  TEXT,
    voice         TEXT NOT NULL CHECK (voice IN ('comite', 'alcaldia')),
    -- 'note': an observation or a progress note; 'stage': a milestone moved
    -- (to `stage`); 'late': the Comité flagged a milestone as late.
    kind          TEXT NOT NULL CHECK (kind IN ('note', 'stage', 'late')),
    stage         TEXT CHECK (stage IN ('not_started', 'in_progress', 'done')),
    body          TEXT NOT NULL DEFAULT '',
    -- Evidence: a photo or a document, by its Telegram file id (never downloaded).
    media_kind    TEXT CHECK (media_kind IN ('photo', 'document')),
    file_id       TEXT,
    author_id     INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX plan_updates_by_commitment ON plan_updates (commitment_id, id);

-- Members of the Comité de Seguimiento Ciudadano, named by admins; the grants
-- and revocations go to role_log like the facilitators'.
CREATE TABLE comite_members (
    telegram_user_id INTEGER PRIMARY KEY,
    granted_by       INTEGER NOT NULL,
    granted_at       TEXT NOT NULL
);

-- What a citizen chose to follow: 'plan' (every commitment) or
-- 'c:<commitment id>'. Never a default; erased with the citizen.
CREATE TABLE follows (
    citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    target     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (citizen_id, target)
) WITHOUT ROWID;
CREATE INDEX follows_by_target ON follows (target);

-- Which role a grant or revocation was about (earlier rows: facilitators).
ALTER TABLE role_log ADD COLUMN role TEXT NOT NULL DEFAULT 'facilitator';

-- A personal broadcast: its message is written for each recipient when it is
-- sent ('plan:<version>': what became of their priorities in that version of
-- the plan). NULL for the broadcasts staff compose, which everyone gets alike.
ALTER TABLE broadcasts ADD COLUMN personal TEXT;

-- The plan's publications: citizens see /plan once one exists.
CREATE TABLE plan_publications (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL REFERENCES plan_versions (id),
    broadcast_id INTEGER REFERENCES broadcasts (id),
    published_by INTEGER NOT NULL,
    published_at TEXT NOT NULL
);

-- The news followers get, at most once a day: each follower's last update
-- sent and when. A digest's outbox row says from which update it starts.
CREATE TABLE digest_marks (
    citizen_id     INTEGER PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    last_update_id INTEGER NOT NULL,
    sent_at        TEXT NOT NULL
);
ALTER TABLE outbox ADD COLUMN since_update INTEGER;
