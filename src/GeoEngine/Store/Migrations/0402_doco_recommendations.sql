-- Risk (04xx): Designing Out Crime officers' recommendations on planning applications, and whether
-- the planning decision adopted them. Restricted (doco, admin); every read and change is audited.
CREATE TABLE risk.doco_recommendations (
    id               bigserial PRIMARY KEY,
    application_ref  text NOT NULL,
    site_id          bigint,
    recommendation   text NOT NULL,
    made_on          date NOT NULL,
    adopted          boolean,
    decided_on       date,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       text,
    updated_at       timestamptz,
    CHECK (decided_on IS NULL OR adopted IS NOT NULL)
);
CREATE INDEX doco_recommendations_ref_idx ON risk.doco_recommendations (application_ref);
