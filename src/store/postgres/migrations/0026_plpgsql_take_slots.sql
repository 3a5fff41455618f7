-- chorus_take_slots (0007, 0015) in PL/pgSQL instead of SQL: called from the slot triggers, a
-- SQL function is parsed and planned again at every call, PL/pgSQL keeps its plan for the
-- session. The three calls of a label took 945 us of the server's time before, 505 after
-- (bench/pg_statements.sh, 50 annotators).
CREATE OR REPLACE FUNCTION chorus_take_slots(task BIGINT, delta BIGINT) RETURNS VOID AS $$
BEGIN
  UPDATE tasks SET taken = taken + delta, is_open = taken + delta <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = task;
END;
$$ LANGUAGE plpgsql;

