-- Legal journeys: one power follows another. An episode names the one it
-- follows (the law of that transition, in the rule packs, says what
-- happens to the earlier one), the time it ended (an hour clock stops at a
-- moment, not a day), and why it ended: 'ended' (by hand, or followed by
-- the next power), 'converted' (s4 to s2, s4(4); s5(4) to s5(2), s5(5)),
-- 'suspended' (an s3 under a CTO, s17D), 'revoked' (a CTO, s17F(4)),
-- 'discharged'.
ALTER TABLE legal_episodes ADD COLUMN follows_id INTEGER REFERENCES legal_episodes (id);
ALTER TABLE legal_episodes ADD COLUMN end_at TEXT;
ALTER TABLE legal_episodes ADD COLUMN end_reason TEXT;
CREATE INDEX episodes_follows ON legal_episodes (follows_id);

-- Undo keeps the new columns too, so undoing a link or an end at a time
-- puts back what was there.
DROP TRIGGER legal_episodes_undo_update;
CREATE TRIGGER legal_episodes_undo_update AFTER UPDATE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at, 'start_at', OLD.start_at, 'follows_id', OLD.follows_id, 'end_at', OLD.end_at, 'end_reason', OLD.end_reason));
END;
DROP TRIGGER legal_episodes_undo_delete;
CREATE TRIGGER legal_episodes_undo_delete AFTER DELETE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at, 'start_at', OLD.start_at, 'follows_id', OLD.follows_id, 'end_at', OLD.end_at, 'end_reason', OLD.end_reason));
END;
