-- Text typed into a form (a new client, a care plan review, a deadline, …)
-- and not yet saved, kept within a second or two of typing as a note's
-- draft is, so a crash, a kill or a flat battery loses nothing. One row per
-- form and what it is for; removed when the form is saved or left on
-- purpose, and offered back when the same form is opened again. Scratch,
-- not the record: no audit entry, no undo.
CREATE TABLE form_drafts (
    key      TEXT PRIMARY KEY,   -- which form, for what: e.g. 'plan-review:3'
    fields   TEXT NOT NULL,      -- JSON: each field's text, choice and tick
    saved_at TEXT NOT NULL
);
