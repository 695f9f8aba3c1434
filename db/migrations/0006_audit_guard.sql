-- Tamper-evident audit log. Hand-written: functions and triggers drizzle cannot express.
--
-- Canonical content of an event (reproduced by lib/audit/chain.ts, which verifies the chain):
-- the fields below, in this order, each written as "<octet length>:<text>;". The hash is
-- sha256(canonical) in hex; prev_hash is the hash of the team's previous event ('' for the first).
CREATE OR REPLACE FUNCTION audit_canonical(e_seq integer, e_id text, e_team text, e_at timestamptz, e_actor_type text, e_actor_id text,
  e_action text, e_subject_type text, e_subject_id text, e_data jsonb, e_prev text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT string_agg(octet_length(f) || ':' || f || ';', '' ORDER BY n)
  FROM unnest(ARRAY[e_seq::text, e_id, e_team, to_char(e_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e_actor_type, e_actor_id,
    e_action, e_subject_type, e_subject_id, e_data::text, e_prev]) WITH ORDINALITY AS t(f, n)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_digest(e_seq integer, e_id text, e_team text, e_at timestamptz, e_actor_type text, e_actor_id text,
  e_action text, e_subject_type text, e_subject_id text, e_data jsonb, e_prev text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_canonical(e_seq, e_id, e_team, e_at, e_actor_type, e_actor_id, e_action, e_subject_type, e_subject_id, e_data, e_prev), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Chain the events written before this migration, team by team, in creation order.
DO $$
DECLARE
  r record;
  last_team text := NULL;
  n integer := 0;
  prev text := '';
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY team_id, at, id LOOP
    IF last_team IS DISTINCT FROM r.team_id THEN
      last_team := r.team_id; n := 0; prev := '';
    END IF;
    n := n + 1;
    UPDATE audit_events SET seq = n, prev_hash = prev,
      hash = audit_digest(n, r.id, r.team_id, r.at, r.actor_type, r.actor_id, r.action, r.subject_type, r.subject_id, r.data, prev)
      WHERE id = r.id;
    SELECT hash INTO prev FROM audit_events WHERE id = r.id;
  END LOOP;
END $$;
--> statement-breakpoint
-- Seals an event into its team's chain when its transaction commits. Deferred so that the
-- per-team lock is taken at commit, after every row lock the transaction needs: taken at insert
-- time it would serialise whole transactions per team and deadlock with bulk decisions.
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev_seq integer;
  prev_h text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_chain:' || NEW.team_id, 0));
  SELECT seq, hash INTO prev_seq, prev_h FROM audit_events
    WHERE team_id = NEW.team_id AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  prev_seq := coalesce(prev_seq, 0) + 1;
  prev_h := coalesce(prev_h, '');
  UPDATE audit_events SET seq = prev_seq, prev_hash = prev_h,
    hash = audit_digest(prev_seq, NEW.id, NEW.team_id, NEW.at, NEW.actor_type, NEW.actor_id, NEW.action, NEW.subject_type, NEW.subject_id, NEW.data, prev_h)
    WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal();
--> statement-breakpoint
-- Append-only: no UPDATE, DELETE or TRUNCATE, except the one sealing update made by audit_seal
-- (nested in a trigger, on an unsealed row, touching only the chain columns).
CREATE OR REPLACE FUNCTION audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
    AND (NEW.id, NEW.team_id, NEW.at, NEW.actor_type, NEW.actor_id, NEW.action, NEW.subject_type, NEW.subject_id, NEW.data)
      IS NOT DISTINCT FROM (OLD.id, OLD.team_id, OLD.at, OLD.actor_type, OLD.actor_id, OLD.action, OLD.subject_type, OLD.subject_id, OLD.data)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_guard BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_guard();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_guard();
