-- Places (issue 4): every source record behind a facility, so deduplication keeps all sources.
-- places.facilities holds one row per real facility (its source/source_ref are the primary record's);
-- places.facility_sources holds every record that was folded into it (OSM, NHS list, user file…).
CREATE TABLE places.facility_sources (
    source         text NOT NULL,
    source_ref     text NOT NULL,
    facility_id    bigint NOT NULL REFERENCES places.facilities (id) ON DELETE CASCADE,
    name           text NOT NULL,
    name_cy        text,
    capacity       integer,
    opening_hours  text,
    precise        boolean NOT NULL,          -- false: a postcode centroid, not the building
    named          boolean NOT NULL,          -- false: the source has no name (an OSM feature without name=*)
    seq            bigserial,                 -- order records were folded in (merge priority)
    geom           geometry(Point, 27700) NOT NULL,
    added_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, source_ref)
);
CREATE INDEX facility_sources_facility_idx ON places.facility_sources (facility_id);

CREATE INDEX dwellings_area_idx ON places.dwellings (area_code);

-- When a kind's facilities change, access results for that kind are stale (recomputed per kind).
CREATE TABLE places.facility_kind_changes (
    kind        text PRIMARY KEY,
    changed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION places.note_facility_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO places.facility_kind_changes (kind) VALUES (NEW.kind)
        ON CONFLICT (kind) DO UPDATE SET changed_at = clock_timestamp();
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO places.facility_kind_changes (kind) VALUES (OLD.kind)
        ON CONFLICT (kind) DO UPDATE SET changed_at = clock_timestamp();
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER facilities_changed AFTER INSERT OR UPDATE OR DELETE ON places.facilities
    FOR EACH ROW EXECUTE FUNCTION places.note_facility_change();
