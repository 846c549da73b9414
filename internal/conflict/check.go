package conflict

import (
	"bytes"
	"cmp"
	"context"
	"maps"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// roleLevel is how serious a name match is, given the party's role in the referral and the entry's
// role in the firm's registry. A firm may not act against its current client or for someone its
// client is adverse to; a former client or a related party needs a person's judgment; the same
// client, or an opponent the firm has faced before, on the same side, is not a conflict by itself.
func roleLevel(partyRole, entryRole string) Level {
	switch entryRole {
	case "adverse":
		if partyRole == "adverse" {
			return Potential
		}
		return Conflict
	case "client":
		switch partyRole {
		case "adverse":
			return Conflict
		case "related":
			return Potential
		}
		return NoMatch
	case "former_client":
		if partyRole == "client" {
			return NoMatch
		}
		return Potential
	}
	return Potential // related entries
}

// subject is what checks of a referral compare with registries: its parties, with their
// normalised names and person keys, and whether Rule 6.5 applies.
type subject struct {
	referralID uuid.UUID
	parties    []referral.Party
	names      []string
	personKeys []string
	matchKeys  []string
	rule65     bool
}

func (s *service) subjectOf(ctx context.Context, tx *store.Store, referralID uuid.UUID) (subject, error) {
	r, err := tx.ReferralByID(ctx, referralID)
	if err != nil {
		return subject{}, err
	}
	referrer, err := tx.OrganizationByID(ctx, r.OrgID)
	if err != nil {
		return subject{}, err
	}
	sub := subject{referralID: referralID, rule65: r.LimitedScope && referrer.LimitedScopeProgram}
	if sub.parties, err = referral.CheckedParties(ctx, tx, s.cipher, referralID); err != nil {
		return subject{}, err
	}
	for _, p := range sub.parties {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			normalized := Normalize(n)
			sub.names = append(sub.names, normalized)
			sub.matchKeys = append(sub.matchKeys, probeKeys(normalized, p.Kind == "person")...)
			if p.Kind == "person" {
				if k := personKey(normalized); k != "" {
					sub.personKeys = append(sub.personKeys, k)
				}
			}
		}
	}
	return sub, nil
}

// check compares the referral's parties with the firm's registry and stores the result; call it inside Tx.
func (s *service) check(ctx context.Context, tx *store.Store, referralID, firmID uuid.UUID, by *uuid.UUID) (Check, error) {
	sub, err := s.subjectOf(ctx, tx, referralID)
	if err != nil {
		return Check{}, err
	}
	// Registry reads need not share the check's transaction; the store runs them in parallel. A firm
	// with an empty registry, such as a new one, has nothing to find: no search is needed.
	has, err := s.db.HasConflictEntries(ctx, firmID)
	if err != nil {
		return Check{}, err
	}
	var candidates []store.ConflictEntry
	if has {
		if candidates, err = s.db.ConflictCandidates(ctx, []uuid.UUID{firmID}, sub.names, sub.personKeys, sub.matchKeys); err != nil {
			return Check{}, err
		}
	}
	return s.record(ctx, tx, sub, firmID, candidates, by)
}

// record matches the subject with the firm's candidates and stores the check; call it inside Tx.
func (s *service) record(ctx context.Context, tx *store.Store, sub subject, firmID uuid.UUID, candidates []store.ConflictEntry, by *uuid.UUID) (Check, error) {
	hits := matchParties(sub.parties, candidates, sub.rule65)
	c, previous, err := tx.ConflictCheckFor(ctx, sub.referralID, firmID)
	isNew := problem.Is(err, problem.NotFound)
	if err != nil && !isNew {
		return Check{}, err
	}
	if isNew {
		c = store.ConflictCheck{ID: uuid.New(), ReferralID: sub.referralID, FirmID: firmID}
	}
	rows, fresh, stale := carryOver(c.ID, hits, previous)
	c.CheckedBy, c.CheckedAt = by, time.Now().UTC()
	out := toCheck(c, rows, sub.parties)
	out.Result = resultOf(out.Hits)
	c.Result = string(out.Result)
	if err := tx.SaveConflictCheck(ctx, c, isNew, fresh, stale); err != nil {
		return Check{}, err
	}
	return out, nil
}

