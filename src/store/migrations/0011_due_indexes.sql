-- Performance: the due list and Today read the open deadlines and actions in
-- their date range from indexes that hold every column those lists show, so
-- neither reads the rows of deadlines already met or far off, nor the
-- deadline table itself. Open means not completed and not cancelled (for
-- actions: not done, with a due date).
CREATE INDEX deadlines_open_by_due ON deadlines
    (due, warn_from, client_id, what, rule_id, source, weight, due_at, window_opens)
    WHERE completed_on IS NULL AND cancelled = 0;
-- Deadlines whose warning window has opened before they fall in range.
CREATE INDEX deadlines_open_by_warn ON deadlines
    (warn_from, due, client_id, what, rule_id, source, weight, due_at, window_opens)
    WHERE completed_on IS NULL AND cancelled = 0 AND warn_from IS NOT NULL;
CREATE INDEX actions_open_by_due ON actions (due, client_id, what)
    WHERE done_on IS NULL AND due IS NOT NULL;
-- A client's display name and status, looked up once per listed item
-- (without reading the whole client row).
CREATE INDEX clients_names ON clients (id, status, preferred_name, given_name, family_name);
-- The agenda (Today's week and chart, the calendar, `caseload agenda`) lists
-- deadlines, actions and contacts by date from indexes holding what it
-- shows; they replace the plain date indexes of migration 0004.
DROP INDEX deadlines_due;
CREATE INDEX deadlines_listing ON deadlines (due, cancelled, completed_on, client_id, what, due_at);
DROP INDEX actions_due;
CREATE INDEX actions_listing ON actions (due, done_on, client_id, what);
DROP INDEX notes_occurred;
CREATE INDEX notes_occurred ON notes (occurred_at, client_id, kind);
