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

-- Times with their UTC offset. Stored times keep the local wall-clock text
-- they always had (the seals and date ranges read it); beside each, the
-- offset in force then ("+01:00"), so every time is one exact instant:
-- occurred_at is the local time the practitioner gave with its offset (in
-- the hour the clocks go back, the offset says which 01:30), and the
-- program's stamps (written, finalised, audit) likewise. Existing rows get
-- the offset of this machine's time zone at their wall time.
ALTER TABLE notes ADD COLUMN occurred_offset TEXT;
ALTER TABLE notes ADD COLUMN written_offset TEXT;
ALTER TABLE notes ADD COLUMN finalised_offset TEXT;
ALTER TABLE addenda ADD COLUMN written_offset TEXT;
ALTER TABLE audit ADD COLUMN at_offset TEXT;

-- Filling them is the one change ever made to final notes and addenda:
-- their guards (and the undo journal) step aside for it and come back
-- exactly as they were; the sealed text is untouched.
DROP TRIGGER notes_final_immutable;
DROP TRIGGER addenda_immutable;
DROP TRIGGER notes_undo_update;
DROP TRIGGER notes_undo_delete;
UPDATE notes SET
    occurred_offset = printf('%+03d:%02d', CAST(round((julianday(occurred_at) - julianday(occurred_at, 'utc')) * 1440) AS INTEGER) / 60, abs(CAST(round((julianday(occurred_at) - julianday(occurred_at, 'utc')) * 1440) AS INTEGER) % 60)),
    written_offset = printf('%+03d:%02d', CAST(round((julianday(written_at) - julianday(written_at, 'utc')) * 1440) AS INTEGER) / 60, abs(CAST(round((julianday(written_at) - julianday(written_at, 'utc')) * 1440) AS INTEGER) % 60)),
    finalised_offset = CASE WHEN finalised_at IS NULL THEN NULL ELSE printf('%+03d:%02d', CAST(round((julianday(finalised_at) - julianday(finalised_at, 'utc')) * 1440) AS INTEGER) / 60, abs(CAST(round((julianday(finalised_at) - julianday(finalised_at, 'utc')) * 1440) AS INTEGER) % 60)) END;
UPDATE addenda SET written_offset = printf('%+03d:%02d', CAST(round((julianday(written_at) - julianday(written_at, 'utc')) * 1440) AS INTEGER) / 60, abs(CAST(round((julianday(written_at) - julianday(written_at, 'utc')) * 1440) AS INTEGER) % 60));
UPDATE audit SET at_offset = printf('%+03d:%02d', CAST(round((julianday(at) - julianday(at, 'utc')) * 1440) AS INTEGER) / 60, abs(CAST(round((julianday(at) - julianday(at, 'utc')) * 1440) AS INTEGER) % 60));
CREATE TRIGGER notes_final_immutable BEFORE UPDATE ON notes
WHEN OLD.status = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a final note cannot be changed');
END;
CREATE TRIGGER addenda_immutable BEFORE UPDATE ON addenda
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed');
END;
CREATE TRIGGER notes_undo_update AFTER UPDATE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq, 'occurred_offset', OLD.occurred_offset, 'written_offset', OLD.written_offset, 'finalised_offset', OLD.finalised_offset));
END;
CREATE TRIGGER notes_undo_delete AFTER DELETE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq, 'occurred_offset', OLD.occurred_offset, 'written_offset', OLD.written_offset, 'finalised_offset', OLD.finalised_offset));
END;
