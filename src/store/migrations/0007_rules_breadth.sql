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
