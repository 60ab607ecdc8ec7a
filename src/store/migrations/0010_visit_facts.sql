-- Performance: each client's visit facts (last seen, last contact, the
-- visits due under each visiting rule) as the practice layer (src/practice/)
-- last worked them out. The practice layer decides; this table is only its
-- cache. Every client has one row. The triggers below mark a client's row
-- stale, in the same transaction, whenever anything those facts rest on
-- changes (the client, their notes, episodes, visits and outcomes, undo
-- included); stale rows are worked out again and stored at the next read,
-- found through a partial index (so a read costs nothing per client when
-- nothing changed). No names or note text are kept here.
CREATE TABLE visit_facts (
    client_id    INTEGER PRIMARY KEY,
    stale        INTEGER NOT NULL DEFAULT 1,
    last_seen    TEXT,
    last_contact TEXT,
    next_due     TEXT,                  -- the earliest visit due under any rule
    first_warn   TEXT,                  -- the earliest day any of them shows
    due          TEXT NOT NULL DEFAULT '[]' -- JSON: the visits due, earliest first
);
CREATE INDEX visit_facts_stale ON visit_facts (client_id) WHERE stale = 1;
CREATE INDEX visit_facts_next_due ON visit_facts (next_due) WHERE next_due IS NOT NULL;
CREATE INDEX visit_facts_first_warn ON visit_facts (first_warn) WHERE first_warn IS NOT NULL;
INSERT INTO visit_facts (client_id) SELECT id FROM clients;

-- The rules the cached rows were worked out under (a fingerprint): other
-- rules (a changed rules.toml) empty the cache.
CREATE TABLE visit_facts_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);

CREATE TRIGGER visit_facts_clients_insert AFTER INSERT ON clients
BEGIN INSERT OR REPLACE INTO visit_facts (client_id) VALUES (NEW.id); END;
CREATE TRIGGER visit_facts_clients_update AFTER UPDATE ON clients
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.id, NEW.id); END;
CREATE TRIGGER visit_facts_clients_delete AFTER DELETE ON clients
BEGIN DELETE FROM visit_facts WHERE client_id = OLD.id; END;

CREATE TRIGGER visit_facts_notes_insert AFTER INSERT ON notes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_notes_update
AFTER UPDATE OF client_id, kind, status, occurred_at ON notes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_notes_delete AFTER DELETE ON notes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = OLD.client_id; END;

CREATE TRIGGER visit_facts_episodes_insert AFTER INSERT ON legal_episodes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_episodes_update AFTER UPDATE ON legal_episodes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_episodes_delete AFTER DELETE ON legal_episodes
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = OLD.client_id; END;

CREATE TRIGGER visit_facts_people_insert AFTER INSERT ON visit_people
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = NEW.client_id; END;
CREATE TRIGGER visit_facts_people_update AFTER UPDATE ON visit_people
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER visit_facts_people_delete AFTER DELETE ON visit_people
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id = OLD.client_id; END;

-- A visit's kind, day or note changes the facts of everyone in it, and of
-- the client of the note it is (or was) tied to.
CREATE TRIGGER visit_facts_visits_insert AFTER INSERT ON visits
BEGIN
    UPDATE visit_facts SET stale = 1 WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id = NEW.id
         UNION SELECT client_id FROM notes WHERE id = NEW.note_id);
END;
CREATE TRIGGER visit_facts_visits_update AFTER UPDATE ON visits
BEGIN
    UPDATE visit_facts SET stale = 1 WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id IN (OLD.id, NEW.id)
         UNION SELECT client_id FROM notes WHERE id IN (OLD.note_id, NEW.note_id));
END;
CREATE TRIGGER visit_facts_visits_delete AFTER DELETE ON visits
BEGIN
    UPDATE visit_facts SET stale = 1 WHERE client_id IN
        (SELECT client_id FROM visit_people WHERE visit_id = OLD.id
         UNION SELECT client_id FROM notes WHERE id = OLD.note_id);
END;
