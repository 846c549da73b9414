-- What ranking reads of each attorney's profile, one row per attorney, so that ranking a referral
-- against tens of thousands of attorneys reads one row each instead of joining six tables. Triggers keep it equal to the lists: any write of a profile or of one of its lists
-- rebuilds the rows of the attorneys it touched, in the same transaction.

-- +goose Up
CREATE TABLE attorney_matching (
    user_id    uuid PRIMARY KEY REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    -- The profile's own columns.
    monthly_hour_budget int NOT NULL,
    max_active_matters  int NOT NULL,
    annual_goal_hours   int NOT NULL,
    work_mode           text NOT NULL,
    accepts_mentored    boolean NOT NULL,
    -- What ranking filters on: the jurisdictions of the active bar admissions, the top-level
    -- practice areas of the profile's areas, and the languages.
    admissions text[] NOT NULL,
    top_areas  text[] NOT NULL,
    languages  text[] NOT NULL,
    -- The lists as one line of text, which Postgres sends several times faster than the arrays
    -- (store.parseMatchingProfile reads it). Six fields separated by "|", items by ",":
    -- active admissions; areas as code:level (1 learning, 2 some, 3 experienced, 4 expert);
    -- languages; windows as weekday:start-end in minutes after midnight; the first window's time
    -- zone; blackouts as from/to dates. None of the codes holds "|", "," or ":".
    profile    text NOT NULL
);
-- Ranking keeps the attorneys admitted in the referral's jurisdiction, practising its area and
-- speaking the client's language.
CREATE INDEX attorney_matching_admissions_idx ON attorney_matching USING gin (admissions);
-- The firms with a mentor in an area: its experienced and expert attorneys.
CREATE INDEX attorney_practice_areas_mentors_idx ON attorney_practice_areas (practice_area, user_id)
    WHERE experience IN ('experienced', 'expert');

-- +goose StatementBegin
CREATE FUNCTION refresh_attorney_matching(ids uuid[]) RETURNS void LANGUAGE sql AS $$
INSERT INTO attorney_matching (user_id, monthly_hour_budget, max_active_matters, annual_goal_hours, work_mode,
    accepts_mentored, admissions, top_areas, languages, profile)
SELECT p.user_id, p.monthly_hour_budget, p.max_active_matters, p.annual_goal_hours, p.work_mode, p.accepts_mentored,
    x.admissions, x.top_areas, x.languages, concat_ws('|',
    array_to_string(x.admissions, ','),
    array_to_string(ARRAY(SELECT a.practice_area || ':' ||
        CASE a.experience WHEN 'learning' THEN 1 WHEN 'some' THEN 2 WHEN 'experienced' THEN 3 ELSE 4 END
        FROM attorney_practice_areas a WHERE a.user_id = p.user_id ORDER BY a.practice_area), ','),
    array_to_string(x.languages, ','),
    array_to_string(ARRAY(SELECT w.weekday || ':' || extract(epoch FROM w.starts_at)::int / 60 || '-' || extract(epoch FROM w.ends_at)::int / 60
        FROM attorney_availability w WHERE w.user_id = p.user_id ORDER BY w.position), ','),
    coalesce((SELECT w.time_zone FROM attorney_availability w WHERE w.user_id = p.user_id ORDER BY w.position LIMIT 1), ''),
    array_to_string(ARRAY(SELECT d.starts_on::text || '/' || d.ends_on::text
        FROM attorney_blackouts d WHERE d.user_id = p.user_id ORDER BY d.position), ','))
FROM attorney_profiles p
CROSS JOIN LATERAL (SELECT
    ARRAY(SELECT b.jurisdiction FROM attorney_bar_admissions b WHERE b.user_id = p.user_id AND b.status = 'active' ORDER BY 1) AS admissions,
    ARRAY(SELECT DISTINCT split_part(a.practice_area, '.', 1) FROM attorney_practice_areas a WHERE a.user_id = p.user_id ORDER BY 1) AS top_areas,
    ARRAY(SELECT l.language::text FROM attorney_languages l WHERE l.user_id = p.user_id ORDER BY 1) AS languages) x
WHERE p.user_id = ANY (ids)
ON CONFLICT (user_id) DO UPDATE SET monthly_hour_budget = EXCLUDED.monthly_hour_budget,
    max_active_matters = EXCLUDED.max_active_matters, annual_goal_hours = EXCLUDED.annual_goal_hours,
    work_mode = EXCLUDED.work_mode, accepts_mentored = EXCLUDED.accepts_mentored, admissions = EXCLUDED.admissions, top_areas = EXCLUDED.top_areas,
    languages = EXCLUDED.languages, profile = EXCLUDED.profile
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION attorney_matching_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_attorney_matching(ARRAY(SELECT DISTINCT user_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_attorney_matching(ARRAY(SELECT DISTINCT user_id FROM old_rows));
    ELSE
        PERFORM refresh_attorney_matching(ARRAY(SELECT user_id FROM new_rows UNION SELECT user_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- A trigger with transition tables fires on one kind of write, so each table has three.
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['attorney_profiles', 'attorney_bar_admissions', 'attorney_practice_areas',
        'attorney_languages', 'attorney_availability', 'attorney_blackouts'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION attorney_matching_changed()', t || '_matching_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION attorney_matching_changed()', t || '_matching_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION attorney_matching_changed()', t || '_matching_delete', t);
    END LOOP;
END
$$;
-- +goose StatementEnd

SELECT refresh_attorney_matching(ARRAY(SELECT user_id FROM attorney_profiles));

-- +goose Down
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['attorney_profiles', 'attorney_bar_admissions', 'attorney_practice_areas',
        'attorney_languages', 'attorney_availability', 'attorney_blackouts'] LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_matching_insert', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_matching_update', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_matching_delete', t);
    END LOOP;
END
$$;
-- +goose StatementEnd
DROP FUNCTION attorney_matching_changed();
DROP FUNCTION refresh_attorney_matching(uuid[]);
DROP INDEX attorney_practice_areas_mentors_idx;
DROP TABLE attorney_matching;
