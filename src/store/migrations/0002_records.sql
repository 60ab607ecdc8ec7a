-- Schema version 2: records you can trust and find.
--  * chain_seq orders each client's tamper-evidence chain (final notes and
--    addenda, in the order they became final);
--  * search_index is the full-text index (FTS5) over notes, addenda and care
--    plans, kept in step by triggers inside the writing transaction;
--  * undo_log keeps, inside the encrypted database, the values a change
--    replaced, so the last change can be undone as a new, audited change.

ALTER TABLE notes ADD COLUMN chain_seq INTEGER;
ALTER TABLE addenda ADD COLUMN chain_seq INTEGER;
CREATE INDEX notes_chain ON notes (client_id, chain_seq) WHERE chain_seq IS NOT NULL;
CREATE INDEX addenda_chain ON addenda (note_id, chain_seq) WHERE chain_seq IS NOT NULL;
-- The newest seal of each client's chain, so sealing the next entry is one
-- lookup. Only a shortcut: verifying recomputes everything from the entries.
CREATE TABLE chain_heads (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL
);

-- Every searchable record gets the next number in search_map when it is
-- written; that number is its row in the index, so the index's own order is
-- the order records were written in and "newest first" needs no sorting.
-- src: 0 note, 1 addendum, 2 care plan.
CREATE TABLE search_map (
    id     INTEGER PRIMARY KEY,
    src    INTEGER NOT NULL CHECK (src IN (0, 1, 2)),
    src_id INTEGER NOT NULL,
    UNIQUE (src, src_id)
);

-- `tags` holds 'c<client id>' so a search within one client is an index
-- intersection, not a filter.
CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    extra,
    tags,
    client_id UNINDEXED,
    at UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3 4 5 6'
);

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO search_map (src, src_id) VALUES (0, NEW.id);
    INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
    VALUES ((SELECT id FROM search_map WHERE src = 0 AND src_id = NEW.id),
            NEW.body, coalesce(NEW.location, '') || ' ' || coalesce(NEW.present, ''),
            'c' || NEW.client_id, NEW.client_id, NEW.occurred_at);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body, location, present, occurred_at ON notes
BEGIN
    UPDATE search_index SET body = NEW.body,
        extra = coalesce(NEW.location, '') || ' ' || coalesce(NEW.present, ''),
        at = NEW.occurred_at
    WHERE rowid = (SELECT id FROM search_map WHERE src = 0 AND src_id = NEW.id);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes
BEGIN
    DELETE FROM search_index
    WHERE rowid = (SELECT id FROM search_map WHERE src = 0 AND src_id = OLD.id);
    DELETE FROM search_map WHERE src = 0 AND src_id = OLD.id;
END;
CREATE TRIGGER addenda_fts_insert AFTER INSERT ON addenda
BEGIN
    INSERT INTO search_map (src, src_id) VALUES (1, NEW.id);
    INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
    VALUES ((SELECT id FROM search_map WHERE src = 1 AND src_id = NEW.id),
            NEW.body, NEW.reason,
            'c' || (SELECT client_id FROM notes WHERE id = NEW.note_id),
            (SELECT client_id FROM notes WHERE id = NEW.note_id), NEW.written_at);
END;
CREATE TRIGGER care_plans_fts_insert AFTER INSERT ON care_plans
BEGIN
    INSERT INTO search_map (src, src_id) VALUES (2, NEW.id);
    INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
    VALUES ((SELECT id FROM search_map WHERE src = 2 AND src_id = NEW.id),
            NEW.needs || char(10) || NEW.outcomes || char(10) || NEW.strengths || char(10) || NEW.crisis_plan,
            '', 'c' || NEW.client_id, NEW.client_id, NEW.created_at);
END;
CREATE TRIGGER care_plans_fts_delete AFTER DELETE ON care_plans
BEGIN
    DELETE FROM search_index
    WHERE rowid = (SELECT id FROM search_map WHERE src = 2 AND src_id = OLD.id);
    DELETE FROM search_map WHERE src = 2 AND src_id = OLD.id;
END;
CREATE TRIGGER plan_actions_fts_insert AFTER INSERT ON plan_actions
BEGIN
    UPDATE search_index SET extra = trim(extra || ' ' || NEW.what)
    WHERE rowid = (SELECT id FROM search_map WHERE src = 2 AND src_id = NEW.plan_id);
END;

