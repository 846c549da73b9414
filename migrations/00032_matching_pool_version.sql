-- The version of the attorneys matching ranks from: every write that changes who they are (a
-- profile, a membership, an account's or a firm's standing) raises it in the writing transaction,
-- so a server that keeps the attorneys in memory reads them again exactly when a committed write
-- has changed them.

-- +goose Up
CREATE TABLE matching_pool_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO matching_pool_version (version) VALUES (1);

-- +goose StatementBegin
CREATE FUNCTION matching_pool_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE matching_pool_version SET version = version + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER attorney_matching_pool_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON attorney_matching
    FOR EACH STATEMENT EXECUTE FUNCTION matching_pool_changed();
CREATE TRIGGER memberships_pool_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION matching_pool_changed();
CREATE TRIGGER users_pool_changed AFTER INSERT OR UPDATE OF active OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION matching_pool_changed();
CREATE TRIGGER organizations_pool_changed AFTER INSERT OR UPDATE OF kind, deactivated_at OR DELETE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION matching_pool_changed();

-- +goose Down
DROP TRIGGER organizations_pool_changed ON organizations;
DROP TRIGGER users_pool_changed ON users;
DROP TRIGGER memberships_pool_changed ON memberships;
DROP TRIGGER attorney_matching_pool_changed ON attorney_matching;
DROP FUNCTION matching_pool_changed();
DROP TABLE matching_pool_version;
