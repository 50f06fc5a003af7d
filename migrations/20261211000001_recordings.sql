-- Voice notes that read a text aloud, recorded by facilitators with /grabar: the
-- welcome, a pillar's summary, or a proposal, in one language. Only Telegram's
-- file id is kept (the audio itself is never downloaded); recording again
-- replaces it.
CREATE TABLE recordings (
    target      TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('es', 'en')),
    file_id     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (target, lang)
) WITHOUT ROWID;