-- Backfill what version 1 already holds, in the order it was written.
INSERT INTO search_map (src, src_id)
SELECT src, id FROM (
    SELECT 0 AS src, id, written_at AS t FROM notes
    UNION ALL SELECT 1, id, written_at FROM addenda
    UNION ALL SELECT 2, id, created_at FROM care_plans)
ORDER BY t, src, id;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id, n.body, coalesce(n.location, '') || ' ' || coalesce(n.present, ''),
       'c' || n.client_id, n.client_id, n.occurred_at
FROM search_map m JOIN notes n ON m.src = 0 AND n.id = m.src_id;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id, a.body, a.reason, 'c' || n.client_id, n.client_id, a.written_at
FROM search_map m JOIN addenda a ON m.src = 1 AND a.id = m.src_id
JOIN notes n ON n.id = a.note_id;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id,
       p.needs || char(10) || p.outcomes || char(10) || p.strengths || char(10) || p.crisis_plan,
       coalesce((SELECT group_concat(what, ' ') FROM plan_actions WHERE plan_id = p.id), ''),
       'c' || p.client_id, p.client_id, p.created_at
FROM search_map m JOIN care_plans p ON m.src = 2 AND p.id = m.src_id;

-- Undo. Triggers note every row a change inserts, updates or deletes, with the
-- values it had before; the audit row written by the same transaction claims
-- them. Only the most recent 2,000 are kept (older changes cannot be undone).
CREATE TABLE undo_log (
    id        INTEGER PRIMARY KEY,
    audit_id  INTEGER REFERENCES audit (id),
    tbl       TEXT NOT NULL,
    row_id    INTEGER NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before    TEXT,
    undone_by INTEGER REFERENCES audit (id)
);
CREATE INDEX undo_log_audit ON undo_log (audit_id);
CREATE INDEX undo_log_pending ON undo_log (id) WHERE audit_id IS NULL;

CREATE TRIGGER audit_claims_undo AFTER INSERT ON audit
BEGIN
    UPDATE undo_log SET audit_id = NEW.id WHERE audit_id IS NULL;
END;
CREATE TRIGGER undo_log_prune AFTER INSERT ON undo_log
WHEN NEW.id > 2000
BEGIN
    DELETE FROM undo_log WHERE id <= NEW.id - 2000;
END;