// hitKey is what makes a hit of a new run the same as one of the previous run: the same registry
// entry matched the same party at the same level for the same reason.
type hitKey struct {
	entry    uuid.UUID
	position int
	level    string
	reason   string
}

// carryOver turns a run's hits into the check's rows. A hit the previous run found too keeps its
// row, and with it its id and any clearance: re-running a check must not undo a coordinator's
// decision about the same match. It returns every row, the rows to insert, and the ids of previous
// rows no longer found.
func carryOver(checkID uuid.UUID, hits []positionedHit, previous []store.ConflictHit) (rows, fresh []store.ConflictHit, stale []uuid.UUID) {
	before := make(map[hitKey]store.ConflictHit, len(previous))
	for _, p := range previous {
		before[hitKey{p.EntryID, p.PartyPosition, p.Level, p.Reason}] = p
	}
	rows = make([]store.ConflictHit, len(hits))
	for i, h := range hits {
		k := hitKey{h.EntryID, h.position, h.Level.String(), h.Reason}
		if p, ok := before[k]; ok {
			rows[i] = p
			delete(before, k)
			continue
		}
		rows[i] = store.ConflictHit{ID: h.ID, CheckID: checkID, EntryID: h.EntryID, EntryName: h.EntryName, EntryRole: h.EntryRole,
			PartyPosition: h.position, Level: h.Level.String(), Match: string(h.Match), Reason: h.Reason}
		fresh = append(fresh, rows[i])
	}
	for _, p := range before {
		stale = append(stale, p.ID)
	}
	return rows, fresh, stale
}

// positionedHit is a hit with the party's position, which is what is stored.
type positionedHit struct {
	Hit
	position int
}

// matchParties keeps, for each party and registry entry, the most serious match among all their
// names, ordered as stored checks are read: most serious first, then by party and entry name.
func matchParties(parties []referral.Party, candidates []store.ConflictEntry, rule65 bool) []positionedHit {
	// Registry rows repeat names (one row per client and matter), so each distinct name is
	// compared with each party name once, and its verdict applies to all its rows.
	type distinct struct {
		name name
		rows []store.ConflictEntry
	}
	var names []*distinct
	byName := map[string]*distinct{}
	for _, c := range candidates {
		key := c.Kind + " " + c.Normalized
		if isCapitals(c.Name) { // an acronym in capitals is compared apart from the same letters as a word
			key = "capitals " + key
		}
		d, ok := byName[key]
		if !ok {
			d = &distinct{name: newName(c.Name, c.Normalized, c.Kind == "person")}
			byName[key] = d
			names = append(names, d)
		}
		d.rows = append(d.rows, c)
	}
	type pair struct {
		party int
		entry uuid.UUID
	}
	best := map[pair]positionedHit{}
	for i, p := range parties {
		for _, raw := range append([]string{p.Name}, p.Aliases...) {
			party := newName(raw, Normalize(raw), p.Kind == "person")
			for _, d := range names {
				v := classify(party, d.name)
				if v.Level == NoMatch {
					continue
				}
				for _, c := range d.rows {
					level := min(v.Level, roleLevel(p.Role, c.Role))
					if level == NoMatch {
						continue
					}
					limited := level == Conflict && rule65
					if limited {
						level = Potential
					}
					k := pair{i, c.EntryID}
					if prev, seen := best[k]; seen && level <= prev.Level {
						continue
					}
					best[k] = positionedHit{Hit: Hit{ID: uuid.New(), EntryID: c.EntryID, EntryName: c.Name, EntryRole: c.Role,
						PartyName: p.Name, PartyRole: p.Role, Level: level, Match: matchOf(v), Reason: hitReason(p.Role, c.Role, v, limited)}, position: i}
				}
			}
		}
	}
	out := slices.Collect(maps.Values(best))
	slices.SortFunc(out, func(a, b positionedHit) int {
		return cmp.Or(cmp.Compare(b.Level, a.Level), cmp.Compare(a.position, b.position),
			cmp.Compare(a.EntryName, b.EntryName), bytes.Compare(a.EntryID[:], b.EntryID[:]))
	})
	return out
}

