-- Vector tiles (issue 7): indexes on the tile CRS (EPSG:3857, Web Mercator).
-- Tile queries (GeoEngine/Store/Tiles/TileSources.cs) filter with exactly
--   ST_Transform(t.geom, 3857) && ST_TileEnvelope(z, x, y, margin => ...)
-- so these expression indexes answer the filter without transforming every row per tile.
-- Keep the expression here and in TileSql.TileGeometry identical, or the planner falls back to a scan.
CREATE INDEX edges_geom_3857_gix      ON network.edges        USING gist (ST_Transform(geom, 3857));
CREATE INDEX facilities_geom_3857_gix ON places.facilities    USING gist (ST_Transform(geom, 3857));
CREATE INDEX dwellings_geom_3857_gix  ON places.dwellings     USING gist (ST_Transform(geom, 3857));
CREATE INDEX areas_geom_3857_gix      ON places.areas         USING gist (ST_Transform(geom, 3857));
CREATE INDEX sites_geom_3857_gix      ON places.sites         USING gist (ST_Transform(geom, 3857));
CREATE INDEX incidents_geom_3857_gix  ON risk.incidents       USING gist (ST_Transform(geom, 3857));
CREATE INDEX doco_geom_3857_gix       ON risk.doco_features   USING gist (ST_Transform(geom, 3857));
CREATE INDEX tension_area_code_idx    ON risk.tension_reports (area_code);
