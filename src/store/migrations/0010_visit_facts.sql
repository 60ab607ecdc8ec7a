-- Performance: each client's visit facts (last seen, last contact, the
-- visits due under each visiting rule) as the practice layer (src/practice/)
-- last worked them out. The practice layer decides; this table is only its
-- cache. The triggers below delete a client's row, in the same transaction,
-- whenever anything those facts rest on changes (the client, their notes,
-- episodes, visits and outcomes, undo included); a missing row is worked out
-- again and stored at the next read. No names or note text are kept here.
CREATE TABLE visit_facts (
    client_id    INTEGER PRIMARY KEY,
    last_seen    TEXT,
    last_contact TEXT,
    next_due     TEXT,          -- the earliest visit due under any rule
    first_warn   TEXT,          -- the earliest day any of them shows
    due          TEXT NOT NULL  -- JSON: the visits due, earliest first
);
CREATE INDEX visit_facts_next_due ON visit_facts (next_due) WHERE next_due IS NOT NULL;
CREATE INDEX visit_facts_first_warn ON visit_facts (first_warn) WHERE first_warn IS NOT NULL;

-- The rules the cached rows were worked out under (a fingerprint): other
-- rules (a changed rules.toml) empty the cache.
CREATE TABLE visit_facts_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);

CREATE TRIGGER visit_facts_clients_insert AFTER INSERT ON clients
BEGIN DELETE FROM visit_facts WHERE client_id = NEW.id; END;
CREATE TRIGGER visit_facts_clients_update AFTER UPDATE ON clients
BEGIN DELETE FROM visit_facts WHERE client_id IN (OLD.id, NEW.id); END;
CREATE TRIGGER visit_facts_clients_delete AFTER DELETE ON clients
BEGIN DELETE FROM visit_facts WHERE client_id = OLD.id; END;

CREATE TRIGGER visit_facts_notes_insert AFTER INSERT ON notes
BEGIN DELETE FROM visit_facts WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_notes_update
AFTER UPDATE OF client_id, kind, status, occurred_at ON notes
BEGIN DELETE FROM visit_facts WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_notes_delete AFTER DELETE ON notes
BEGIN DELETE FROM visit_facts WHERE client_id = OLD.client_id; END;

CREATE TRIGGER visit_facts_episodes_insert AFTER INSERT ON legal_episodes
BEGIN DELETE FROM visit_facts WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_episodes_update AFTER UPDATE ON legal_episodes
BEGIN DELETE FROM visit_facts WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_episodes_delete AFTER DELETE ON legal_episodes
BEGIN DELETE FROM visit_facts WHERE client_id = OLD.client_id; END;

CREATE TRIGGER visit_facts_people_insert AFTER INSERT ON visit_people
BEGIN DELETE FROM visit_facts WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_people_update AFTER UPDATE ON visit_people
BEGIN DELETE FROM visit_facts WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_people_delete AFTER DELETE ON visit_people
BEGIN DELETE FROM visit_facts WHERE client_id = OLD.client_id; END;

-- A visit's kind, day or note changes the facts of everyone in it, and of
-- the client of the note it is (or was) tied to.
CREATE TRIGGER visit_facts_visits_insert AFTER INSERT ON visits
BEGIN
    DELETE FROM visit_facts WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id = NEW.id
         UNION SELECT client_id FROM notes WHERE id = NEW.note_id);
END;
CREATE TRIGGER visit_facts_visits_update AFTER UPDATE ON visits
BEGIN
    DELETE FROM visit_facts WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id IN (OLD.id, NEW.id)
         UNION SELECT client_id FROM notes WHERE id IN (OLD.note_id, NEW.note_id));
END;
CREATE TRIGGER visit_facts_visits_delete AFTER DELETE ON visits
BEGIN
    DELETE FROM visit_facts WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id = OLD.id
         UNION SELECT client_id FROM notes WHERE id = OLD.note_id);
END;
