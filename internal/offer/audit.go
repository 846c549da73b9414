package offer

import (
	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/store"
)

// The actions the offer service records in the audit trail. Their states hold ids, modes and
// statuses, never the referral's client or parties.
const (
	// ActionAccepted: an offer was accepted (or a volunteer confirmed) and its matter opened.
	ActionAccepted = "offer.accepted"
	// ActionClientRevealed: someone outside the referring organisation was shown a matter's client.
	ActionClientRevealed = "matter.client_revealed"
)

// accepted is the trail's record of by accepting offer o, which opened matterID and closed
// closed other offers. It belongs to the organisation of who accepted.
func accepted(by auth.Principal, o store.Offer, matterID uuid.UUID, closed int) audit.Record {
	actor, org := by.UserID, by.OrgID
	return audit.Record{ActorID: &actor, OrgID: &org, Action: ActionAccepted, ObjectType: "offer", ObjectID: o.ID.String(),
		Before: map[string]any{"status": o.Status},
		After: map[string]any{"status": string(Accepted), "mode": o.Mode, "referral_id": o.ReferralID, "attorney_id": o.AttorneyID,
			"firm_id": o.FirmID, "matter_id": matterID, "closed_offers": closed}}
}

// revealed is the trail's record of p being shown the client of matter v. It belongs to the
// matter's firm, whose coordinators answer for who reads its clients.
func revealed(p auth.Principal, v store.MatterView) audit.Record {
	actor, firm := p.UserID, v.FirmID
	return audit.Record{ActorID: &actor, OrgID: &firm, Action: ActionClientRevealed, ObjectType: "matter", ObjectID: v.ID.String(),
		After: map[string]any{"referral_id": v.ReferralID, "matter_id": v.ID}}
}
