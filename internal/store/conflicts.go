package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ConflictEntry is a row of conflict_entries: one name (primary or alias) of a registry entry.
type ConflictEntry struct {
	ID         uuid.UUID
	EntryID    uuid.UUID
	FirmID     uuid.UUID
	Name       string
	Normalized string
	PersonKey  string
	// MatchKeys are the name's keys besides trigrams and PersonKey (see conflict.entryKeys); never
	// nil, as NULL marks a row whose keys are still to be filled in.
	MatchKeys pq.StringArray `gorm:"type:text[]"`
	IsAlias   bool
	Kind      string
	Role      string
	MatterRef string
	CreatedAt time.Time
	CreatedBy *uuid.UUID
	// CreatedByName is read with the entry (users.name), never written.
	CreatedByName string `gorm:"->;-:migration"`
}

// ConflictCheck is a row of conflict_checks: the latest result for a referral and a firm.
type ConflictCheck struct {
	ID         uuid.UUID
	ReferralID uuid.UUID
	FirmID     uuid.UUID
	Result     string
	CheckedBy  *uuid.UUID
	CheckedAt  time.Time
}

// ConflictHit is a row of conflict_hits: one registry name that matched one referral party.
type ConflictHit struct {
	ID            uuid.UUID
	CheckID       uuid.UUID
	EntryID       uuid.UUID
	EntryName     string
	EntryRole     string
	PartyPosition int
	Level         string
	Match         string
	Reason        string
	ClearedBy     *uuid.UUID
	ClearedAt     *time.Time
	ClearReason   *string
}

// AddConflictEntry inserts the rows of one registry entry (its name and aliases).
func (s *Store) AddConflictEntry(ctx context.Context, rows []ConflictEntry) error {
	return translate(s.with(ctx).Create(&rows).Error, "conflict entry")
}

// DeleteConflictEntry removes a firm's entry with its aliases.
func (s *Store) DeleteConflictEntry(ctx context.Context, firmID, entryID uuid.UUID) error {
	return mustAffect(s.with(ctx).Where("firm_id = ? AND entry_id = ?", firmID, entryID).Delete(&ConflictEntry{}), "Conflict entry")
}

// LockConflictEntry holds a registry entry against other changes until the transaction ends; call
// it inside Tx. The lock is on the entry's id, not its rows: an edit replaces the rows, and an edit
// that waited on a row lock would find the row gone and take the entry for deleted.
func (s *Store) LockConflictEntry(ctx context.Context, entryID uuid.UUID) error {
	err := s.with(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "conflict entry|"+entryID.String()).Error
	return translate(err, "conflict entry")
}

// DeleteOpenConflictHitsOf removes the hits on an entry from the firm's checks of open referrals,
// with their clearances. The checks of taken referrals keep theirs: they record what was decided.
func (s *Store) DeleteOpenConflictHitsOf(ctx context.Context, firmID, entryID uuid.UUID) error {
	err := s.with(ctx).Where("entry_id = ? AND check_id IN (?)", entryID,
		s.with(ctx).Model(&ConflictCheck{}).Select("id").Where("firm_id = ? AND referral_id IN (?)", firmID, s.openReferrals(ctx))).
		Delete(&ConflictHit{}).Error
	return translate(err, "conflict hits")
}

// ConflictEntryIDsAfter lists up to limit of a firm's entry ids greater than after, in order: a
// registry read in pages of a bounded size, however large it is.
func (s *Store) ConflictEntryIDsAfter(ctx context.Context, firmID, after uuid.UUID, limit int) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Model(&ConflictEntry{}).Where("firm_id = ? AND entry_id > ? AND NOT is_alias", firmID, after).
		Order("entry_id").Limit(limit).Pluck("entry_id", &ids).Error
	return ids, translate(err, "conflict entries")
}

