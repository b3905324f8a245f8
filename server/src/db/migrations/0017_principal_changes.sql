-- Each server process keeps its callers' principals (staff roles and member record) in memory. Any change
-- to what a principal holds is announced on commit on this channel, and every process listening drops
-- the principals it kept: a revoked role stops working everywhere at once. A member's level is not part
-- of a principal, so promotions (UPDATE OF level) announce nothing.
CREATE FUNCTION announce_principal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('principal_changes', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER staff_roles_principal_change AFTER INSERT OR UPDATE OR DELETE ON staff_roles
  FOR EACH STATEMENT EXECUTE FUNCTION announce_principal_change();
CREATE TRIGGER members_principal_change AFTER INSERT OR DELETE OR UPDATE OF user_id, type, status, store_id ON members
  FOR EACH STATEMENT EXECUTE FUNCTION announce_principal_change();
