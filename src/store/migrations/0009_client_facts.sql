-- Client-level facts the Summary shows: the NHS number (ten digits, its
-- check digit verified before it is written), the GP, and the client's
-- consent to share information (NULL: not yet recorded) with the day it
-- was recorded. The undo triggers are remade so an edit of these fields
-- can be taken back like any other.
ALTER TABLE clients ADD COLUMN nhs_number TEXT
    CHECK (nhs_number IS NULL OR (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*'));
ALTER TABLE clients ADD COLUMN gp TEXT;
ALTER TABLE clients ADD COLUMN consent_to_share INTEGER
    CHECK (consent_to_share IS NULL OR consent_to_share IN (0, 1));
ALTER TABLE clients ADD COLUMN consent_recorded_on TEXT;

DROP TRIGGER clients_undo_update;
DROP TRIGGER clients_undo_delete;
CREATE TRIGGER clients_undo_update AFTER UPDATE ON clients
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('clients', OLD.id, 'update',
        json_object('id', OLD.id, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'preferred_name', OLD.preferred_name, 'pronouns', OLD.pronouns, 'dob', OLD.dob, 'record_no', OLD.record_no, 'address', OLD.address, 'phone', OLD.phone, 'language', OLD.language, 'interpreter', OLD.interpreter, 'team', OLD.team, 'service', OLD.service, 'status', OLD.status, 'opened_on', OLD.opened_on, 'closed_on', OLD.closed_on, 'closure_reason', OLD.closure_reason, 'retain_until', OLD.retain_until, 'visit_every_days', OLD.visit_every_days, 'risk', OLD.risk, 'risk_summary', OLD.risk_summary, 'risk_reviewed_on', OLD.risk_reviewed_on, 'alerts', OLD.alerts, 'nhs_number', OLD.nhs_number, 'gp', OLD.gp, 'consent_to_share', OLD.consent_to_share, 'consent_recorded_on', OLD.consent_recorded_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER clients_undo_delete AFTER DELETE ON clients
BEGIN
    INSERT INTO undo_log (tbl, row_id, op, before) VALUES ('clients', OLD.id, 'delete',
        json_object('id', OLD.id, 'given_name', OLD.given_name, 'family_name', OLD.family_name, 'preferred_name', OLD.preferred_name, 'pronouns', OLD.pronouns, 'dob', OLD.dob, 'record_no', OLD.record_no, 'address', OLD.address, 'phone', OLD.phone, 'language', OLD.language, 'interpreter', OLD.interpreter, 'team', OLD.team, 'service', OLD.service, 'status', OLD.status, 'opened_on', OLD.opened_on, 'closed_on', OLD.closed_on, 'closure_reason', OLD.closure_reason, 'retain_until', OLD.retain_until, 'visit_every_days', OLD.visit_every_days, 'risk', OLD.risk, 'risk_summary', OLD.risk_summary, 'risk_reviewed_on', OLD.risk_reviewed_on, 'alerts', OLD.alerts, 'nhs_number', OLD.nhs_number, 'gp', OLD.gp, 'consent_to_share', OLD.consent_to_share, 'consent_recorded_on', OLD.consent_recorded_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