func roleReason(partyRole, entryRole string) string {
	return "the referral's " + partyRole + " party matches the firm's " + map[string]string{
		"client": "current client", "former_client": "former client", "adverse": "adverse party", "related": "related party",
	}[entryRole]
}

// resultOf sums up hits: any blocking one blocks; any uncleared potential one needs clearing; hits
// that are all cleared leave the check cleared.
func resultOf(hits []Hit) Result {
	if len(hits) == 0 {
		return ResultClear
	}
	result := ResultCleared
	for _, h := range hits {
		if h.Level == Conflict {
			return ResultConflict
		}
		if h.ClearedAt == nil {
			result = ResultPotential
		}
	}
	return result
}

func toCheck(c store.ConflictCheck, rows []store.ConflictHit, parties []referral.Party) Check {
	out := Check{ReferralID: c.ReferralID, FirmID: c.FirmID, Result: Result(c.Result), CheckedAt: c.CheckedAt, Hits: []Hit{}}
	for _, r := range rows {
		h := Hit{ID: r.ID, EntryID: r.EntryID, EntryName: r.EntryName, EntryRole: r.EntryRole, Match: Match(r.Match), Reason: r.Reason,
			ClearedAt: r.ClearedAt, ClearedBy: r.ClearedBy}
		if r.Level == Conflict.String() {
			h.Level = Conflict
		} else {
			h.Level = Potential
		}
		if r.ClearReason != nil {
			h.ClearReason = *r.ClearReason
		}
		if r.PartyPosition < len(parties) {
			h.PartyName, h.PartyRole = parties[r.PartyPosition].Name, parties[r.PartyPosition].Role
		}
		if h.PartyRole == "client" { // see disclose
			h.PartyName, h.PartyWithheld = "", true
		}
		out.Hits = append(out.Hits, h)
	}
	return out
}

func (s *service) CheckAllFirms(ctx context.Context, tx *store.Store, referralID uuid.UUID) error {
	firms, err := tx.LawFirmIDs(ctx)
	if err != nil {
		return err
	}
	sub, err := s.subjectOf(ctx, tx, referralID)
	if err != nil {
		return err
	}
	// One search for every firm: the similar names do not depend on the firm.
	candidates, err := s.db.ConflictCandidates(ctx, firms, sub.names, sub.personKeys, sub.matchKeys)
	if err != nil {
		return err
	}
	byFirm := map[uuid.UUID][]store.ConflictEntry{}
	for _, c := range candidates {
		byFirm[c.FirmID] = append(byFirm[c.FirmID], c)
	}
	for _, f := range firms {
		if _, err := s.record(ctx, tx, sub, f, byFirm[f], nil); err != nil {
			return err
		}
	}
	return nil
}

var errCheckNotFound = problem.New(problem.NotFound, "Conflict check not found.")

// checkAccess is what a caller does with a check: read it, or run it or act on its hits.
type checkAccess int

const (
	readCheck checkAccess = iota
	actOnCheck
)

// checkTarget resolves the firm and the referral a caller asks about: their own firm (coordinators
// and org admins), or any firm for platform admins. A check can be read while its referral is open
// and after it was taken (the record of the clearance), and run or acted on only while it is open.
// Drafts, withdrawn and expired referrals have no check anyone can see. Every refusal is NotFound,
// as for an id that does not exist, so that neither attorneys nor other organisations learn which
// referral ids exist.
func (s *service) checkTarget(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID, access checkAccess) (uuid.UUID, error) {
	firm := p.OrgID
	switch {
	case p.IsPlatformAdmin() && firmID != nil:
		firm = *firmID
		o, err := s.db.OrganizationByID(ctx, firm)
		if problem.Is(err, problem.NotFound) || (err == nil && auth.OrgKind(o.Kind) != auth.KindLawFirm) {
			return uuid.Nil, errCheckNotFound
		}
		if err != nil {
			return uuid.Nil, err
		}
	case (firmID == nil || *firmID == p.OrgID) && p.OrgKind == auth.KindLawFirm &&
		(p.Role == auth.RoleCoordinator || p.Role == auth.RoleOrgAdmin):
	default:
		return uuid.Nil, errCheckNotFound
	}
	r, err := s.db.ReferralByID(ctx, referralID)
	if problem.Is(err, problem.NotFound) {
		return uuid.Nil, errCheckNotFound
	}
	if err != nil {
		return uuid.Nil, err
	}
	status := referral.Status(r.Status)
	taken := status == referral.Accepted || status == referral.InProgress || status == referral.Closed
	if !status.Open() && (access == actOnCheck || !taken) {
		return uuid.Nil, errCheckNotFound
	}
	return firm, nil
}

