-- API users: each holds a bearer token, stored only as its SHA-256. Roles per DESIGN.md.
CREATE TABLE meta.api_users (
    name          text PRIMARY KEY,
    role          text NOT NULL CHECK (role IN ('viewer', 'planner', 'doco', 'cohesion_lead', 'admin')),
    token_sha256  bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled      boolean NOT NULL DEFAULT false
);
