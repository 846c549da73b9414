// What a hit on a referral's client may say, and to whom its name is disclosed.

package conflict

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// matchOf is the kind of match of a verdict: classify gives Conflict only for equal normalised names.
func matchOf(v Verdict) Match {
	if v.Level == Conflict {
		return MatchExact
	}
	return MatchSimilar
}

const rule65Note = "; limited-scope program (ABA Model Rule 6.5): blocking only if the attorney knows of it"

// hitReason says why a party matched an entry. For the referral's client it names only the kind of
// match: classify's reasons quote the party's spelling ("names one letter apart (…)") or a
// similarity score, which would hand the client's name to whoever typed a near guess into the
// registry (a score lets one home in on the spelling guess by guess), and would be stored in
// plaintext beside the encrypted party. Other parties' reasons stay whole: the check shows their
// names, which the firm's attorneys see on the referral anyway.
func hitReason(partyRole, entryRole string, v Verdict, limited bool) string {
	why := v.Reason
	if partyRole == "client" {
		why = map[Match]string{MatchExact: "the same name after normalisation", MatchSimilar: "a similar name"}[matchOf(v)]
	}
	reason := why + "; " + roleReason(partyRole, entryRole)
	if limited {
		reason += rule65Note
	}
	return reason
}

// disclose adds to the hits on the referral's client the latest question about each, and the
// client's name where the referring organisation disclosed it to the caller, who asked for it.
// rows and parties are those c was built from, in the same order.
func (s *service) disclose(ctx context.Context, db *store.Store, p auth.Principal, c *Check, rows []store.ConflictHit, parties []referral.Party) error {
	var ids []uuid.UUID
	for _, h := range c.Hits {
		if h.PartyWithheld {
			ids = append(ids, h.ID)
		}
	}
	qs, err := db.ConflictInquiriesOfHits(ctx, ids)
	if err != nil {
		return err
	}
	latest := map[uuid.UUID]*Inquiry{}
	disclosed := map[uuid.UUID]bool{}
	for _, q := range qs {
		in := toInquiry(q)
		latest[q.HitID] = &in
		if in.Question == AskDiscloseName && in.Answer == AnswerDisclose && in.AskedBy == p.UserID {
			disclosed[q.HitID] = true
		}
	}
	for i := range c.Hits {
		h := &c.Hits[i]
		h.Inquiry = latest[h.ID]
		if disclosed[h.ID] && rows[i].PartyPosition < len(parties) {
			h.PartyName, h.PartyWithheld = parties[rows[i].PartyPosition].Name, false
		}
	}
	return nil
}
