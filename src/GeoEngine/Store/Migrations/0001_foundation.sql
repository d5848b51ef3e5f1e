-- CohesionGeo data model (DESIGN.md). Analysis CRS is EPSG:27700 (British National Grid, metres).
-- Later migrations are numbered by area so that parallel work does not collide:
--   01xx network, 02xx places/access, 03xx transit, 04xx risk, 05xx tiles/security, 06xx assessment.

CREATE SCHEMA IF NOT EXISTS meta;
CREATE SCHEMA IF NOT EXISTS network;
CREATE SCHEMA IF NOT EXISTS places;
CREATE SCHEMA IF NOT EXISTS transit;
CREATE SCHEMA IF NOT EXISTS risk;
CREATE SCHEMA IF NOT EXISTS access;
CREATE SCHEMA IF NOT EXISTS audit;

-- Which first-start load steps have completed (so a second run skips them).
CREATE TABLE meta.load_steps (
    step          text PRIMARY KEY,
    completed_at  timestamptz NOT NULL DEFAULT now(),
    detail        text
);

-- Routable network. Costs are seconds; a negative cost means the mode may not pass in that
-- direction, so pgRouting can run directly on this table.
CREATE TABLE network.nodes (
    id      bigint PRIMARY KEY,
    osm_id  bigint,
    geom    geometry(Point, 27700) NOT NULL
);
CREATE INDEX nodes_geom_gix ON network.nodes USING gist (geom);

CREATE TABLE network.edges (
    id                  bigint PRIMARY KEY,
    source              bigint NOT NULL,
    target              bigint NOT NULL,
    osm_way_id          bigint,
    highway             text,
    name                text,
    length_m            double precision NOT NULL,
    lit                 text,
    cost_walk           double precision NOT NULL,
    reverse_cost_walk   double precision NOT NULL,
    cost_cycle          double precision NOT NULL,
    reverse_cost_cycle  double precision NOT NULL,
    cost_drive          double precision NOT NULL,
    reverse_cost_drive  double precision NOT NULL,
    -- OSM tags kept for Designing Out Crime layers and the map: service=alley, footway=*, access.
    service             text,
    footway             text,
    access              text,
    geom                geometry(LineString, 27700) NOT NULL
);
CREATE INDEX edges_geom_gix ON network.edges USING gist (geom);
CREATE INDEX edges_source_idx ON network.edges (source);
CREATE INDEX edges_target_idx ON network.edges (target);

-- Services people need to reach.
CREATE TABLE places.facilities (
    id             bigserial PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('gp', 'youth_club', 'day_centre', 'pharmacy', 'community_centre',
                                                  'school', 'place_of_worship', 'food_bank', 'hospital', 'library')),
    name           text NOT NULL,
    name_cy        text,
    source         text NOT NULL,
    source_ref     text NOT NULL,
    capacity       integer CHECK (capacity IS NULL OR capacity >= 0),
    opening_hours  text,
    geom           geometry(Point, 27700) NOT NULL,
    UNIQUE (source, source_ref)
);
CREATE INDEX facilities_geom_gix ON places.facilities USING gist (geom);
CREATE INDEX facilities_kind_idx ON places.facilities (kind);

-- Statistical areas (LSOA) and analysis cells (hex).
CREATE TABLE places.areas (
    code        text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('lsoa', 'hex')),
    name        text,
    name_cy     text,
    population  integer,
    ruc         text,
    wimd_rank   integer,
    geom        geometry(MultiPolygon, 27700) NOT NULL
);
CREATE INDEX areas_geom_gix ON places.areas USING gist (geom);
CREATE INDEX areas_kind_idx ON places.areas (kind);

-- The one hex grid: cells of ST_HexagonGrid in EPSG:27700 with code 'H<size>_<i>_<j>', so every
-- feature (accessibility, risk) bins into the same cells. Idempotent; returns cells added.
CREATE FUNCTION places.ensure_hex_grid(size_m integer, extent geometry)
RETURNS integer LANGUAGE sql AS $$
    WITH cells AS (
        SELECT 'H' || size_m || '_' || h.i || '_' || h.j AS code, ST_Multi(h.geom) AS geom
        FROM ST_HexagonGrid(size_m, ST_Transform(extent, 27700)) AS h
    ), added AS (
        INSERT INTO places.areas (code, kind, name, geom)
        SELECT code, 'hex', code, geom FROM cells
        ON CONFLICT (code) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM added;
$$;

-- Origins: OSM residential buildings, or area centroids where none are mapped.
CREATE TABLE places.dwellings (
    id          bigserial PRIMARY KEY,
    source      text NOT NULL,
    source_ref  text NOT NULL,
    area_code   text,
    geom        geometry(Point, 27700) NOT NULL,
    UNIQUE (source, source_ref)
);
CREATE INDEX dwellings_geom_gix ON places.dwellings USING gist (geom);

-- Dispersal sites and planning application boundaries: restricted data.
CREATE TABLE places.sites (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('dispersal', 'planning_application')),
    ref         text,
    name        text,
    capacity    integer,
    status      text,
    geom        geometry(Geometry, 27700) NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_geom_gix ON places.sites USING gist (geom);

-- police.uk street-level rows. Coordinates are police.uk's anonymised snap points; rows without
-- them are kept by LSOA only (geom NULL).
CREATE TABLE risk.incidents (
    id             bigserial PRIMARY KEY,
    crime_id       text,
    month          date NOT NULL,
    reported_by    text,
    falls_within   text,
    category       text NOT NULL,
    location       text,
    lsoa_code      text,
    lsoa_name      text,
    outcome        text,
    context        text,
    row_key        text NOT NULL UNIQUE,
    geom           geometry(Point, 27700)
);
CREATE INDEX incidents_geom_gix ON risk.incidents USING gist (geom);
CREATE INDEX incidents_month_idx ON risk.incidents (month, category);

CREATE TABLE risk.tension_reports (
    id           bigserial PRIMARY KEY,
    reported_on  date NOT NULL,
    tier         text NOT NULL CHECK (tier IN ('evidenced', 'experienced', 'potential')),
    level        smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
    theme        text NOT NULL,
    area_code    text,
    geom         geometry(Point, 27700),
    summary      text,
    partner      text,
    synthetic    boolean NOT NULL DEFAULT false,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (area_code IS NOT NULL OR geom IS NOT NULL)
);
CREATE INDEX tension_geom_gix ON risk.tension_reports USING gist (geom);

CREATE TABLE risk.doco_features (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL,
    source       text NOT NULL CHECK (source IN ('osm', 'officer')),
    note         text,
    observed_on  date,
    edge_id      bigint,
    geom         geometry(Geometry, 27700) NOT NULL
);
CREATE INDEX doco_geom_gix ON risk.doco_features USING gist (geom);

-- Every read of restricted data, and every change, is recorded here.
CREATE TABLE audit.events (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    role      text NOT NULL,
    action    text NOT NULL,
    resource  text NOT NULL,
    detail    jsonb
);
CREATE INDEX events_at_idx ON audit.events (at);
