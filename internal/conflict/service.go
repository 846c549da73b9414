package conflict

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/crypto"
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

func (s *service) AddEntry(ctx context.Context, p auth.Principal, e Entry) (Entry, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return Entry{}, err
	}
	e.Name = strings.TrimSpace(e.Name)
	if Normalize(e.Name) == "" {
		return Entry{}, problem.Validation(problem.Field("name", "must contain letters or digits"))
	}
	e.ID, e.CreatedBy = newID(), &p.UserID
	added := rows(firmID, e)
	if err := s.db.AddConflictEntry(ctx, added); err != nil {
		return Entry{}, err
	}
	if err := s.recheckMatching(ctx, firmID, added); err != nil {
		return Entry{}, err
	}
	entries, err := s.entries(ctx, firmID, []uuid.UUID{e.ID})
	if err != nil || len(entries) == 0 {
		return Entry{}, err
	}
	return entries[0], nil
}

func (s *service) DeleteEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID) error {
	firmID, err := registryFirm(p)
	if err != nil {
		return err
	}
	hit, err := s.db.OpenReferralsHitBy(ctx, firmID, entryID)
	if err != nil {
		return err
	}
	if err := s.db.DeleteConflictEntry(ctx, firmID, entryID); err != nil {
		return err
	}
	return s.recheck(ctx, firmID, hit)
}

// recheckMatching re-checks the open referrals with a party that one of the names added matches.
func (s *service) recheckMatching(ctx context.Context, firmID uuid.UUID, added []store.ConflictEntry) error {
	parties, err := referral.OpenReferralParties(ctx, s.db, s.cipher)
	if err != nil {
		return err
	}
	var matched []uuid.UUID
	for id, ps := range parties {
		if len(matchParties(ps, added, false)) > 0 {
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

// entries assembles entries from their name rows, in the order of ids.
func (s *service) entries(ctx context.Context, firmID uuid.UUID, ids []uuid.UUID) ([]Entry, error) {
	if len(ids) == 0 {
		return []Entry{}, nil
	}
	names, err := s.db.ConflictEntryNames(ctx, firmID, ids)
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

func (s *service) Entries(ctx context.Context, p auth.Principal, q, cursor string, limit int) (Page, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return Page{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	badCursor := problem.Validation(problem.Field("cursor", "is not a cursor this list returned"))
	var after []string
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || json.Unmarshal(b, &after) != nil || len(after) != 2 {
			return Page{}, badCursor
		}
	}
	rows, err := s.db.ConflictEntryPage(ctx, firmID, Normalize(q), after, limit+1)
	if errors.Is(err, store.ErrBadPosition) {
		return Page{}, badCursor
	}
	if err != nil {
		return Page{}, err
	}
	page := Page{}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		b, _ := json.Marshal([]string{last.Normalized, last.EntryID.String()})
		page.NextCursor = base64.RawURLEncoding.EncodeToString(b)
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.EntryID
	}
	if page.Entries, err = s.entries(ctx, firmID, ids); err != nil {
		return Page{}, err
	}
	page.Total, err = s.db.CountConflictEntries(ctx, firmID)
	return page, err
}

// CheckOpenReferrals checks every open referral against the firm's registry, so what attorneys
// see follows the registry.
func (s *service) CheckOpenReferrals(ctx context.Context, firmID uuid.UUID) error {
	ids, err := s.db.OpenReferralIDs(ctx)
	if err != nil {
		return err
	}
	return s.checkEach(ctx, firmID, ids)
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
