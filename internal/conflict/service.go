package conflict

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// NewService returns the conflict service; cipher decrypts referral parties.
func NewService(db *store.Store, cipher *crypto.FieldCipher) Service {
	return &service{db: db, cipher: cipher}
}

type service struct {
	db     *store.Store
	cipher *crypto.FieldCipher
}

// newID returns a time-ordered id (UUIDv7) for registry rows: a million-row import then appends to
// the right edge of the id indexes instead of splitting pages all over them.
func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

var errForbidden = problem.New(problem.Forbidden, "Only a law firm's coordinators and org admins manage its conflict registry.")

// registryFirm returns the caller's firm if they may manage its registry.
func registryFirm(p auth.Principal) (uuid.UUID, error) {
	if p.OrgKind != auth.KindLawFirm || (p.Role != auth.RoleCoordinator && p.Role != auth.RoleOrgAdmin) {
		return uuid.Nil, errForbidden
	}
	return p.OrgID, nil
}

// rows turns an entry into its name rows: the primary name, then each distinct alias.
func rows(firmID uuid.UUID, e Entry) []store.ConflictEntry {
	person := e.Kind == "person"
	row := func(name string, alias bool) store.ConflictEntry {
		normalized, key := Normalize(name), ""
		if person {
			key = personKey(normalized)
		}
		return store.ConflictEntry{ID: newID(), EntryID: e.ID, FirmID: firmID, Name: name, Normalized: normalized,
			PersonKey: key, MatchKeys: storedKeys(normalized, person), IsAlias: alias, Kind: e.Kind, Role: e.Role, MatterRef: e.MatterRef,
			CreatedBy: e.CreatedBy}
	}
	out := []store.ConflictEntry{row(e.Name, false)}
	seen := map[string]bool{strings.ToLower(e.Name): true}
	for _, a := range e.Aliases {
		a = strings.TrimSpace(a)
		if a != "" && !seen[strings.ToLower(a)] {
			seen[strings.ToLower(a)] = true
			out = append(out, row(a, true))
		}
	}
	return out
}

// validEntry trims an entry and checks what the schema cannot: a name with letters or digits, at
// most MaxAliases aliases, and no alias holding ";", which separates aliases in the CSV layout that
// Import reads and Export writes.
func validEntry(e *Entry) error {
	e.Name, e.MatterRef = strings.TrimSpace(e.Name), strings.TrimSpace(e.MatterRef)
	var faults []problem.FieldError
	if Normalize(e.Name) == "" {
		faults = append(faults, problem.Field("name", "must contain letters or digits"))
	}
	if len(e.Aliases) > MaxAliases {
		faults = append(faults, problem.Field("aliases", fmt.Sprintf("has %d aliases; an entry has at most %d", len(e.Aliases), MaxAliases)))
	}
	for i, a := range e.Aliases {
		if strings.Contains(a, ";") {
			faults = append(faults, problem.Field(fmt.Sprintf("aliases[%d]", i), "must not contain \";\", which separates aliases; give each alias on its own"))
		}
	}
	if len(faults) > 0 {
		return problem.Validation(faults...)
	}
	return nil
}

func (s *service) AddEntry(ctx context.Context, p auth.Principal, e Entry) (Entry, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return Entry{}, err
	}
	if err := validEntry(&e); err != nil {
		return Entry{}, err
	}
	e.ID, e.CreatedBy = newID(), &p.UserID
	added := rows(firmID, e)
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		if err := tx.AddConflictEntry(ctx, added); err != nil {
			return err
		}
		return tx.Audit(ctx, firmRecord(p, ActionEntryAdded, "conflict_entry", e.ID, nil, entryState(e)))
	})
	if err != nil {
		return Entry{}, err
	}
	if err := s.recheckMatching(ctx, firmID, added); err != nil {
		return Entry{}, err
	}
	return s.entry(ctx, s.db, firmID, e.ID)
}

var errEntryNotFound = problem.New(problem.NotFound, "Conflict entry not found.")

