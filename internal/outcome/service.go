package outcome

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/referral"
)

// Config is what the service is built with.
type Config struct {
	Store     Store
	Matters   Matters
	Referrals Referrals
	Cipher    Sealer
	// Counters keep the public links' rate limit; BaseURL is where links point.
	Counters *ratelimit.Counters
	BaseURL  string
	// OpenAfterDays is how long a referral may stay open untaken before it counts as unmet need.
	OpenAfterDays int
}

// The public links' limit per client address: a client opening their link, reloading it and
// answering stays far below it; someone trying tokens does not.
const (
	publicRequestsPerAddress = 30
	publicWindow             = 15 * time.Minute
)

// NewService returns the outcome service.
func NewService(c Config) Service {
	return &service{Config: c, now: func() time.Time { return time.Now().UTC() },
		public: ratelimit.Window{Counters: c.Counters, Name: "feedback:address:", Max: publicRequestsPerAddress, Per: publicWindow}}
}

type service struct {
	Config
	public ratelimit.Window
	now    func() time.Time
}

var (
	errMatterNotFound = problem.New(problem.NotFound, "Matter not found.")
	errNotCloser      = problem.New(problem.Forbidden, "Only the matter's attorney and their firm's coordinators close a matter.")
	errNotReferrer    = problem.New(problem.Forbidden, "Only the referring organization records and reads a client's feedback.")
	errNotClosed      = problem.New(problem.Conflict, "Feedback is asked for once the matter is closed.")
	// errLinkGone answers every token that is not a valid link alike, so a guess learns nothing.
	errLinkGone = problem.Typed(problem.Gone, "feedback-link-gone",
		"This feedback link can no longer be used: it was used already or has expired. Ask the organization for a new one if you still want to answer.")
)

// visibleMatter loads a matter the caller sees as the offer domain shows it (its attorney, their
// firm's managers, the referring organisation, platform admins); NotFound otherwise.
func (s *service) visibleMatter(ctx context.Context, p auth.Principal, id uuid.UUID) (MatterRef, error) {
	m, err := s.Matters.Find(ctx, id)
	if problem.Is(err, problem.NotFound) {
		return m, errMatterNotFound
	}
	if err != nil {
		return m, err
	}
	if p.UserID != m.AttorneyID && !p.ManagesFirm(m.FirmID) && !p.RefersFor(m.ReferrerID) && !p.IsPlatformAdmin() {
		return m, errMatterNotFound
	}
	return m, nil
}

func (s *service) Close(ctx context.Context, p auth.Principal, matterID uuid.UUID, in Closing) (offer.Matter, error) {
	m, err := s.visibleMatter(ctx, p, matterID)
	if err != nil {
		return offer.Matter{}, err
	}
	if p.UserID != m.AttorneyID && !p.ManagesFirm(m.FirmID) {
		return offer.Matter{}, errNotCloser
	}
	if err := validClosing(&in); err != nil {
		return offer.Matter{}, err
	}
	err = s.Store.Tx(ctx, func(tx Tx) error {
		// The referral first, then the matter: the order the offer domain locks them in.
		r, err := s.Referrals.Lock(ctx, tx, m.ReferralID)
		if err != nil {
			return err
		}
		locked, err := s.Matters.Lock(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if locked.Status != "active" {
			return problem.New(problem.Conflict, "The matter is %s: only an active matter closes.", locked.Status)
		}
		now := s.now()
		if err := s.Matters.Close(ctx, tx, m.ID, in, p.UserID, now); err != nil {
			return err
		}
		step := referral.Step{ReferralID: r.ID, UserID: p.UserID, Action: "matter_closed", AttorneyID: &m.AttorneyID, Reason: in.Outcome}
		// The referring organisation may have closed the referral itself already.
		if referral.Status(r.Status) == referral.Closed {
			err = s.Referrals.Record(ctx, tx, step)
		} else {
			err = s.Referrals.Close(ctx, tx, r, referralOutcomes[in.Outcome], step)
		}
		if err != nil {
			return err
		}
		if err := emit(ctx, tx, EventClosed, "matter/"+m.ID.String(), offer.MatterEvent{MatterID: m.ID}); err != nil {
			return err
		}
		after, err := json.Marshal(map[string]any{"status": "closed", "outcome": in.Outcome, "goal_met": in.GoalMet, "hours": in.Hours})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Record{ActorID: &p.UserID, OrgID: &p.OrgID, Action: "matter.closed", ObjectType: "matter",
			ObjectID: m.ID.String(), Before: json.RawMessage(`{"status":"active"}`), After: after})
	})
	if err != nil {
		return offer.Matter{}, err
	}
	return s.Matters.Shown(ctx, p, matterID)
}

// validClosing checks a closing and tidies its note.
func validClosing(in *Closing) error {
	var faults []problem.FieldError
	if !slices.Contains(Categories, in.Outcome) {
		faults = append(faults, problem.Field("outcome", "is not a closing category: "+strings.Join(Categories, ", ")))
	}
	tenths := in.Hours * 10
	if math.IsNaN(in.Hours) || in.Hours < 0 || in.Hours > MaxHours || math.Abs(tenths-math.Round(tenths)) > 1e-6 {
		faults = append(faults, problem.Field("hours", fmt.Sprintf("must be between 0 and %.1f, in tenths of an hour", MaxHours)))
	}
	in.Hours = math.Round(tenths) / 10
	in.Note = strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Note) > MaxNoteLength {
		faults = append(faults, problem.Field("note", fmt.Sprintf("is longer than %d characters", MaxNoteLength)))
	}
	if len(faults) > 0 {
		return problem.Validation(faults...)
	}
	return nil
}

// emit records an event in tx.
func emit(ctx context.Context, tx Tx, eventType, aggregate string, payload any) error {
	e, err := outbox.New(eventType, aggregate, payload)
	if err != nil {
		return err
	}
	return tx.Emit(ctx, e)
}
