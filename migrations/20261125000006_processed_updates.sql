-- Telegram updates already handled, so one delivered twice (after a crash, or
-- by Telegram itself) acts once. Written in the same transaction as the
-- update's effect where there is one, otherwise right after handling it.
CREATE TABLE processed_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at TEXT NOT NULL
);