// ConflictEntryNames returns the names of an entry, primary name first.
func (s *Store) ConflictEntryNames(ctx context.Context, firmID uuid.UUID, entryIDs []uuid.UUID) ([]ConflictEntry, error) {
	var rows []ConflictEntry
	err := s.with(ctx).Table("conflict_entries e").Select("e.*, u.name AS created_by_name").
		Joins("LEFT JOIN users u ON u.id = e.created_by").
		Where("e.firm_id = ? AND e.entry_id IN ?", firmID, entryIDs).Order("e.entry_id, e.is_alias, e.name").Find(&rows).Error
	return rows, translate(err, "conflict entries")
}

// ConflictEntryPage lists a firm's primary names, by normalised name after the cursor (normalized,
// entry id); with q, only names similar to q (already normalised).
func (s *Store) ConflictEntryPage(ctx context.Context, firmID uuid.UUID, q string, after []string, limit int) ([]ConflictEntry, error) {
	db := s.with(ctx).Where("firm_id = ?", firmID)
	if q != "" { // a match on any of the entry's names lists the entry
		db = db.Where("entry_id IN (SELECT entry_id FROM conflict_entries WHERE firm_id = ? AND normalized IN "+
			"(SELECT normalized FROM conflict_names WHERE normalized LIKE ? OR normalized % ?))", firmID, q+"%", q)
	}
	db = db.Where("NOT is_alias")
	if len(after) == 2 {
		db = db.Where("(normalized, entry_id) > (?, ?)", after[0], after[1])
	}
	var rows []ConflictEntry
	return rows, translatePage(db.Order("normalized, entry_id").Limit(limit).Find(&rows).Error, "conflict entries", len(after) == 2)
}

// HasConflictEntries reports whether the firm's registry has any entry. The order makes Postgres
// read the (firm_id, entry_id) index even in a generic plan: one that rates each firm as a large
// share of the table would otherwise scan the table, 250 ms for a firm with no entries.
func (s *Store) HasConflictEntries(ctx context.Context, firmID uuid.UUID) (bool, error) {
	var found []int
	err := s.with(ctx).Raw("SELECT 1 FROM conflict_entries WHERE firm_id = ? ORDER BY firm_id, entry_id LIMIT 1", firmID).Scan(&found).Error
	return len(found) > 0, translate(err, "conflict entries")
}

// CountConflictEntries counts a firm's registry entries (not their aliases).
func (s *Store) CountConflictEntries(ctx context.Context, firmID uuid.UUID) (int64, error) {
	var n int64
	err := s.with(ctx).Model(&ConflictEntry{}).Where("firm_id = ? AND NOT is_alias", firmID).Count(&n).Error
	return n, translate(err, "conflict entries")
}

