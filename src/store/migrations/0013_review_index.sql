-- Performance: care plan reviews in a range of days (Today's week and chart,
-- the calendar, `caseload agenda`) are found from one index holding the day,
-- the client and the version, which is all the range test reads, instead of
-- each plan's row; it replaces migration 0004's index of the day alone.
DROP INDEX care_plans_next_review;
CREATE INDEX care_plans_next_review ON care_plans (next_review, client_id, version);
