-- Performance: care plan reviews in a range of days (Today's week and chart,
-- the calendar, `caseload agenda`) are found from one index holding the day,
-- the client and the version, which is all the range test reads, instead of
-- each plan's row; it replaces migration 0004's index of the day alone.
DROP INDEX care_plans_next_review;
CREATE INDEX care_plans_next_review ON care_plans (next_review, client_id, version);
-- A client's visit facts rest on their visiting frequency, the day their
-- case opened and whether it is open (with their episodes, contacts and
-- visits, whose own triggers stay as they were): only a new value of one of
-- these marks the client's cached row stale (an edit writes every column).
-- A new name, pronouns or address no longer makes the next screen work the
-- facts out again (and write them) for nothing.
DROP TRIGGER visit_facts_clients_update;
CREATE TRIGGER visit_facts_clients_update
AFTER UPDATE OF id, visit_every_days, opened_on, status ON clients
WHEN OLD.id IS NOT NEW.id OR OLD.visit_every_days IS NOT NEW.visit_every_days
  OR OLD.opened_on IS NOT NEW.opened_on OR OLD.status IS NOT NEW.status
BEGIN UPDATE visit_facts SET stale = 1 WHERE client_id IN (OLD.id, NEW.id); END;
-- What a client's next visit due is, beside its day: the Caseload table
-- reads the facts it shows from columns, without decoding every client's
-- list of visits due.
ALTER TABLE visit_facts ADD COLUMN next_what TEXT;
-- And the days of all their visits due, so Today's chart counts them
-- without decoding them either.
ALTER TABLE visit_facts ADD COLUMN due_days TEXT NOT NULL DEFAULT '';
-- Every command checks once that each client has a row (counting both
-- tables): a small index of the rows lets that count read a few pages
-- instead of every cached row.
CREATE INDEX visit_facts_count ON visit_facts (stale);
-- Visits planned or recorded in a range of days (the agenda, the calendar,
-- Today's chart) are found by the day they fall on, not by reading every
-- person on every visit.
CREATE INDEX visits_when ON visits (coalesce(occurred_at, planned_at));
