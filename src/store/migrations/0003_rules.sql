-- Rule engine: visits fall due from the last contact of a kind, per client.
-- This index answers "latest contact of each kind for each client" from the
-- index alone, without reading (and decrypting) every note's body.
CREATE INDEX notes_client_kind_occurred ON notes (client_id, kind, occurred_at);

-- An episode's deadlines are read when it ends, moves or is listed.
CREATE INDEX deadlines_episode ON deadlines (episode_id);
