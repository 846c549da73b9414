-- The 2026 HHS poverty guidelines, and platform admins' deactivation of an organisation.
--
-- Source of the guidelines: HHS, "Annual Update of the HHS Poverty Guidelines", Federal Register
-- vol. 91 no. 10, 15 January 2026, pp. 1797-1798, FR Doc 2026-00755, effective 13 January 2026;
-- the same tables on aspe.hhs.gov/topics/poverty-economic-mobility/poverty-guidelines. For one
-- person and for each additional person: 48 contiguous states and DC $15,960 + $5,680, Alaska
-- $19,950 + $7,100, Hawaii $18,360 + $6,530 (so a household of four is $33,000, $41,250, $37,950).

-- +goose Up
INSERT INTO poverty_guidelines (year, region, base_cents, per_person_cents) VALUES
    (2026, 'contiguous', 1596000, 568000),
    (2026, 'alaska',     1995000, 710000),
    (2026, 'hawaii',     1836000, 653000);

-- While set, the organisation's members can neither sign in nor use the tokens they hold.
ALTER TABLE organizations ADD COLUMN deactivated_at timestamptz;

-- +goose Down
ALTER TABLE organizations DROP COLUMN deactivated_at;
DELETE FROM poverty_guidelines WHERE year = 2026;
