-- Broadcasts to participants: the message, its audience, and an outbox with one
-- row per recipient that a single worker drains. Citizens may mute broadcasts;
-- those who blocked the bot are marked unreachable and left out.

ALTER TABLE citizens ADD COLUMN muted_at TEXT;
ALTER TABLE citizens ADD COLUMN unreachable_at TEXT;

CREATE TABLE broadcasts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    -- A staff member's Telegram id (staff are configured or granted by id).
    created_by          INTEGER NOT NULL,
    -- The sender's language, for the progress message and the report.
    language            TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    -- The text, or the caption of a photo or document.
    body                TEXT NOT NULL DEFAULT '',
    -- Telegram formatting of `body`, as the Bot API's JSON array of entities.
    entities            TEXT,
    file_id             TEXT,
    audience            TEXT NOT NULL DEFAULT 'all',
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'queued', 'done', 'cancelled')),
    total               INTEGER NOT NULL DEFAULT 0,
    progress_chat_id    INTEGER,
    progress_message_id INTEGER,
    created_at          TEXT NOT NULL,
    queued_at           TEXT,
    finished_at         TEXT,
    cancelled_by        INTEGER
);

CREATE TABLE outbox (
    broadcast_id    INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    -- Erasing a citizen's data removes their pending deliveries too.
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unreachable', 'skipped', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Unix milliseconds before which a retry must not be attempted.
    next_attempt_ms INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    updated_at      TEXT,
    PRIMARY KEY (broadcast_id, citizen_id)
) WITHOUT ROWID;
CREATE INDEX outbox_by_status ON outbox (broadcast_id, status, next_attempt_ms);
CREATE INDEX outbox_by_citizen ON outbox (citizen_id);
