-- Every update received from Telegram (by long polling or by webhook) is stored
-- here, in one transaction per batch, before it is confirmed to Telegram. An
-- update is handled from this table and marked done in the same transaction as
-- its effect (a ballot, an idea), or right after handling when it has none.
-- Pending rows (done_at IS NULL) are handled first on start, in order per chat.
-- Done rows are kept a week so an update Telegram delivers again is recognised,
-- then pruned on a schedule.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    chat_id     INTEGER,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    done_at     TEXT
);
CREATE INDEX inbox_pending ON inbox (update_id) WHERE done_at IS NULL;
CREATE INDEX inbox_done_at ON inbox (done_at) WHERE done_at IS NOT NULL;

-- Handled updates recorded by earlier versions stay recognised.
INSERT INTO inbox (update_id, chat_id, kind, payload, received_at, done_at)
SELECT update_id, NULL, 'unknown', '{}', handled_at, handled_at FROM processed_updates;
DROP TABLE processed_updates;

-- Charts sent by /resultados, re-sent by Telegram file id while nothing changed.
CREATE TABLE chart_cache (
    cache_key  TEXT PRIMARY KEY,
    file_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
