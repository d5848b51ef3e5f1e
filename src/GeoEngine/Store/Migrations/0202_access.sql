-- Accessibility results (issue 4). Times are seconds; NULL = not reachable on the network.
-- One set of rows per (service kind, mode); a kind is recomputed alone when its facilities change.
-- dwelling_id has no foreign key on purpose: a recompute replaces ~900k rows by COPY, and a
-- per-row FK check would double the write time; rows of a deleted dwelling go at the next recompute.

-- Per dwelling: time to the nearest facility and how many are within 15 and 30 minutes.
CREATE TABLE access.dwelling_times (
    kind         text NOT NULL,
    mode         text NOT NULL,
    dwelling_id  bigint NOT NULL,
    seconds      real,
    within_15    integer NOT NULL,
    within_30    integer NOT NULL,
    PRIMARY KEY (kind, mode, dwelling_id)
);

-- Per area (LSOA or hex): distribution of dwelling times.
CREATE TABLE access.area_stats (
    kind           text NOT NULL,
    mode           text NOT NULL,
    area_code      text NOT NULL,
    dwellings      integer NOT NULL,
    reachable      integer NOT NULL,
    mean_s         real,
    median_s       real,
    p90_s          real,
    share_over_15  real NOT NULL,   -- unreachable dwellings count as beyond
    share_over_30  real NOT NULL,
    PRIMARY KEY (kind, mode, area_code)
);

-- Two-step floating catchment (GPs with a known capacity): per dwelling and per area mean.
CREATE TABLE access.gp_2sfca (
    mode         text NOT NULL,
    dwelling_id  bigint NOT NULL,
    score        double precision NOT NULL,   -- capacity units per dwelling reachable within the catchment
    PRIMARY KEY (mode, dwelling_id)
);

-- What was computed when, per (kind, mode), against which facility change.
CREATE TABLE access.runs (
    kind          text NOT NULL,
    mode          text NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    facilities    integer NOT NULL,
    dwellings     integer NOT NULL,
    seconds_taken double precision NOT NULL,
    PRIMARY KEY (kind, mode)
);

-- Dwellings linked to the network, per mode, kept for the network import they were made on: a
-- recompute of one kind reuses them instead of linking every dwelling again. edge_id NULL = the
-- dwelling is farther than the linking limit from any edge the mode may use.
CREATE TABLE access.dwelling_links (
    mode         text NOT NULL,
    dwelling_id  bigint NOT NULL,
    import_id    bigint NOT NULL,
    edge_id      bigint,
    fraction     double precision,
    offset_m     double precision,
    foot_x       double precision,
    foot_y       double precision,
    PRIMARY KEY (mode, dwelling_id)
);
