-- 002: the definer roles lose CREATE on schema public. 001 granted it only so
-- the owner could hand them their functions (ALTER FUNCTION ... OWNER needs
-- the new owner to have CREATE on the schema); kept, a role that bypasses
-- row-level security could create objects that shadow or wrap ours.
REVOKE CREATE ON SCHEMA public FROM physioplan_search, physioplan_sign_in;
