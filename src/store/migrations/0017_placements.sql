-- Placements: where a looked-after child lives, from its start to its end
-- (Care Planning, Placement and Case Review (England) Regulations 2010).
-- The visiting duty (reg 28) is worked out from the current placement by
-- the practice layer; this table only holds what was entered.
CREATE TABLE placements (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL,
    start_on    TEXT NOT NULL,
    end_on      TEXT,
    end_reason  TEXT,
    long_term   INTEGER NOT NULL DEFAULT 0 CHECK (long_term IN (0, 1)),
    carer       TEXT,
    address     TEXT,
    legal_basis TEXT,
    created_at  TEXT NOT NULL,
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX placements_client ON placements (client_id, start_on);

-- Undo: adding or ending a placement is one change.
CREATE TRIGGER placements_undo_insert AFTER INSERT ON placements
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('placements', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER placements_undo_update AFTER UPDATE ON placements
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('placements', OLD.id, 'update',
        json_object('id', OLD.id, 'end_on', OLD.end_on, 'end_reason', OLD.end_reason));
END;

-- The visit facts rest on the current placement, on the day the first
-- review was held (a deadline completed, or a mark) and on the marks.
CREATE TRIGGER visit_facts_placements_insert AFTER INSERT ON placements
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_placements_update AFTER UPDATE ON placements
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_placements_delete AFTER DELETE ON placements
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = OLD.client_id; END;
CREATE TRIGGER visit_facts_deadlines_done AFTER UPDATE OF completed_on ON deadlines
WHEN OLD.completed_on IS NOT NEW.completed_on
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_marks_insert AFTER INSERT ON episode_marks
BEGIN
    UPDATE visit_facts SET stale = 1
     WHERE client_id = (SELECT client_id FROM legal_episodes WHERE id = NEW.episode_id);
END;
