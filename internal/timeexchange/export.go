package timeexchange

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/ledes"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/csvout"
	"github.com/probono-match/probono/internal/platform/problem"
)

// exportPage is how many entries an export reads per query: the memory it holds, whatever the
// size of the firm.
const exportPage = 1000

// ActivityCodes are the UTBMS activity codes our activities are exported under. UTBMS has no code
// for travel, training or supervision: travel is "Other", training for a matter is preparing for
// it, supervising is communicating within the firm.
var ActivityCodes = map[string]string{
	"client_meeting":   "A106", // Communicate (with client)
	"research":         "A102", // Research
	"drafting":         "A103", // Draft/revise
	"court_appearance": "A109", // Appear for/attend
	"travel":           "A111", // Other
	"training":         "A101", // Plan and prepare for
	"supervision":      "A105", // Communicate (in firm)
	"administrative":   "A110", // Manage data/files
}

// activityLabels describe a LEDES line when the narratives stay out.
var activityLabels = map[string]string{
	"client_meeting": "Client meeting", "research": "Research", "drafting": "Drafting",
	"court_appearance": "Court appearance", "travel": "Travel", "training": "Training",
	"supervision": "Supervision", "administrative": "Administrative work",
}

var errNotManager = problem.New(problem.Forbidden, "Only a law firm's coordinators and org admins exchange its time with other systems.")

// managedFirm returns the caller's firm if they manage its attorneys' time.
func managedFirm(p auth.Principal) (uuid.UUID, error) {
	if p.OrgKind != auth.KindLawFirm || (p.Role != auth.RoleCoordinator && p.Role != auth.RoleOrgAdmin) {
		return uuid.Nil, errNotManager
	}
	return p.OrgID, nil
}

// NewService returns the time exchange service; hours records imported rows.
func NewService(db Store, hours Recorder) Service {
	return &service{db: db, hours: hours, now: time.Now}
}

type service struct {
	db    Store
	hours Recorder
	now   func() time.Time
}

// selection checks the filter and fills in its defaults.
func (s *service) selection(firmID uuid.UUID, f ExportFilter) (Selection, error) {
	if f.Format != CSV && f.Format != LEDES {
		return Selection{}, problem.Validation(problem.Field("format", "must be csv or ledes"))
	}
	sel := Selection{FirmID: firmID, AttorneyID: f.AttorneyID, MatterID: f.MatterID}
	today := s.now().UTC()
	sel.To = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if f.To != nil {
		sel.To = *f.To
	}
	sel.From = time.Date(sel.To.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
	if f.From != nil {
		sel.From = *f.From
	}
	if sel.To.Before(sel.From) {
		return Selection{}, problem.Validation(problem.Field("to", "is before from"))
	}
	return sel, nil
}

func (s *service) Export(ctx context.Context, p auth.Principal, f ExportFilter, w io.Writer) error {
	firmID, err := managedFirm(p)
	if err != nil {
		return err
	}
	sel, err := s.selection(firmID, f)
	if err != nil {
		return err
	}
	// The first page is read, and the export recorded, before anything is written, so that a
	// failure can still be answered as an error rather than as a file cut short.
	page, err := s.db.ApprovedEntries(ctx, sel, nil, exportPage)
	if err != nil {
		return err
	}
	var values map[uuid.UUID]int64
	if f.Format == LEDES {
		if values, err = s.db.ApprovedValues(ctx, sel); err != nil {
			return err
		}
	}
	if err := s.audit(ctx, p, f, sel); err != nil {
		return err
	}
	var out exportWriter
	if f.Format == LEDES {
		out = &ledesExport{w: ledes.NewWriter(w), sel: sel, values: values, narratives: !f.WithoutNarratives, invoiced: s.now().UTC()}
	} else {
		out = &csvExport{w: csvout.NewWriter(w), narratives: !f.WithoutNarratives}
	}
	if err := out.begin(); err != nil {
		return err
	}
	for len(page) > 0 {
		for _, e := range page {
			if err := out.write(e); err != nil {
				return err
			}
		}
		if err := out.flush(); err != nil {
			return err
		}
		last := page[len(page)-1]
		if page, err = s.db.ApprovedEntries(ctx, sel, &Position{MatterID: last.MatterID, WorkDate: last.WorkDate, ID: last.ID}, exportPage); err != nil {
			return err
		}
	}
	return out.flush()
}

// audit records who exported which of the firm's time, in a transaction of its own that ends
// before the file is written.
func (s *service) audit(ctx context.Context, p auth.Principal, f ExportFilter, sel Selection) error {
	after, err := json.Marshal(map[string]any{
		"format": f.Format, "from": sel.From.Format(time.DateOnly), "to": sel.To.Format(time.DateOnly),
		"attorney_id": sel.AttorneyID, "matter_id": sel.MatterID, "narratives": !f.WithoutNarratives,
	})
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx Tx) error {
		return tx.Audit(ctx, audit.Record{ActorID: &p.UserID, OrgID: &sel.FirmID, Action: "hours.exported",
			ObjectType: "organization", ObjectID: sel.FirmID.String(), After: after})
	})
}

