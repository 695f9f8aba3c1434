-- Every change of a run wakes whoever waits on it (?wait long-polls, LangGraph runs.wait/join/stream)
-- in every web process, at commit time: one NOTIFY per updated row, payload = the run id.
CREATE OR REPLACE FUNCTION acl_notify_run() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('acl_runs', NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS runs_notify ON runs;
--> statement-breakpoint
CREATE TRIGGER runs_notify AFTER UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION acl_notify_run();
