-- The outbox of outbound webhooks (README "Webhooks"): one row per event and endpoint, added by whoever makes the event
-- before what the event reports is stored, and worked off by the endpoint's deliverer (WebhookEndpointGrain).
-- seq orders each job's events; status is 0 pending, 1 failed (retried at next_attempt_at), 2 delivered, 3 given up;
-- created_at starts the 24 hours of retries. data is the event in Orleans' binary format, like grain state.
-- Every statement is idempotent: silos apply this file at start.

CREATE TABLE IF NOT EXISTS webhook_outbox
(
    seq             bigserial    NOT NULL PRIMARY KEY,
    service_id      varchar(150) NOT NULL,
    event_id        text         NOT NULL,
    endpoint_id     text         NOT NULL,
    organization_id text         NOT NULL,
    job_id          text         NOT NULL,
    event_type      text         NOT NULL,
    data            bytea        NOT NULL,
    status          smallint     NOT NULL DEFAULT 0,
    attempts        integer      NOT NULL DEFAULT 0,
    status_code     integer,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz  NOT NULL,
    created_at      timestamptz  NOT NULL,
    -- An event enqueued again (a job recovering from a crash) is the same row.
    UNIQUE (service_id, event_id, endpoint_id)
);

-- An endpoint's due events (its deliverer's pull), and the endpoints with any (the sweep): only undelivered rows.
CREATE INDEX IF NOT EXISTS webhook_outbox_due ON webhook_outbox (service_id, endpoint_id, next_attempt_at) WHERE status < 2;
CREATE INDEX IF NOT EXISTS webhook_outbox_sweep ON webhook_outbox (service_id, next_attempt_at) WHERE status < 2;
-- A job's failed event, which the job's later events wait behind.
CREATE INDEX IF NOT EXISTS webhook_outbox_failed ON webhook_outbox (service_id, endpoint_id, job_id) WHERE status = 1;
-- An endpoint's delivery log, newest first; and the purge of old finished rows.
CREATE INDEX IF NOT EXISTS webhook_outbox_log ON webhook_outbox (service_id, endpoint_id, seq);
CREATE INDEX IF NOT EXISTS webhook_outbox_age ON webhook_outbox (service_id, created_at) WHERE status >= 2;