// exportWriter writes entries in one format.
type exportWriter interface {
	begin() error
	write(e Entry) error
	flush() error
}

// csvHeader are the columns of the CSV export.
var csvHeader = []string{"entry_id", "work_date", "attorney_id", "attorney_name", "attorney_email", "matter_id",
	"referral_id", "practice_area", "activity", "utbms_activity", "hours", "rate", "amount", "narrative",
	"adjusts_id", "source", "external_id", "approved_at"}

type csvExport struct {
	w          *csvout.Writer
	narratives bool
}

func (c *csvExport) begin() error { return c.w.Write(csvHeader...) }

func (c *csvExport) write(e Entry) error {
	rate := 0
	if e.RateCents != nil {
		rate = *e.RateCents
	}
	narrative := ""
	if c.narratives {
		narrative = e.Narrative
	}
	return c.w.Write(e.ID.String(), e.WorkDate.Format(time.DateOnly), e.AttorneyID.String(), e.AttorneyName, e.AttorneyEmail,
		e.MatterID.String(), e.ReferralID.String(), e.PracticeArea, e.Activity, ActivityCodes[e.Activity],
		hours(e.Minutes), money(int64(rate)), money(value(e.Minutes, rate)), narrative,
		optionalID(e.AdjustsID), e.Source, deref(e.ExternalID), e.ApprovedAt.UTC().Format(time.RFC3339))
}

func (c *csvExport) flush() error { return c.w.Flush() }

// ledesExport writes one invoice per matter, its lines in a row: the entries come by matter.
type ledesExport struct {
	w          *ledes.Writer
	sel        Selection
	values     map[uuid.UUID]int64
	narratives bool
	invoiced   time.Time
	matter     uuid.UUID
	item       int
}

func (l *ledesExport) begin() error { return nil }

func (l *ledesExport) write(e Entry) error {
	if e.MatterID != l.matter {
		l.matter, l.item = e.MatterID, 0
	}
	l.item++
	rate := 0
	if e.RateCents != nil {
		rate = *e.RateCents
	}
	description := activityLabels[e.Activity]
	if l.narratives {
		description = ledes.Text(e.Narrative, ledes.DescriptionMax)
	}
	units := ledes.Units(e.Minutes) * ledes.OneUnit / 60
	line := ledes.Line{
		InvoiceDate: l.invoiced, InvoiceNumber: invoiceNumber(e.MatterID, l.sel.To), ClientID: ShortID(e.ReferralID),
		LawFirmMatterID: ShortID(e.MatterID), InvoiceTotal: ledes.Cents(l.values[e.MatterID]),
		BillingStart: l.sel.From, BillingEnd: l.sel.To, InvoiceDescription: "Pro bono legal services at billable-equivalent value",
		ItemNumber: fmt.Sprint(l.item), Type: ledes.Fee, Units: units, Total: ledes.LineTotal(units, ledes.Cents(rate)),
		Date: e.WorkDate, ActivityCode: ActivityCodes[e.Activity], TimekeeperID: ShortID(e.AttorneyID), Description: description,
		LawFirmID: ShortID(l.sel.FirmID), UnitCost: ledes.Cents(rate), TimekeeperName: ledes.Text(e.AttorneyName, ledes.NameMax),
		Classification: ledes.OtherTimekeeper, ClientMatterID: ShortID(e.MatterID),
	}
	return l.w.Write(line)
}

func (l *ledesExport) flush() error { return l.w.Flush() }

// ShortID is how LEDES files name our objects: the first 20 of an id's 32 hexadecimal digits, as
// the format allows ids of 20 characters. They tell apart any two objects of one firm's exports.
func ShortID(id uuid.UUID) string { return strings.ReplaceAll(id.String(), "-", "")[:20] }

// invoiceNumber is a matter's invoice for a period ending on a day: "PB", the day as YYMMDD and
// the first 12 digits of the matter's id, 20 characters.
func invoiceNumber(matterID uuid.UUID, end time.Time) string {
	return "PB" + end.Format("060102") + ShortID(matterID)[:12]
}

// value is an entry's billable-equivalent value in cents, rounded half away from zero as
// Store.ApprovedValues rounds it.
func value(minutes, rateCents int) int64 {
	return int64(ledes.LineTotal(ledes.Units(minutes)*ledes.OneUnit/60, ledes.Cents(rateCents)))
}

// hours spells minutes as hours with one decimal, negative for an adjustment that takes time off.
func hours(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%d.%d", sign, minutes/60, minutes%60/6)
}

// money spells cents as an amount with two decimals.
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

func optionalID(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
