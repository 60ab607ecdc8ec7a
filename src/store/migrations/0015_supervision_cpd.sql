-- Schema version 15: the practitioner's own records.
--  * Case supervision belongs on the client's record: it is a note of kind
--    'supervision' (so the chronology, exports, the SAR and the seal treat it
--    as any note), its parts kept here for listing and the paste pack, and
--    its actions are ordinary actions with an owner and the note they came
--    from. Once the note is final its parts never change either.
--  * CPD and reflective entries are never tied to a client: no client_id,
--    and the JSON export leaves the table out (see store/dump.rs).

ALTER TABLE actions ADD COLUMN owner TEXT;
ALTER TABLE actions ADD COLUMN note_id INTEGER REFERENCES notes (id);

CREATE TABLE supervisions (
    note_id     INTEGER PRIMARY KEY REFERENCES notes (id),
    supervisor  TEXT NOT NULL CHECK (length(supervisor) BETWEEN 1 AND 200),
    decisions   TEXT NOT NULL DEFAULT '[]',
    discussion  TEXT NOT NULL DEFAULT '',
    next_review TEXT
);
CREATE TRIGGER supervisions_final_immutable BEFORE UPDATE ON supervisions
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a final supervision record cannot be changed');
END;
CREATE TRIGGER supervisions_final_undeletable BEFORE DELETE ON supervisions
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a final supervision record cannot be deleted');
END;
CREATE TRIGGER supervisions_undo_insert AFTER INSERT ON supervisions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('supervisions', NEW.note_id, 'insert', NULL);
END;

CREATE TABLE cpd_entries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL CHECK (length(title) >= 1),
    on_day          TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    learning        TEXT NOT NULL DEFAULT '',
    impact          TEXT NOT NULL DEFAULT '',
    peer_reflection TEXT,
    standards       TEXT NOT NULL DEFAULT '[]',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX cpd_entries_day ON cpd_entries (on_day);

-- The due list reads open actions from one index holding every column it
-- shows; the owner is now one of them.
DROP INDEX actions_open_by_due;
CREATE INDEX actions_open_by_due ON actions (due, client_id, what, owner)
    WHERE done_on IS NULL AND due IS NOT NULL;
