-- Today screen: this week's contacts and the next 8 weeks' deadlines,
-- actions and reviews are read by date range; these indexes answer those
-- ranges without scanning every note, deadline and action.
CREATE INDEX notes_occurred ON notes (occurred_at);
CREATE INDEX deadlines_due ON deadlines (due);
CREATE INDEX actions_due ON actions (due);
CREATE INDEX care_plans_next_review ON care_plans (next_review);
