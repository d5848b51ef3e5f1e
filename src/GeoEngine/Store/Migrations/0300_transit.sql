-- Transit (issue 5): GTFS feeds as loaded. Each feed is one row of transit.feeds; every other
-- table hangs off it (ON DELETE CASCADE), so re-importing a feed deletes and rewrites it in one
-- transaction. Times are seconds after midnight of the service day (may exceed 86400).
CREATE TABLE transit.feeds (
    id           serial PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    file_name    text NOT NULL,
    sha256       text NOT NULL,
    in_default   boolean NOT NULL DEFAULT true,   -- part of the default timetable (false: kept for before/after)
    first_date   date,
    last_date    date,
    loaded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE transit.agencies (
    feed_id    integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    agency_id  text NOT NULL,
    name       text NOT NULL,
    timezone   text NOT NULL
);
CREATE INDEX agencies_feed_idx ON transit.agencies (feed_id);

CREATE TABLE transit.stops (
    feed_id         integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    stop_id         text NOT NULL,
    name            text NOT NULL,
    lon             double precision,
    lat             double precision,
    location_type   smallint NOT NULL DEFAULT 0,
    parent_station  text NOT NULL DEFAULT '',
    geom            geometry(Point, 27700),
    PRIMARY KEY (feed_id, stop_id)
);
CREATE INDEX stops_geom_gix ON transit.stops USING gist (geom);

CREATE TABLE transit.routes (
    feed_id     integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    route_id    text NOT NULL,
    agency_id   text NOT NULL,
    short_name  text NOT NULL,
    long_name   text NOT NULL,
    route_type  integer NOT NULL,
    PRIMARY KEY (feed_id, route_id)
);

CREATE TABLE transit.trips (
    feed_id     integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    trip_id     text NOT NULL,
    route_id    text NOT NULL,
    service_id  text NOT NULL,
    headsign    text NOT NULL,
    PRIMARY KEY (feed_id, trip_id)
);

CREATE TABLE transit.stop_times (
    feed_id        integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    trip_id        text NOT NULL,
    stop_sequence  integer NOT NULL,
    stop_id        text NOT NULL,
    arrival_s      integer NOT NULL,
    departure_s    integer NOT NULL,
    pickup_type    smallint NOT NULL,
    drop_off_type  smallint NOT NULL,
    PRIMARY KEY (feed_id, trip_id, stop_sequence)
);

CREATE TABLE transit.calendar (
    feed_id     integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    service_id  text NOT NULL,
    weekdays    smallint NOT NULL,   -- bit 0 Sunday .. bit 6 Saturday
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    PRIMARY KEY (feed_id, service_id)
);

CREATE TABLE transit.calendar_dates (
    feed_id         integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    service_id      text NOT NULL,
    date            date NOT NULL,
    exception_type  smallint NOT NULL CHECK (exception_type IN (1, 2))
);
CREATE INDEX calendar_dates_feed_idx ON transit.calendar_dates (feed_id);

CREATE TABLE transit.frequencies (
    feed_id      integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    trip_id      text NOT NULL,
    start_s      integer NOT NULL,
    end_s        integer NOT NULL,
    headway_s    integer NOT NULL CHECK (headway_s > 0),
    exact_times  boolean NOT NULL
);
CREATE INDEX frequencies_feed_idx ON transit.frequencies (feed_id);

CREATE TABLE transit.transfers (
    feed_id         integer NOT NULL REFERENCES transit.feeds (id) ON DELETE CASCADE,
    from_stop_id    text NOT NULL,
    to_stop_id      text NOT NULL,
    transfer_type   smallint NOT NULL,
    min_transfer_s  integer NOT NULL
);
CREATE INDEX transfers_feed_idx ON transit.transfers (feed_id);
