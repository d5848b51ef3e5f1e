-- Vector tiles (issue 7): tell running API servers when the data behind a tile layer change, whoever changed
-- them (an API import, a CLI import in another process, psql). One notification per statement (COPY included),
-- delivered at commit; the API's TileInvalidationListener evicts the dependent layers from its output cache.
-- The payload is a tile data key (GeoApi/Tiles/TileDataKeys.cs).
CREATE FUNCTION meta.notify_tile_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cohesiongeo_tiles', TG_ARGV[0]);
    RETURN NULL;
END
$$;

CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network.edges
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('network');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places.dwellings
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('dwellings');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places.facilities
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('facilities');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places.areas
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('areas');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places.sites
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('sites');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON risk.incidents
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('incidents');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON risk.tension_reports
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('tension_reports');
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON risk.doco_features
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('doco_features');
