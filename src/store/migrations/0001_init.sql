-- Schema version 1: the whole caseload. Dates are ISO text (YYYY-MM-DD),
-- times are local ISO text (YYYY-MM-DDTHH:MM:SS). Nothing is deleted by the
-- program: cases close, notes finalise, deadlines complete.

CREATE TABLE clients (
    id               INTEGER PRIMARY KEY,
    given_name       TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 200),
    family_name      TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
    preferred_name   TEXT,
    pronouns         TEXT,
    dob              TEXT,
    record_no        TEXT,
    address          TEXT,
    phone            TEXT,
    language         TEXT,
    interpreter      INTEGER NOT NULL DEFAULT 0 CHECK (interpreter IN (0, 1)),
    team             TEXT,
    service          TEXT NOT NULL DEFAULT 'adult' CHECK (service IN ('adult', 'children')),
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_on        TEXT NOT NULL,
    closed_on        TEXT,
    closure_reason   TEXT,
    retain_until     TEXT,
    visit_every_days INTEGER CHECK (visit_every_days IS NULL OR visit_every_days BETWEEN 1 AND 3650),
    risk             TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low', 'medium', 'high')),
    risk_summary     TEXT,
    risk_reviewed_on TEXT,
    alerts           TEXT NOT NULL DEFAULT '[]',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX clients_status ON clients (status);
CREATE INDEX clients_record_no ON clients (record_no);

CREATE TABLE network_members (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role             TEXT NOT NULL DEFAULT '',
    organisation     TEXT,
    relationship     TEXT,
    phone            TEXT,
    email            TEXT,
    consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),
    notes            TEXT,
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at       TEXT NOT NULL
);
CREATE INDEX network_client ON network_members (client_id);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    kind         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    written_at   TEXT NOT NULL,
    location     TEXT,
    present      TEXT,
    body         TEXT NOT NULL DEFAULT '',
    significant  INTEGER NOT NULL DEFAULT 0 CHECK (significant IN (0, 1)),
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    finalised_at TEXT,
    late_reason  TEXT,
    prev_hash    TEXT,
    hash         TEXT
);
CREATE INDEX notes_client_occurred ON notes (client_id, occurred_at);
CREATE INDEX notes_status ON notes (status);

-- A final note is never edited: this is enforced by the database too.
CREATE TRIGGER notes_final_immutable BEFORE UPDATE ON notes
WHEN OLD.status = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a final note cannot be changed');
END;
CREATE TRIGGER notes_final_undeletable BEFORE DELETE ON notes
WHEN OLD.status = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a final note cannot be deleted');
END;

CREATE TABLE addenda (
    id         INTEGER PRIMARY KEY,
    note_id    INTEGER NOT NULL REFERENCES notes (id),
    written_at TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (length(reason) >= 1),
    body       TEXT NOT NULL CHECK (length(body) >= 1),
    prev_hash  TEXT,
    hash       TEXT
);
CREATE INDEX addenda_note ON addenda (note_id);
CREATE TRIGGER addenda_immutable BEFORE UPDATE ON addenda
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed');
END;
CREATE TRIGGER addenda_undeletable BEFORE DELETE ON addenda
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be deleted');
END;

CREATE TABLE care_plans (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    version        INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    needs          TEXT NOT NULL DEFAULT '',
    outcomes       TEXT NOT NULL DEFAULT '',
    strengths      TEXT NOT NULL DEFAULT '',
    crisis_plan    TEXT NOT NULL DEFAULT '',
    next_review    TEXT,
    UNIQUE (client_id, version)
);

CREATE TABLE plan_actions (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES care_plans (id),
    what     TEXT NOT NULL CHECK (length(what) >= 1),
    owner    TEXT NOT NULL DEFAULT '',
    due      TEXT,
    done_on  TEXT
);
CREATE INDEX plan_actions_plan ON plan_actions (plan_id);

CREATE TABLE legal_episodes (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    kind       TEXT NOT NULL,
    start_on   TEXT NOT NULL,
    end_on     TEXT,
    notes      TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX episodes_client ON legal_episodes (client_id);

CREATE TABLE deadlines (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER REFERENCES clients (id),
    episode_id   INTEGER REFERENCES legal_episodes (id),
    what         TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 500),
    due          TEXT NOT NULL,
    warn_from    TEXT,
    rule_id      TEXT,
    source       TEXT,
    weight       INTEGER NOT NULL DEFAULT 10,
    chain_index  INTEGER NOT NULL DEFAULT 0,
    completed_on TEXT,
    outcome      TEXT,
    cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    created_at   TEXT NOT NULL
);
CREATE INDEX deadlines_open_due ON deadlines (completed_on, due);
CREATE INDEX deadlines_client ON deadlines (client_id);

CREATE TABLE actions (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients (id),
    what       TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 500),
    due        TEXT,
    done_on    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX actions_open_due ON actions (done_on, due);

-- Who/what/when of every change: ids and field names only, never the text.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    client_id INTEGER,
    op        TEXT NOT NULL,
    fields    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_client ON audit (client_id);
