-- Deactivating a user bumps their token generation. Access and refresh tokens carry the generation
-- they were issued in and stop working once it changes, so tokens issued before a deactivation stay
-- invalid after the user is reactivated.

-- +goose Up
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
ALTER TABLE refresh_tokens ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE refresh_tokens DROP COLUMN token_generation;
ALTER TABLE users DROP COLUMN token_generation;
