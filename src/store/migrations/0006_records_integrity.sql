-- Schema version 6: records a practitioner can stand behind (issue 9).
-- Each closure keeps its summary and the retention review date it set
-- (clients.retain_until holds the current one). A closure is part of the
-- record: undoing a close removes its row, as the trigger below allows.

CREATE TABLE closures (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    closed_on    TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(reason) >= 1),
    summary      TEXT NOT NULL DEFAULT '',
    retain_until TEXT,
    basis        TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX closures_client ON closures (client_id);
CREATE INDEX clients_retain_until ON clients (retain_until) WHERE retain_until IS NOT NULL;

CREATE TRIGGER closures_undo_insert AFTER INSERT ON closures
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('closures', NEW.id, 'insert', NULL);
END;
