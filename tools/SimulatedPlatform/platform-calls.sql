-- The simulated platform's state, all of it: any instance serves any call, and a restart loses nothing. Several test
-- runs share one database at once (rows keyed by their own job ids), so nothing here is ever truncated.
BEGIN;
-- Instances started together would race on CREATE ... IF NOT EXISTS (a unique violation in the catalog).
SELECT pg_advisory_xact_lock(hashtext('platform_calls'));

CREATE TABLE IF NOT EXISTS platform_calls
(
    call_id              text        NOT NULL PRIMARY KEY,
    provider_call_id     text        NOT NULL,
    organization_id      text        NOT NULL,
    job_id               text        NOT NULL,
    attempt              integer     NOT NULL,
    to_number            text,
    from_number          text,
    -- The scripted name (completed, no_answer, busy, failed, voicemail, timeout, invalid_number, declined, canceled);
    -- timeout after a hang-up.
    outcome              text        NOT NULL,
    sip_code             integer,
    -- Connected milliseconds: 0 for a call never answered.
    duration_ms          integer     NOT NULL,
    max_duration_seconds integer,
    behaviour            text        NOT NULL DEFAULT '',
    events_url           text        NOT NULL,
    -- How many POSTs placed this call id: more than one is a duplicate dial.
    placements           integer     NOT NULL DEFAULT 1,
    started_at           timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    -- When the final event was delivered (2xx) or refused for good (400, 404).
    reported_at          timestamptz,
    report_status        integer,
    report_attempts      integer     NOT NULL DEFAULT 0,
    -- When the final event is due (again): its end, a retry's backoff, or a claim's lease; 'infinity' for never.
    next_report_at       timestamptz NOT NULL,
    hung_up              boolean     NOT NULL DEFAULT false
);

-- Calls placed on the Twilio subset ('twilio'; organization_id is then the account SID, provider_call_id the call's sid):
-- added to tables that older runs made.
ALTER TABLE platform_calls ADD COLUMN IF NOT EXISTS protocol text NOT NULL DEFAULT 'webhook';
-- Whether the dial asked Twilio for answering machine detection: only then do its callbacks say who answered.
ALTER TABLE platform_calls ADD COLUMN IF NOT EXISTS machine_detection boolean NOT NULL DEFAULT false;
-- When a Twilio call's final callback is due (again), as next_report_at is for a webhook call's final event; a Twilio
-- call's next_report_at stays 'infinity', so that simulators of older commits sharing the database never claim it.
ALTER TABLE platform_calls ADD COLUMN IF NOT EXISTS twilio_report_at timestamptz;
-- Which platform placed the call (a digest of its secret): only it delivers the call's events.
ALTER TABLE platform_calls ADD COLUMN IF NOT EXISTS platform_key text;

CREATE INDEX IF NOT EXISTS platform_calls_job ON platform_calls (job_id);
CREATE INDEX IF NOT EXISTS platform_calls_twilio_sid ON platform_calls (provider_call_id) WHERE protocol = 'twilio';
CREATE INDEX IF NOT EXISTS platform_calls_twilio_to ON platform_calls (to_number, started_at) WHERE protocol = 'twilio';
CREATE INDEX IF NOT EXISTS platform_calls_organization ON platform_calls (organization_id);
CREATE INDEX IF NOT EXISTS platform_calls_due ON platform_calls (next_report_at) WHERE reported_at IS NULL;
CREATE INDEX IF NOT EXISTS platform_calls_twilio_due ON platform_calls (twilio_report_at) WHERE reported_at IS NULL AND twilio_report_at IS NOT NULL;

-- Every signed, well-formed POST /calls, with the status it was answered: the first one per call id is what the
-- first-POST misbehaviours act on.
CREATE TABLE IF NOT EXISTS platform_dial_requests
(
    id          bigserial   NOT NULL PRIMARY KEY,
    call_id     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    status_code integer     NOT NULL
);

CREATE INDEX IF NOT EXISTS platform_dial_requests_call ON platform_dial_requests (call_id);
COMMIT;
