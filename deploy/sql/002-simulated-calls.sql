-- The simulated dialer's record of calls, standing in for a telephony platform that outlives our silos: a call
-- placed by a silo that dies still ends, and any silo reports its outcome (sweeping calls whose end has passed
-- unreported). Tests read it to prove that no call id was placed twice and that no ceiling was ever exceeded.
CREATE TABLE IF NOT EXISTS simulated_calls
(
    call_id         text        NOT NULL PRIMARY KEY,
    organization_id text        NOT NULL,
    job_id          text        NOT NULL,
    outcome         smallint    NOT NULL,
    duration_ms     integer     NOT NULL,
    started_at      timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    reported_at     timestamptz,
    placements      integer     NOT NULL DEFAULT 1
);

CREATE INDEX IF NOT EXISTS simulated_calls_unreported ON simulated_calls (ends_at) WHERE reported_at IS NULL;
CREATE INDEX IF NOT EXISTS simulated_calls_job ON simulated_calls (job_id);
