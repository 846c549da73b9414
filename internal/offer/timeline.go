package offer

import (
	"context"
	"strconv"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/referral"
)

// DefaultTimelinePage is a timeline page's length when the caller names none.
const DefaultTimelinePage = 50

const timelineSort = "id"

func (s *service) Timeline(ctx context.Context, p auth.Principal, referralID uuid.UUID, after string, limit int) ([]Step, string, error) {
	r, err := s.referrals.Find(ctx, referralID)
	if err != nil {
		return nil, "", err
	}
	if !isReferrer(p, r.OrgID) && !(p.IsPlatformAdmin() && referral.Status(r.Status) != referral.Draft) {
		return nil, "", errReferralNotFound
	}
	var afterID int64
	if after != "" {
		key, err := cursor.Decode(after, timelineSort, 1)
		if err != nil {
			return nil, "", err
		}
		if afterID, err = strconv.ParseInt(key[0], 10, 64); err != nil || afterID < 0 {
			return nil, "", cursor.ErrInvalid
		}
	}
	if limit <= 0 {
		limit = DefaultTimelinePage
	}
	rows, err := s.db.ReferralTimeline(ctx, referralID, afterID, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = cursor.Encode(timelineSort, []string{strconv.FormatInt(rows[limit-1].ID, 10)})
	}
	out := make([]Step, len(rows))
	for i, e := range rows {
		out[i] = Step{ID: e.ID, At: e.At, Action: e.Action, ActorName: e.ActorName, Fields: e.Fields,
			FromStatus: deref(e.FromStatus), ToStatus: deref(e.ToStatus), Reason: deref(e.Reason),
			AttorneyID: e.AttorneyID, AttorneyName: deref(e.AttorneyName), FirmName: deref(e.FirmName)}
		if out[i].Fields == nil {
			out[i].Fields = []string{}
		}
	}
	return out, next, nil
}
