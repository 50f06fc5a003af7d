-- The consultation, its pillars and proposals (loaded from a catalog file),
-- the citizens who take part, their ballots, and persisted dialogue state.

CREATE TABLE consultation (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    id              TEXT NOT NULL,
    title           TEXT NOT NULL,
    city            TEXT NOT NULL,
    opens_at        TEXT,
    closes_at       TEXT,
    max_priorities  INTEGER NOT NULL CHECK (max_priorities BETWEEN 1 AND 10),
    data_controller TEXT,
    privacy_contact TEXT,
    updated_at      TEXT NOT NULL
);

CREATE TABLE pillars (
    key        TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    summary    TEXT NOT NULL,
    name_en    TEXT,
    summary_en TEXT
);

CREATE TABLE proposals (
    id           TEXT PRIMARY KEY,
    pillar       TEXT NOT NULL REFERENCES pillars (key),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    title_en     TEXT,
    text         TEXT NOT NULL,
    problem      TEXT,
    source       TEXT NOT NULL,
    withdrawn_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX proposals_by_pillar ON proposals (pillar, position);

CREATE TABLE citizens (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_user_id INTEGER NOT NULL UNIQUE,
    language         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    consent_accepted INTEGER,
    consent_version  TEXT,
    consent_at       TEXT,
    localidad        TEXT,
    sector           TEXT,
    age_range        TEXT
);

-- One ballot per citizen per pillar; its ranked choices live in ballot_choices.
CREATE TABLE ballots (
    citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    pillar     TEXT NOT NULL REFERENCES pillars (key),
    cast_at    TEXT NOT NULL,
    PRIMARY KEY (citizen_id, pillar)
);

CREATE TABLE ballot_choices (
    citizen_id  INTEGER NOT NULL,
    pillar      TEXT NOT NULL,
    rank        INTEGER NOT NULL CHECK (rank >= 1),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    PRIMARY KEY (citizen_id, pillar, rank),
    UNIQUE (citizen_id, pillar, proposal_id),
    FOREIGN KEY (citizen_id, pillar) REFERENCES ballots (citizen_id, pillar) ON DELETE CASCADE
);
CREATE INDEX ballot_choices_by_proposal ON ballot_choices (proposal_id, rank);

CREATE TABLE dialogues (
    chat_id    INTEGER PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