CREATE TRIGGER clients_undo_insert AFTER INSERT ON clients
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('clients', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER clients_undo_update AFTER UPDATE ON clients
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('clients', OLD.id, 'update',
        json_object('id', OLD.id, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'preferred_name', OLD.preferred_name, 'pronouns', OLD.pronouns, 'dob', OLD.dob, 'record_no', OLD.record_no, 'address', OLD.address, 'phone', OLD.phone, 'language', OLD.language, 'interpreter', OLD.interpreter, 'team', OLD.team, 'service', OLD.service, 'status', OLD.status, 'opened_on', OLD.opened_on, 'closed_on', OLD.closed_on, 'closure_reason', OLD.closure_reason, 'retain_until', OLD.retain_until, 'visit_every_days', OLD.visit_every_days, 'risk', OLD.risk, 'risk_summary', OLD.risk_summary, 'risk_reviewed_on', OLD.risk_reviewed_on, 'alerts', OLD.alerts, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER clients_undo_delete AFTER DELETE ON clients
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('clients', OLD.id, 'delete',
        json_object('id', OLD.id, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'preferred_name', OLD.preferred_name, 'pronouns', OLD.pronouns, 'dob', OLD.dob, 'record_no', OLD.record_no, 'address', OLD.address, 'phone', OLD.phone, 'language', OLD.language, 'interpreter', OLD.interpreter, 'team', OLD.team, 'service', OLD.service, 'status', OLD.status, 'opened_on', OLD.opened_on, 'closed_on', OLD.closed_on, 'closure_reason', OLD.closure_reason, 'retain_until', OLD.retain_until, 'visit_every_days', OLD.visit_every_days, 'risk', OLD.risk, 'risk_summary', OLD.risk_summary, 'risk_reviewed_on', OLD.risk_reviewed_on, 'alerts', OLD.alerts, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER network_members_undo_insert AFTER INSERT ON network_members
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('network_members', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER network_members_undo_update AFTER UPDATE ON network_members
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('network_members', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'name', OLD.name, 'role', OLD.role, 'organisation', OLD.organisation, 'relationship', OLD.relationship, 'phone', OLD.phone, 'email', OLD.email, 'consent_to_share', OLD.consent_to_share, 'notes', OLD.notes, 'archived', OLD.archived, 'created_at', OLD.created_at));
END;
CREATE TRIGGER network_members_undo_delete AFTER DELETE ON network_members
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('network_members', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'name', OLD.name, 'role', OLD.role, 'organisation', OLD.organisation, 'relationship', OLD.relationship, 'phone', OLD.phone, 'email', OLD.email, 'consent_to_share', OLD.consent_to_share, 'notes', OLD.notes, 'archived', OLD.archived, 'created_at', OLD.created_at));
END;

CREATE TRIGGER notes_undo_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER notes_undo_update AFTER UPDATE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq));
END;
CREATE TRIGGER notes_undo_delete AFTER DELETE ON notes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('notes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'occurred_at', OLD.occurred_at, 'written_at', OLD.written_at, 'location', OLD.location, 'present', OLD.present, 'body', OLD.body, 'significant', OLD.significant, 'status', OLD.status, 'finalised_at', OLD.finalised_at, 'late_reason', OLD.late_reason, 'prev_hash', OLD.prev_hash, 'hash', OLD.hash, 'chain_seq', OLD.chain_seq));
END;

CREATE TRIGGER care_plans_undo_insert AFTER INSERT ON care_plans
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('care_plans', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER care_plans_undo_update AFTER UPDATE ON care_plans
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('care_plans', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'version', OLD.version, 'created_at', OLD.created_at, 'needs', OLD.needs, 'outcomes', OLD.outcomes, 'strengths', OLD.strengths, 'crisis_plan', OLD.crisis_plan, 'next_review', OLD.next_review));
END;
CREATE TRIGGER care_plans_undo_delete AFTER DELETE ON care_plans
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('care_plans', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'version', OLD.version, 'created_at', OLD.created_at, 'needs', OLD.needs, 'outcomes', OLD.outcomes, 'strengths', OLD.strengths, 'crisis_plan', OLD.crisis_plan, 'next_review', OLD.next_review));
END;

CREATE TRIGGER plan_actions_undo_insert AFTER INSERT ON plan_actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('plan_actions', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER plan_actions_undo_update AFTER UPDATE ON plan_actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('plan_actions', OLD.id, 'update',
        json_object('id', OLD.id, 'plan_id', OLD.plan_id, 'what', OLD.what, 'owner', OLD.owner, 'due', OLD.due, 'done_on', OLD.done_on));
END;
CREATE TRIGGER plan_actions_undo_delete AFTER DELETE ON plan_actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('plan_actions', OLD.id, 'delete',
        json_object('id', OLD.id, 'plan_id', OLD.plan_id, 'what', OLD.what, 'owner', OLD.owner, 'due', OLD.due, 'done_on', OLD.done_on));
END;

CREATE TRIGGER legal_episodes_undo_insert AFTER INSERT ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER legal_episodes_undo_update AFTER UPDATE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at));
END;
CREATE TRIGGER legal_episodes_undo_delete AFTER DELETE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at));
END;

CREATE TRIGGER deadlines_undo_insert AFTER INSERT ON deadlines
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('deadlines', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER deadlines_undo_update AFTER UPDATE ON deadlines
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('deadlines', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'episode_id', OLD.episode_id, 'what', OLD.what, 'due', OLD.due, 'warn_from', OLD.warn_from, 'rule_id', OLD.rule_id, 'source', OLD.source, 'weight', OLD.weight, 'chain_index', OLD.chain_index, 'completed_on', OLD.completed_on, 'outcome', OLD.outcome, 'cancelled', OLD.cancelled, 'created_at', OLD.created_at));
END;
CREATE TRIGGER deadlines_undo_delete AFTER DELETE ON deadlines
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('deadlines', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'episode_id', OLD.episode_id, 'what', OLD.what, 'due', OLD.due, 'warn_from', OLD.warn_from, 'rule_id', OLD.rule_id, 'source', OLD.source, 'weight', OLD.weight, 'chain_index', OLD.chain_index, 'completed_on', OLD.completed_on, 'outcome', OLD.outcome, 'cancelled', OLD.cancelled, 'created_at', OLD.created_at));
END;

CREATE TRIGGER actions_undo_insert AFTER INSERT ON actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('actions', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER actions_undo_update AFTER UPDATE ON actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('actions', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'what', OLD.what, 'due', OLD.due, 'done_on', OLD.done_on, 'created_at', OLD.created_at));
END;
CREATE TRIGGER actions_undo_delete AFTER DELETE ON actions
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('actions', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'what', OLD.what, 'due', OLD.due, 'done_on', OLD.done_on, 'created_at', OLD.created_at));
END;

