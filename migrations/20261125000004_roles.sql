-- Facilitators granted by admins in the chat (admins themselves come from the
-- configuration), and the record of every grant and revocation.

CREATE TABLE facilitators (
    telegram_user_id INTEGER PRIMARY KEY,
    granted_by       INTEGER NOT NULL,
    granted_at       TEXT NOT NULL
);

CREATE TABLE role_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id  INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
    at        TEXT NOT NULL
);
