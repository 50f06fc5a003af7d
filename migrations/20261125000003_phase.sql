-- Admins' control of the phase: dates that override the catalog's (a catalog
-- import never touches them), and the record of every change.

CREATE TABLE phase_override (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    opens_at   TEXT,
    closes_at  TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE phase_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id INTEGER NOT NULL,
    action   TEXT NOT NULL,
    opens_at TEXT,
    closes_at TEXT,
    at       TEXT NOT NULL
);
