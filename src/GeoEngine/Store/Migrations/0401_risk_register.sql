-- Risk (04xx): community tension register history and import keys; DOCO observation authorship.

-- Every version of a tension report: version 1 is the report as created, each edit adds the new
-- state. Nothing here is ever updated or deleted.
CREATE TABLE risk.tension_report_history (
    id          bigserial PRIMARY KEY,
    report_id   bigint NOT NULL REFERENCES risk.tension_reports (id),
    version     integer NOT NULL,
    change      text NOT NULL CHECK (change IN ('create', 'update', 'import')),
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    state       jsonb NOT NULL,
    UNIQUE (report_id, version)
);

-- Reports loaded from a CSV carry a key (hash of the row content and its occurrence in the file),
-- so importing the same file twice adds nothing. Reports made through the API have none.
ALTER TABLE risk.tension_reports ADD COLUMN import_key text UNIQUE;
ALTER TABLE risk.tension_reports ADD CONSTRAINT tension_theme_check CHECK (theme IN (
    'asylum_and_refugees', 'lgbtq', 'religion', 'race', 'misogyny', 'far_right_activity', 'protest',
    'youth_asb', 'online_narrative', 'other'));
CREATE INDEX tension_reported_on_idx ON risk.tension_reports (reported_on);

-- DOCO: who recorded an officer observation; derived features are unique per (kind, edge).
ALTER TABLE risk.doco_features ADD COLUMN created_by text;
ALTER TABLE risk.doco_features ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX doco_derived_uq ON risk.doco_features (kind, edge_id) WHERE source = 'osm';
CREATE INDEX doco_kind_idx ON risk.doco_features (kind);