// UpdateEntry replaces the entry's rows in one transaction, holding the entry against other edits
// meanwhile, then re-checks the open referrals it matched before and those it matches now.
func (s *service) UpdateEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID, e Entry) (Entry, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return Entry{}, err
	}
	if err := validEntry(&e); err != nil {
		return Entry{}, err
	}
	var added []store.ConflictEntry
	var hitBefore []uuid.UUID
	changed := false
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockConflictEntry(ctx, entryID); err != nil {
			return err
		}
		old, err := s.entry(ctx, tx, firmID, entryID)
		if err != nil {
			return err
		}
		// Only a change of the names, the type or the role can change what checks find.
		if changed = !sameNames(old, e) || old.Role != e.Role; changed {
			if hitBefore, err = tx.OpenReferralsHitBy(ctx, firmID, entryID); err != nil {
				return err
			}
			// A coordinator's clearance was a decision about the entry as it was: its hits are
			// found afresh, under the names it has now.
			if err := tx.DeleteOpenConflictHitsOf(ctx, firmID, entryID); err != nil {
				return err
			}
		}
		e.ID, e.CreatedBy = entryID, old.CreatedBy
		added = rows(firmID, e)
		for i := range added {
			added[i].CreatedAt = old.CreatedAt
		}
		if err := tx.DeleteConflictEntry(ctx, firmID, entryID); err != nil {
			return err
		}
		if err := tx.AddConflictEntry(ctx, added); err != nil {
			return err
		}
		after := entryState(e)
		after["names_changed"] = !sameNames(old, e)
		return tx.Audit(ctx, firmRecord(p, ActionEntryUpdated, "conflict_entry", entryID, entryState(old), after))
	})
	if err != nil {
		return Entry{}, err
	}
	if changed {
		if err := s.recheckMatching(ctx, firmID, added, hitBefore...); err != nil {
			return Entry{}, err
		}
	}
	return s.entry(ctx, s.db, firmID, entryID)
}

// sameNames reports whether two versions of an entry have the same type and names, in whatever
// order the aliases come.
func sameNames(a, b Entry) bool {
	names := func(e Entry) []string {
		rs := rows(uuid.Nil, e)
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.Name
		}
		slices.Sort(out[1:])
		return out
	}
	return a.Kind == b.Kind && slices.Equal(names(a), names(b))
}

func (s *service) DeleteEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID) error {
	firmID, err := registryFirm(p)
	if err != nil {
		return err
	}
	var hit []uuid.UUID
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockConflictEntry(ctx, entryID); err != nil {
			return err
		}
		old, err := s.entry(ctx, tx, firmID, entryID)
		if err != nil {
			return err
		}
		if hit, err = tx.OpenReferralsHitBy(ctx, firmID, entryID); err != nil {
			return err
		}
		if err := tx.DeleteConflictEntry(ctx, firmID, entryID); err != nil {
			return err
		}
		return tx.Audit(ctx, firmRecord(p, ActionEntryDeleted, "conflict_entry", entryID, entryState(old), nil))
	})
	if err != nil {
		return err
	}
	return s.recheck(ctx, firmID, hit)
}

// recheckMatching re-checks the open referrals given and those with a party that one of the names
// added matches.
func (s *service) recheckMatching(ctx context.Context, firmID uuid.UUID, added []store.ConflictEntry, also ...uuid.UUID) error {
	parties, err := referral.OpenReferralParties(ctx, s.db, s.cipher)
	if err != nil {
		return err
	}
	matched := slices.Clone(also)
	for id, ps := range parties {
		if !slices.Contains(also, id) && len(matchParties(ps, added, false)) > 0 {
			matched = append(matched, id)
		}
	}
	return s.recheck(ctx, firmID, matched)
}

// recheck runs the firm's check of the given open referrals again after registry entries were added
// or removed. The checks of the other open referrals are only re-dated: every hit comes from a
// single entry, so entries that match none of a referral's parties cannot change its result, and a
// check run now would find what the stored one holds.
func (s *service) recheck(ctx context.Context, firmID uuid.UUID, referralIDs []uuid.UUID) error {
	if err := s.checkEach(ctx, firmID, referralIDs); err != nil {
		return err
	}
	return s.db.RedateConflictChecks(ctx, firmID, referralIDs, time.Now().UTC())
}

