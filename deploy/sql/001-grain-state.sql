-- Grain state for Orleans' ADO.NET persistence provider (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql).
-- Our own schema, written against the provider's contract: it reads the SQL it runs from table OrleansQuery
-- (keys WriteToStorageKey, ReadFromStorageKey, ClearStorageKey, DeleteStorageKey), binds the parameters
-- @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString @GrainIdExtensionString @ServiceId
-- @GrainStateVersion @PayloadBinary, and reads the columns PayloadBinary, Version and NewGrainStateVersion.
-- A write that returns no new version is a lost optimistic race (InconsistentStateException).
-- Every statement is idempotent: silos apply this file at start.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

-- One row per grain and state name ("job", "contact", "contacts-3", "progress-3", ...). Only payload, version
-- and modified_on change on a write, and none of them is indexed, so PostgreSQL can update in place (HOT);
-- the fill factor leaves the room that needs.
CREATE TABLE IF NOT EXISTS grain_state
(
    service_id         varchar(150) NOT NULL,
    grain_type_hash    integer      NOT NULL,
    grain_id_hash      integer      NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_type         varchar(512) NOT NULL,
    grain_id_extension varchar(512) NOT NULL DEFAULT '',
    version            integer      NOT NULL,
    payload            bytea,
    modified_on        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
) WITH (fillfactor = 75);

CREATE OR REPLACE FUNCTION grain_state_write(
    _service_id varchar, _grain_id_hash integer, _grain_type_hash integer, _grain_id_n0 bigint, _grain_id_n1 bigint,
    _grain_type varchar, _grain_id_extension varchar, _version integer, _payload bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    _new_version integer;
BEGIN
    IF _version IS NULL THEN
        INSERT INTO grain_state (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type,
                                 grain_id_extension, version, payload)
        VALUES (_service_id, _grain_id_hash, _grain_type_hash, _grain_id_n0, _grain_id_n1, _grain_type,
                coalesce(_grain_id_extension, ''), 1, _payload)
        ON CONFLICT DO NOTHING
        RETURNING version INTO _new_version;
    ELSE
        UPDATE grain_state
        SET payload = _payload, version = version + 1, modified_on = now()
        WHERE service_id = _service_id AND grain_id_hash = _grain_id_hash AND grain_type_hash = _grain_type_hash
          AND grain_id_n0 = _grain_id_n0 AND grain_id_n1 = _grain_id_n1 AND grain_type = _grain_type
          AND grain_id_extension = coalesce(_grain_id_extension, '') AND version = _version
        RETURNING version INTO _new_version;
    END IF;
    RETURN _new_version;
END
$$;

CREATE OR REPLACE FUNCTION grain_state_delete(
    _service_id varchar, _grain_id_hash integer, _grain_type_hash integer, _grain_id_n0 bigint, _grain_id_n1 bigint,
    _grain_type varchar, _grain_id_extension varchar, _version integer, _keep_row boolean)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    _new_version integer;
BEGIN
    IF _keep_row THEN
        UPDATE grain_state
        SET payload = NULL, version = version + 1, modified_on = now()
        WHERE service_id = _service_id AND grain_id_hash = _grain_id_hash AND grain_type_hash = _grain_type_hash
          AND grain_id_n0 = _grain_id_n0 AND grain_id_n1 = _grain_id_n1 AND grain_type = _grain_type
          AND grain_id_extension = coalesce(_grain_id_extension, '') AND version = _version
        RETURNING version INTO _new_version;
    ELSE
        DELETE FROM grain_state
        WHERE service_id = _service_id AND grain_id_hash = _grain_id_hash AND grain_type_hash = _grain_type_hash
          AND grain_id_n0 = _grain_id_n0 AND grain_id_n1 = _grain_id_n1 AND grain_type = _grain_type
          AND grain_id_extension = coalesce(_grain_id_extension, '') AND version = _version
        RETURNING version + 1 INTO _new_version;
    END IF;
    RETURN _new_version;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey',
 'SELECT grain_state_write(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
      @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion'),
('ReadFromStorageKey',
 'SELECT payload AS PayloadBinary, version AS Version FROM grain_state
  WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
    AND grain_id_extension = coalesce(@GrainIdExtensionString, '''')'),
('ClearStorageKey',
 'SELECT grain_state_delete(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
      @GrainIdExtensionString, @GrainStateVersion, true) AS NewGrainStateVersion'),
('DeleteStorageKey',
 'SELECT grain_state_delete(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
      @GrainIdExtensionString, @GrainStateVersion, false) AS NewGrainStateVersion')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- A page of a job's contact records in one query (the contacts.csv export): by key, for contact rows only. Keys never
-- change on a write, so updates stay HOT.
CREATE INDEX IF NOT EXISTS grain_state_contact_key ON grain_state (service_id, grain_id_extension) WHERE grain_type = 'contact';
