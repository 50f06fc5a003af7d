-- The Plan de Acción and its reasoned response, one row per imported version.
-- `content` is the whole checked plan as JSON; the newest row is the plan in
-- force, the earlier ones its history. Importing what is already in force adds
-- no row.
CREATE TABLE plan_versions (
    id          INTEGER PRIMARY KEY,
    content     TEXT NOT NULL,
    -- 'plan' (a plan file) or 'respuestas' (the answers spreadsheet).
    origin      TEXT NOT NULL CHECK (origin IN ('plan', 'respuestas')),
    -- The imported file's name, and who imported it (`cli:<user>`).
    source      TEXT NOT NULL,
    operator    TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