func (s *service) Run(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error) {
	firm, err := s.checkTarget(ctx, p, referralID, firmID, actOnCheck)
	if err != nil {
		return Check{}, err
	}
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		_, err = s.check(ctx, tx, referralID, firm, &p.UserID)
		return err
	})
	if err != nil {
		return Check{}, err
	}
	return s.stored(ctx, s.db, p, referralID, firm)
}

func (s *service) Get(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error) {
	firm, err := s.checkTarget(ctx, p, referralID, firmID, readCheck)
	if err != nil {
		return Check{}, err
	}
	return s.stored(ctx, s.db, p, referralID, firm)
}

// stored returns the firm's check of the referral as the caller may see it (see disclose).
func (s *service) stored(ctx context.Context, db *store.Store, p auth.Principal, referralID, firm uuid.UUID) (Check, error) {
	c, rows, err := db.ConflictCheckFor(ctx, referralID, firm)
	if problem.Is(err, problem.NotFound) {
		return Check{}, errCheckNotFound
	}
	if err != nil {
		return Check{}, err
	}
	parties, err := referral.CheckedParties(ctx, db, s.cipher, referralID)
	if err != nil {
		return Check{}, err
	}
	out := toCheck(c, rows, parties)
	err = s.disclose(ctx, db, p, &out, rows, parties)
	return out, err
}

func (s *service) ClearHit(ctx context.Context, p auth.Principal, referralID, hitID uuid.UUID, reason string) (Check, error) {
	firm, err := s.checkTarget(ctx, p, referralID, nil, actOnCheck)
	if err != nil {
		return Check{}, err
	}
	if p.Role != auth.RoleCoordinator {
		return Check{}, problem.New(problem.Forbidden, "Only the firm's coordinators clear potential conflicts.")
	}
	var out Check
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		// Locked, so that two hits cleared at once are summed up with both clearances: without the
		// lock each transaction would count the other's hit as still uncleared.
		c, rows, err := tx.LockConflictCheck(ctx, referralID, firm)
		if problem.Is(err, problem.NotFound) {
			return errCheckNotFound
		}
		if err != nil {
			return err
		}
		if err := clearable(rows, hitID); err != nil {
			return err
		}
		if err := tx.ClearConflictHit(ctx, hitID, p.UserID, reason); err != nil {
			return err
		}
		if out, err = s.stored(ctx, tx, p, referralID, firm); err != nil {
			return err
		}
		out.Result = resultOf(out.Hits)
		if err := tx.SetConflictResult(ctx, c.ID, string(out.Result)); err != nil {
			return err
		}
		return tx.Audit(ctx, firmRecord(p, ActionHitCleared, "conflict_hit", hitID,
			map[string]any{"cleared": false, "result": c.Result},
			map[string]any{"cleared": true, "result": out.Result, "referral_id": referralID, "firm_id": firm}))
	})
	return out, err
}

// clearable returns nil if the hit is a potential one not yet cleared: NotFound if the check has no
// such hit, Conflict if it is cleared already or blocks (which only the client's consent lifts).
func clearable(rows []store.ConflictHit, id uuid.UUID) error {
	for _, r := range rows {
		switch {
		case r.ID != id:
		case r.Level == Conflict.String():
			return problem.New(problem.Conflict, "This hit is a conflict, not a potential one: it cannot be cleared.")
		case r.ClearedAt != nil:
			return problem.New(problem.Conflict, "This potential conflict has been cleared already.")
		default:
			return nil
		}
	}
	return problem.New(problem.NotFound, "Potential conflict not found.")
}
