-- Rule breadth (issue 12): periods in hours, windows that must not open
-- early, and dates entered by hand on an episode.
--
-- Episodes counted in hours (s136, s5(2), police protection) keep their
-- start time (UK wall clock, YYYY-MM-DDTHH:MM:SS); their deadlines carry
-- the time they fall due beside the date.
ALTER TABLE legal_episodes ADD COLUMN start_at TEXT;
ALTER TABLE deadlines ADD COLUMN due_at TEXT;
-- The day the window to act opens (later reading), and the act-by date on
-- the later reading where the law can be read two ways at a month's end.
ALTER TABLE deadlines ADD COLUMN window_opens TEXT;
ALTER TABLE deadlines ADD COLUMN later_due TEXT;

-- Dates entered by hand on an episode (a hearing, a panel date, a medical
-- examination, a placement change, a further strategy discussion), with an
-- outcome where there is one (a panel's decision). Codes and dates only.
CREATE TABLE episode_marks (
    id         INTEGER PRIMARY KEY,
    episode_id INTEGER NOT NULL REFERENCES legal_episodes (id),
    mark       TEXT NOT NULL CHECK (length(mark) BETWEEN 1 AND 60),
    on_day     TEXT NOT NULL,
    at_time    TEXT,
    outcome    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX episode_marks_episode ON episode_marks (episode_id, mark, on_day);

-- Undo keeps the values a change replaced: the new columns too, so undoing
-- a moved start or a cancelled deadline puts back its time and window.
DROP TRIGGER legal_episodes_undo_update;
CREATE TRIGGER legal_episodes_undo_update AFTER UPDATE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at, 'start_at', OLD.start_at));
END;
DROP TRIGGER legal_episodes_undo_delete;
CREATE TRIGGER legal_episodes_undo_delete AFTER DELETE ON legal_episodes
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('legal_episodes', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'kind', OLD.kind, 'start_on', OLD.start_on, 'end_on', OLD.end_on, 'notes', OLD.notes, 'created_at', OLD.created_at, 'start_at', OLD.start_at));
END;
DROP TRIGGER deadlines_undo_update;
CREATE TRIGGER deadlines_undo_update AFTER UPDATE ON deadlines
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('deadlines', OLD.id, 'update',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'episode_id', OLD.episode_id, 'what', OLD.what, 'due', OLD.due, 'warn_from', OLD.warn_from, 'rule_id', OLD.rule_id, 'source', OLD.source, 'weight', OLD.weight, 'chain_index', OLD.chain_index, 'completed_on', OLD.completed_on, 'outcome', OLD.outcome, 'cancelled', OLD.cancelled, 'created_at', OLD.created_at, 'due_at', OLD.due_at, 'window_opens', OLD.window_opens, 'later_due', OLD.later_due));
END;
DROP TRIGGER deadlines_undo_delete;
CREATE TRIGGER deadlines_undo_delete AFTER DELETE ON deadlines
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('deadlines', OLD.id, 'delete',
        json_object('id', OLD.id, 'client_id', OLD.client_id, 'episode_id', OLD.episode_id, 'what', OLD.what, 'due', OLD.due, 'warn_from', OLD.warn_from, 'rule_id', OLD.rule_id, 'source', OLD.source, 'weight', OLD.weight, 'chain_index', OLD.chain_index, 'completed_on', OLD.completed_on, 'outcome', OLD.outcome, 'cancelled', OLD.cancelled, 'created_at', OLD.created_at, 'due_at', OLD.due_at, 'window_opens', OLD.window_opens, 'later_due', OLD.later_due));
END;
