-- Performance: each client's next open deadline (the Caseload list, client
-- list) is one seek in a partial index over open, not-cancelled deadlines,
-- instead of reading every deadline row of every client.
CREATE INDEX deadlines_client_pending ON deadlines (client_id, due, id)
    WHERE completed_on IS NULL AND cancelled = 0;
