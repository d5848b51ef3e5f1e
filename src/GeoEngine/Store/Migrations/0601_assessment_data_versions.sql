-- Site dossier (issue 8): data versions for the API's in-memory caches (hot spots per month window, LSOA densities,
-- facilities linked to the network). Every statement that changes a watched table bumps its counter, whoever runs it
-- (an API import, a CLI import in another process, psql), so a cache keyed on the counters is never stale.
CREATE TABLE meta.data_versions (
    name     text PRIMARY KEY,
    version  bigint NOT NULL
);

CREATE FUNCTION meta.bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO meta.data_versions (name, version) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (name) DO UPDATE SET version = meta.data_versions.version + 1;
    RETURN NULL;
END
$$;

-- Statements that change no row (e.g. places.ensure_hex_grid over cells that exist) do not count.
CREATE FUNCTION meta.bump_data_version_if_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
        INSERT INTO meta.data_versions (name, version) VALUES (TG_ARGV[0], 1)
        ON CONFLICT (name) DO UPDATE SET version = meta.data_versions.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER data_version_insert AFTER INSERT ON risk.incidents REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('incidents');
CREATE TRIGGER data_version_update AFTER UPDATE ON risk.incidents REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('incidents');
CREATE TRIGGER data_version_delete AFTER DELETE ON risk.incidents REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('incidents');
CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON risk.incidents
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version('incidents');

CREATE TRIGGER data_version_insert AFTER INSERT ON places.areas REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('areas');
CREATE TRIGGER data_version_update AFTER UPDATE ON places.areas REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('areas');
CREATE TRIGGER data_version_delete AFTER DELETE ON places.areas REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('areas');
CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON places.areas
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version('areas');

CREATE TRIGGER data_version_insert AFTER INSERT ON places.facilities REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('facilities');
CREATE TRIGGER data_version_update AFTER UPDATE ON places.facilities REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('facilities');
CREATE TRIGGER data_version_delete AFTER DELETE ON places.facilities REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version_if_new('facilities');
CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON places.facilities
    FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_data_version('facilities');
