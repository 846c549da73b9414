package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/attorney"
	"github.com/probono-match/probono/internal/audit"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/credit"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/reference"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/report"
	"github.com/probono-match/probono/internal/timeexchange"
)

// Handlers implements the generated ServerInterface: each method decodes, calls one service method
// and encodes. Authorization is the services' job.
type Handlers struct {
	Auth      auth.Service
	Orgs      org.Service
	Reference *reference.Service
	Attorneys attorney.Service
	Referrals referral.Service
	Conflicts conflict.Service
	Offers    offer.Service
	// Proposals are the nightly batch matching's, for coordinators to send or dismiss.
	Proposals     offer.ProposalService
	Notifications notify.Inbox
	// Candidates ranks attorneys for referrals; MatchingSettings holds the weights and offer windows.
	Candidates       offer.CandidateService
	MatchingSettings offer.SettingsService
	Opportunities    offer.OpportunityService
	SecureCookie     bool
	Uploads          UploadRate
	// DevMailbox is the development mailbox; nil when the server sends email or runs in production.
	DevMailbox *notify.DevMailbox
	// Partnerships are firms' commitments to referring organisations.
	Partnerships partnership.Service
	// Hours are the time entries attorneys log and their firms approve.
	Hours hours.Service
	// Audit reads, exports and verifies the audit trail.
	Audit audit.Service
	// Reports are firms' and referring organisations' figures, as JSON or CSV.
	Reports report.Service
	// Credit is firms' credit policies, the credit ledger and the Pro Bono Challenge.
	Credit credit.Service
	// Outcomes closes matters, keeps clients' feedback and referrers' impact figures.
	Outcomes outcome.Service
	// TimeExchange exports firms' approved time as CSV and LEDES and imports time as CSV.
	TimeExchange timeexchange.Service
}

var _ ServerInterface = (*Handlers)(nil)

// decode reads the JSON body into v. The spec gate has validated it already; this is the second line
// of defence against unknown fields.
func decode(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return problem.Wrap(problem.MalformedBody, err, "The request body is not valid JSON for this operation.")
	}
	return nil
}

func items[T any](list []T) map[string][]T { return map[string][]T{"items": list} }

func noContent(c echo.Context) error { return c.NoContent(http.StatusNoContent) }
