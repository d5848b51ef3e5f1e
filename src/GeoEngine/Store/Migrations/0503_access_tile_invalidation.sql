-- Accessibility tile layers (access_lsoa, access_hex) are evicted when area results change.
CREATE TRIGGER tiles_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON access.area_stats
    FOR EACH STATEMENT EXECUTE FUNCTION meta.notify_tile_data('access');
