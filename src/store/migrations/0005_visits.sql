-- Schema version 5: visits as records of their own.
--  * visits: planned in the diary (planned_at), then done with an outcome
--    per person, or cancelled with a reason; a move keeps the old time in
--    visit_moves. A visit recorded after the event has no planned_at.
--  * visit_people: who a visit is to (one or more clients) and each
--    person's own outcome (seen, seen-alone, not-seen, cancelled).
--  * household_members: clients linked as one household (siblings, a
--    parent and a child who are both clients).
-- Undo triggers follow the pattern of migration 0002.

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
    kind          TEXT NOT NULL DEFAULT 'home-visit',
    planned_at    TEXT,
    occurred_at   TEXT,
    minutes       INTEGER CHECK (minutes IS NULL OR minutes > 0),
    location      TEXT,
    with_whom     TEXT,
    lone_check    TEXT,
    cancel_reason TEXT,
    note_id       INTEGER REFERENCES notes (id),
    deadline_id   INTEGER REFERENCES deadlines (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (planned_at IS NOT NULL OR occurred_at IS NOT NULL)
);
CREATE INDEX visits_planned ON visits (planned_at) WHERE planned_at IS NOT NULL;
CREATE INDEX visits_occurred ON visits (occurred_at) WHERE occurred_at IS NOT NULL;
CREATE INDEX visits_note ON visits (note_id) WHERE note_id IS NOT NULL;

-- Who was last seen reads, per client and kind, the newest final note:
-- answered from this index alone, without reading note bodies.
CREATE INDEX notes_client_kind_status_occurred ON notes (client_id, kind, status, occurred_at);

CREATE TABLE visit_people (
    id        INTEGER PRIMARY KEY,
    visit_id  INTEGER NOT NULL REFERENCES visits (id),
    client_id INTEGER NOT NULL REFERENCES clients (id),
    outcome   TEXT CHECK (outcome IS NULL OR outcome IN ('seen', 'seen-alone', 'not-seen', 'cancelled')),
    UNIQUE (visit_id, client_id)
);
CREATE INDEX visit_people_client ON visit_people (client_id, visit_id);

CREATE TABLE visit_moves (
    id       INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits (id),
    from_at  TEXT NOT NULL,
    to_at    TEXT NOT NULL,
    moved_at TEXT NOT NULL
);
CREATE INDEX visit_moves_visit ON visit_moves (visit_id);

CREATE TABLE household_members (
    client_id    INTEGER PRIMARY KEY REFERENCES clients (id),
    household_id INTEGER NOT NULL,
    linked_at    TEXT NOT NULL
);
CREATE INDEX household_members_household ON household_members (household_id);

CREATE TRIGGER visits_undo_insert AFTER INSERT ON visits
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('visits', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER visits_undo_update AFTER UPDATE ON visits
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('visits', OLD.id, 'update',
        json_object('id', OLD.id, 'status', OLD.status, 'kind', OLD.kind, 'planned_at', OLD.planned_at, 'occurred_at', OLD.occurred_at, 'minutes', OLD.minutes, 'location', OLD.location, 'with_whom', OLD.with_whom, 'lone_check', OLD.lone_check, 'cancel_reason', OLD.cancel_reason, 'note_id', OLD.note_id, 'deadline_id', OLD.deadline_id, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER visit_people_undo_insert AFTER INSERT ON visit_people
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('visit_people', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER visit_people_undo_update AFTER UPDATE ON visit_people
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('visit_people', OLD.id, 'update',
        json_object('id', OLD.id, 'visit_id', OLD.visit_id, 'client_id', OLD.client_id, 'outcome', OLD.outcome));
END;
CREATE TRIGGER visit_moves_undo_insert AFTER INSERT ON visit_moves
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('visit_moves', NEW.id, 'insert', NULL);
END;
