-- 003: the patient search's look-up (plan §3) answers "rare or common?" for
-- less. 001's physioplan_patients_matching(pattern) returned every matching
-- id as a set, one row at a time through the caller's ProjectSet, from an SQL
-- function whose query PostgreSQL plans again at every call; to tell a common
-- term ("achilles", 1 patient in 12: 4,167 of 50,000) the server fetched
-- 1,001 ids and threw them away. This one takes the limit, stops at one more
-- than it, and answers one array: the ids of a rare term, NULL for a common
-- one. PL/pgSQL keeps the query's plan for the connection. Measured on the
-- bench's 50,000-patient clinic, the whole search on the store, old and new
-- interleaved in one process (with query/postgres.ts's round trip fewer),
-- median ms at load 7.7-8.4 (others building): "achilles" 17.8 -> 14.9,
-- "ova" 15.6 -> 12.8, "okafor-1" 9.7 -> 8.3, no match 1.9 -> 1.0; the same
-- rows each time.
--
-- Same owner and grants as 001's: it runs as physioplan_search (BYPASSRLS,
-- three columns), filters by the transaction's clinic itself, and the
-- caller's query on patients stays under the policy. The owner needs CREATE
-- on the schema to hand it over; 002 took that away from the definer roles,
-- so it is lent for this transaction only.
DROP FUNCTION physioplan_patients_matching(text);
CREATE FUNCTION physioplan_patients_matching(pattern text, most integer) RETURNS bigint[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  found bigint[];
BEGIN
  -- MATERIALIZED: planned for every match, so always through the trigram index, and read
  -- only as far as the limit. A LIMIT the planner sees made it guess it could stop early
  -- in a sequential scan: "okafor-1" (702 matches, 1,515 guessed) took 35-55 ms that way.
  found := ARRAY(
    WITH matching AS MATERIALIZED (
      SELECT id FROM patients WHERE clinic_id = physioplan_clinic() AND search_text LIKE pattern
    )
    SELECT id FROM matching LIMIT most + 1);
  RETURN CASE WHEN cardinality(found) > most THEN NULL ELSE found END;
END $$;
GRANT CREATE ON SCHEMA public TO physioplan_search;
ALTER FUNCTION physioplan_patients_matching(text, integer) OWNER TO physioplan_search;
REVOKE CREATE ON SCHEMA public FROM physioplan_search;
REVOKE ALL ON FUNCTION physioplan_patients_matching(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION physioplan_patients_matching(text, integer) TO physioplan_app;