// entry reads one of the firm's entries; NotFound if the firm has no such entry.
func (s *service) entry(ctx context.Context, db *store.Store, firmID, id uuid.UUID) (Entry, error) {
	entries, err := s.entries(ctx, db, firmID, []uuid.UUID{id})
	if err != nil {
		return Entry{}, err
	}
	if len(entries) == 0 {
		return Entry{}, errEntryNotFound
	}
	return entries[0], nil
}

// entries assembles entries from their name rows, in the order of ids.
func (s *service) entries(ctx context.Context, db *store.Store, firmID uuid.UUID, ids []uuid.UUID) ([]Entry, error) {
	if len(ids) == 0 {
		return []Entry{}, nil
	}
	names, err := db.ConflictEntryNames(ctx, firmID, ids)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]*Entry{}
	for _, n := range names {
		e, ok := byID[n.EntryID]
		if !ok {
			e = &Entry{ID: n.EntryID, Kind: n.Kind, Role: n.Role, MatterRef: n.MatterRef, CreatedAt: n.CreatedAt,
				CreatedBy: n.CreatedBy, CreatedByName: n.CreatedByName, Aliases: []string{}}
			byID[n.EntryID] = e
		}
		if n.IsAlias {
			e.Aliases = append(e.Aliases, n.Name)
		} else {
			e.Name = n.Name
		}
	}
	out := make([]Entry, 0, len(ids))
	for _, id := range ids {
		if e, ok := byID[id]; ok {
			out = append(out, *e)
		}
	}
	return out, nil
}

// entryOrder is the one order the registry lists its entries in: by normalised name, then id.
const entryOrder = "name"

func (s *service) Entries(ctx context.Context, p auth.Principal, q, position string, limit int) (Page, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return Page{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	var after []string
	if position != "" {
		if after, err = cursor.Decode(position, entryOrder, 2); err != nil {
			return Page{}, err
		}
	}
	rows, err := s.db.ConflictEntryPage(ctx, firmID, Normalize(q), after, limit+1)
	if errors.Is(err, store.ErrBadPosition) {
		return Page{}, cursor.ErrInvalid
	}
	if err != nil {
		return Page{}, err
	}
	page := Page{}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.NextCursor = cursor.Encode(entryOrder, []string{last.Normalized, last.EntryID.String()})
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.EntryID
	}
	if page.Entries, err = s.entries(ctx, s.db, firmID, ids); err != nil {
		return Page{}, err
	}
	page.Total, err = s.db.CountConflictEntries(ctx, firmID)
	return page, err
}

// CheckOpenReferrals checks every open referral against the firm's registry in tx, so what attorneys
// of a new firm may see has been checked: until then a firm sees no referral.
func (s *service) CheckOpenReferrals(ctx context.Context, tx *store.Store, firmID uuid.UUID) error {
	ids, err := tx.OpenReferralIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := s.check(ctx, tx, id, firmID, nil); err != nil {
			return err
		}
	}
	return nil
}

// checkEach runs the firm's check of each referral, a transaction each.
func (s *service) checkEach(ctx context.Context, firmID uuid.UUID, referralIDs []uuid.UUID) error {
	for _, id := range referralIDs {
		err := s.db.Tx(ctx, func(tx *store.Store) error {
			_, err := s.check(ctx, tx, id, firmID, nil)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// fillBatch is how many rows FillMatchKeys updates per statement.
const fillBatch = 5000

func (s *service) FillMatchKeys(ctx context.Context) (int, error) {
	filled := 0
	for {
		rows, err := s.db.ConflictEntriesWithoutKeys(ctx, fillBatch)
		if err != nil || len(rows) == 0 {
			return filled, err
		}
		ids, keys := make([]uuid.UUID, len(rows)), make([][]string, len(rows))
		for i, r := range rows {
			ids[i], keys[i] = r.ID, storedKeys(r.Normalized, r.Kind == "person")
		}
		if err := s.db.SetConflictMatchKeys(ctx, ids, keys); err != nil {
			return filled, err
		}
		filled += len(rows)
	}
}