// ConflictCandidates returns the registry rows of the firms that may match any of names
// (normalised): a name with trigram similarity at least the search pool's threshold
// (Options.ConflictSimilarity; equal names included), an equal person key (people) or a match key
// in common (matchKeys: see ConflictEntry.MatchKeys). Each
// name is searched on its own connection of the search pool, in parallel: the searches are
// independent and each is a bounded amount of index work.
//
// Similar names are found among the distinct names of every registry (conflict_names), then the
// firms' rows with those names through a plain index. The similar names are collected into an
// array first: as a join, the planner expects thousands of them (it cannot estimate "%") and
// reads every row of the firm instead, which costs a third of a second on a large registry.
func (s *Store) ConflictCandidates(ctx context.Context, firmIDs []uuid.UUID, names, personKeys, matchKeys []string) ([]ConflictEntry, error) {
	const columns = "e.id, e.entry_id, e.firm_id, e.name, e.normalized, e.kind, e.role"
	type search struct {
		query string
		arg   any
	}
	var searches []search
	searched := map[string]bool{"": true}
	for _, n := range names {
		if !searched[n] {
			searched[n] = true
			searches = append(searches, search{"SELECT " + columns + " FROM conflict_entries e WHERE e.normalized = ANY(ARRAY(" +
				"SELECT normalized FROM conflict_names WHERE normalized % $1)) AND e.firm_id = ANY($2)", n})
		}
	}
	if len(personKeys) > 0 {
		searches = append(searches, search{"SELECT " + columns + " FROM conflict_entries e WHERE e.person_key = ANY($1) AND e.person_key <> '' AND e.firm_id = ANY($2)", personKeys})
	}
	if len(matchKeys) > 0 {
		searches = append(searches, search{"SELECT " + columns + " FROM conflict_entries e WHERE e.match_keys && $1::text[] AND e.firm_id = ANY($2)", matchKeys})
	}
	firms := make([][16]byte, len(firmIDs)) // pgx encodes [16]byte directly, a uuid.UUID through its string
	for i, id := range firmIDs {
		firms[i] = id
	}
	results := make([][]ConflictEntry, len(searches))
	g, gctx := errgroup.WithContext(ctx)
	for i, q := range searches {
		g.Go(func() error {
			rows, err := s.search.Query(gctx, q.query, q.arg, firms)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var e ConflictEntry
				if err := rows.Scan(&e.ID, &e.EntryID, &e.FirmID, &e.Name, &e.Normalized, &e.Kind, &e.Role); err != nil {
					return err
				}
				results[i] = append(results[i], e)
			}
			return rows.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return nil, translate(err, "conflict candidates")
	}
	seen := map[uuid.UUID]bool{}
	var out []ConflictEntry
	for _, rows := range results {
		for _, r := range rows {
			if !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// LawFirmIDs lists every law firm.
func (s *Store) LawFirmIDs(ctx context.Context) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Model(&Organization{}).Where("kind = 'law_firm'").Order("id").Pluck("id", &ids).Error
	return ids, translate(err, "law firms")
}

// openStatuses are the statuses of referrals attorneys may still be offered.
const openStatuses = "('submitted', 'matching', 'offered')"

// openReferrals selects the ids of the referrals attorneys may still be offered.
func (s *Store) openReferrals(ctx context.Context) *gorm.DB {
	return s.with(ctx).Model(&Referral{}).Select("id").Where("status IN " + openStatuses)
}

// OpenReferralIDs lists the open referrals.
func (s *Store) OpenReferralIDs(ctx context.Context) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.openReferrals(ctx).Order("id").Pluck("id", &ids).Error
	return ids, translate(err, "referrals")
}

// OpenReferralParties returns the parties of every open referral, by referral and position.
func (s *Store) OpenReferralParties(ctx context.Context) ([]ReferralParty, error) {
	var ps []ReferralParty
	err := s.with(ctx).Where("referral_id IN (?)", s.openReferrals(ctx)).
		Order("referral_id, position").Find(&ps).Error
	return ps, translate(err, "referral parties")
}

// OpenReferralClients returns the encrypted clients of every open referral.
func (s *Store) OpenReferralClients(ctx context.Context) ([]ReferralClient, error) {
	var cs []ReferralClient
	err := s.with(ctx).Where("referral_id IN (?)", s.openReferrals(ctx)).Order("referral_id").Find(&cs).Error
	return cs, translate(err, "referral clients")
}

// OpenReferralsHitBy lists the open referrals whose check against the firm has a hit on the entry.
func (s *Store) OpenReferralsHitBy(ctx context.Context, firmID, entryID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Model(&ConflictCheck{}).Distinct("referral_id").
		Where("firm_id = ? AND id IN (SELECT check_id FROM conflict_hits WHERE entry_id = ?)", firmID, entryID).
		Where("referral_id IN (?)", s.openReferrals(ctx)).
		Order("referral_id").Pluck("referral_id", &ids).Error
	return ids, translate(err, "conflict checks")
}

// RedateConflictChecks marks the firm's checks of the open referrals, except those given, as run
// automatically at the time given: for a registry change that cannot alter their results.
func (s *Store) RedateConflictChecks(ctx context.Context, firmID uuid.UUID, except []uuid.UUID, at time.Time) error {
	db := s.with(ctx).Model(&ConflictCheck{}).Where("firm_id = ?", firmID).
		Where("referral_id IN (?)", s.openReferrals(ctx))
	if len(except) > 0 {
		db = db.Where("referral_id NOT IN ?", except)
	}
	err := db.Updates(map[string]any{"checked_by": nil, "checked_at": at}).Error
	return translate(err, "conflict checks")
}

// SaveConflictCheck stores a run of the firm's check of a referral: the check itself (created when
// isNew, else updated), the hits the run found that the previous one did not, and the removal of
// the previous hits it no longer finds (by id). Call it inside Tx.
func (s *Store) SaveConflictCheck(ctx context.Context, c ConflictCheck, isNew bool, fresh []ConflictHit, stale []uuid.UUID) error {
	db := s.with(ctx)
	var err error
	if isNew {
		err = translate(db.Create(&c).Error, "conflict check")
	} else {
		err = mustAffect(db.Model(&ConflictCheck{}).Where("id = ?", c.ID).
			Updates(map[string]any{"result": c.Result, "checked_by": c.CheckedBy, "checked_at": c.CheckedAt, "recheck_pending": false}), "Conflict check")
	}
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		if err := db.Where("id IN ?", stale).Delete(&ConflictHit{}).Error; err != nil {
			return translate(err, "conflict hits")
		}
	}
	return s.insertConflictHits(ctx, c.ID, fresh)
}

// insertConflictHits inserts a check's hits in one statement, one array per column: a check of a
// large registry may have hundreds of hits, and a row of parameters each would be far slower.
func (s *Store) insertConflictHits(ctx context.Context, checkID uuid.UUID, hits []ConflictHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids, entryIDs := make([]uuid.UUID, len(hits)), make([]uuid.UUID, len(hits))
	names, roles, levels, reasons := make([]string, len(hits)), make([]string, len(hits)), make([]string, len(hits)), make([]string, len(hits))
	matches, positions := make([]string, len(hits)), make([]int32, len(hits))
	for i, h := range hits {
		ids[i], entryIDs[i], names[i], roles[i], positions[i], levels[i], reasons[i] = h.ID, h.EntryID, h.EntryName, h.EntryRole, int32(h.PartyPosition), h.Level, h.Reason
		matches[i] = h.Match
	}
	// The pool's own ExecContext, because GORM would expand each slice into a list of parameters.
	_, err := s.with(ctx).Statement.ConnPool.ExecContext(ctx, `INSERT INTO conflict_hits
		(id, check_id, entry_id, entry_name, entry_role, party_position, level, reason, match)
		SELECT h.id, $1, h.entry_id, h.entry_name, h.entry_role, h.party_position, h.level, h.reason, h.match
		FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
			AS h (id, entry_id, entry_name, entry_role, party_position, level, reason, match)`,
		checkID, ids, entryIDs, names, roles, positions, levels, reasons, matches)
	return translate(err, "conflict hits")
}

// ConflictCheckFor returns the firm's check of a referral with its hits.
func (s *Store) ConflictCheckFor(ctx context.Context, referralID, firmID uuid.UUID) (ConflictCheck, []ConflictHit, error) {
	return s.conflictCheckFor(ctx, referralID, firmID, false)
}

// LockConflictCheck is ConflictCheckFor that first locks the check's row until the transaction
// ends, so that whoever changes the check next reads the hits as this transaction leaves them; call
// it inside Tx.
func (s *Store) LockConflictCheck(ctx context.Context, referralID, firmID uuid.UUID) (ConflictCheck, []ConflictHit, error) {
	return s.conflictCheckFor(ctx, referralID, firmID, true)
}

func (s *Store) conflictCheckFor(ctx context.Context, referralID, firmID uuid.UUID, lock bool) (ConflictCheck, []ConflictHit, error) {
	var c ConflictCheck
	db := s.with(ctx)
	if lock {
		db = db.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	if err := db.Take(&c, "referral_id = ? AND firm_id = ?", referralID, firmID).Error; err != nil {
		return c, nil, translate(err, "Conflict check")
	}
	rows, err := s.with(ctx).Model(&ConflictHit{}).Where("check_id = ?", c.ID).Order("level = 'conflict' DESC, party_position, entry_name, entry_id").
		Select("id, check_id, entry_id, entry_name, entry_role, party_position, level, match, reason, cleared_by, cleared_at, clear_reason").Rows()
	if err != nil {
		return c, nil, translate(err, "conflict hits")
	}
	defer rows.Close()
	var hits []ConflictHit // scanned by hand, as candidates are: a check may have hundreds
	for rows.Next() {
		var h ConflictHit
		if err := rows.Scan(&h.ID, &h.CheckID, &h.EntryID, &h.EntryName, &h.EntryRole, &h.PartyPosition, &h.Level, &h.Match, &h.Reason,
			&h.ClearedBy, &h.ClearedAt, &h.ClearReason); err != nil {
			return c, nil, translate(err, "conflict hits")
		}
		hits = append(hits, h)
	}
	return c, hits, translate(rows.Err(), "conflict hits")
}

// ClearConflictHit records who cleared a potential hit and why.
func (s *Store) ClearConflictHit(ctx context.Context, hitID, userID uuid.UUID, reason string) error {
	return mustAffect(s.with(ctx).Model(&ConflictHit{}).Where("id = ? AND level = 'potential' AND cleared_at IS NULL", hitID).
		Updates(map[string]any{"cleared_by": userID, "cleared_at": time.Now().UTC(), "clear_reason": reason}), "Potential conflict")
}

// DeleteConflictChecks removes every firm's check of a referral, with their hits and clearances.
func (s *Store) DeleteConflictChecks(ctx context.Context, referralID uuid.UUID) error {
	return translate(s.with(ctx).Where("referral_id = ?", referralID).Delete(&ConflictCheck{}).Error, "conflict checks")
}

// SetConflictResult changes a check's result.
func (s *Store) SetConflictResult(ctx context.Context, checkID uuid.UUID, result string) error {
	return mustAffect(s.with(ctx).Model(&ConflictCheck{}).Where("id = ?", checkID).Update("result", result), "Conflict check")
}

// FirmCleared reports whether the firm's check of the referral found nothing, or only hits that
// were cleared, and is not waiting to run again under a registry that changed since.
func (s *Store) FirmCleared(ctx context.Context, referralID, firmID uuid.UUID) (bool, error) {
	var n int64
	err := s.with(ctx).Model(&ConflictCheck{}).
		Where("referral_id = ? AND firm_id = ? AND result IN ('clear', 'cleared') AND NOT recheck_pending", referralID, firmID).Count(&n).Error
	return n > 0, translate(err, "conflict check")
}

// ConflictEntriesWithoutKeys returns up to limit registry rows whose match keys are still to be
// filled in (rows written before the keys existed): their ids, normalised names and kinds.
func (s *Store) ConflictEntriesWithoutKeys(ctx context.Context, limit int) ([]ConflictEntry, error) {
	var rows []ConflictEntry
	err := s.with(ctx).Select("id, normalized, kind").Where("match_keys IS NULL").Order("id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "conflict entries")
}

// SetConflictMatchKeys stores the match keys of rows, in one statement: keys[i] are ids[i]'s.
func (s *Store) SetConflictMatchKeys(ctx context.Context, ids []uuid.UUID, keys [][]string) error {
	// Postgres arrays cannot be ragged, so each row's keys travel as one tab-separated string:
	// keys are made of a normalised name's letters, digits and spaces.
	joined := make([]string, len(keys))
	for i, k := range keys {
		joined[i] = strings.Join(k, "\t")
	}
	_, err := s.with(ctx).Statement.ConnPool.ExecContext(ctx, `UPDATE conflict_entries e
		SET match_keys = string_to_array(k.keys, E'\t')
		FROM unnest($1::uuid[], $2::text[]) AS k (id, keys) WHERE e.id = k.id`, ids, joined)
	return translate(err, "conflict entries")
}

// FirmsByCheckResult lists the firms whose check of the referral has each result ("clear",
// "potential", ...), leaving out checks waiting to run again.
func (s *Store) FirmsByCheckResult(ctx context.Context, referralID uuid.UUID) (map[string][]uuid.UUID, error) {
	var rows []ConflictCheck
	err := s.with(ctx).Select("firm_id, result").Where("referral_id = ? AND NOT recheck_pending", referralID).
		Order("firm_id").Find(&rows).Error
	out := map[string][]uuid.UUID{}
	for _, r := range rows {
		out[r.Result] = append(out[r.Result], r.FirmID)
	}
	return out, translate(err, "conflict checks")
}
