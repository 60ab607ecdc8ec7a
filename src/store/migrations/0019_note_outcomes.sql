-- Schema version 19: what came of a contact, as the practitioner chose it
-- (issue 25). "Seen" comes only from an outcome, never from a note's kind:
-- a home-visit note saying "no answer at the door" is recorded not seen.
-- A note of a contact kind is finalised only with an outcome; final notes
-- written before this have none and count by their kind as before (every
-- screen marks them "recorded before outcomes"). The outcome is sealed
-- with the note when it has one. Undo keeps it too.
ALTER TABLE notes ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('seen', 'seen-alone', 'not-seen', 'cancelled', 'not-applicable'));

DROP TRIGGER visit_facts_notes_update;
CREATE TRIGGER visit_facts_notes_update
AFTER UPDATE OF client_id, kind, status, occurred_at, outcome ON notes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;

DROP TRIGGER notes_undo_update;
DROP TRIGGER notes_undo_delete;
CREATE TRIGGER notes_undo_update AFTER UPDATE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq, 'occurred_offset', OLD.occurred_offset, 'written_offset', OLD.written_offset, 'finalised_offset', OLD.finalised_offset, 'outcome', OLD.outcome));
END;
CREATE TRIGGER notes_undo_delete AFTER DELETE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq, 'occurred_offset', OLD.occurred_offset, 'written_offset', OLD.written_offset, 'finalised_offset', OLD.finalised_offset, 'outcome', OLD.outcome));
END;
