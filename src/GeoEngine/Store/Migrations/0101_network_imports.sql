-- Which network is loaded: one row per successful OSM import (the API reloads its in-memory graph
-- when the latest id changes). Islands: per mode, what the largest-component filter made impassable.
CREATE TABLE network.imports (
    id           bigserial PRIMARY KEY,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    source_file  text NOT NULL,
    sha256       text NOT NULL,
    nodes        integer NOT NULL,
    edges        integer NOT NULL,
    islands      jsonb NOT NULL DEFAULT '[]'
);
