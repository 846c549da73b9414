package notify

import (
	"fmt"
	"strings"
	"text/template"
)

// EventType names something that happened that people are told about.
type EventType string

// The event types. Each has one entry in registry below.
const (
	EventInvitation            EventType = "invitation"
	EventPasswordReset         EventType = "password_reset"
	EventReferralSubmitted     EventType = "referral_submitted"
	EventConflictToClear       EventType = "conflict_to_clear"
	EventClearanceReminder     EventType = "clearance_reminder"
	EventReferralStatusChanged EventType = "referral_status_changed"
	EventReferralStale         EventType = "referral_stale"
	EventImportFinished        EventType = "import_finished"
	EventOfferMade             EventType = "offer_made"
	EventUrgentOfferMade       EventType = "urgent_offer_made"
	EventOfferExpiring         EventType = "offer_expiring"
	EventOfferExpired          EventType = "offer_expired"
	EventOfferClosed           EventType = "offer_closed"
	EventOfferAccepted         EventType = "offer_accepted"
	EventOfferDeclined         EventType = "offer_declined"
	EventVolunteered           EventType = "volunteer_interest"
	EventMatterStarted         EventType = "matter_started"
	EventMatterWithdrawn       EventType = "matter_withdrawn"
	EventNewOpportunities      EventType = "new_opportunities"
	EventTimeApproved          EventType = "time_approved"
	EventTimeRejected          EventType = "time_rejected"
	EventTimeReminder          EventType = "time_reminder"
	EventMatterClosed          EventType = "matter_closed"
)

// Delivery is when a user is emailed about an event type.
type Delivery string

// The deliveries a user may choose. Whatever they choose, an event of an in-app type also appears
// in their notifications.
const (
	Immediate Delivery = "immediate"
	Daily     Delivery = "daily"
	Weekly    Delivery = "weekly"
	Off       Delivery = "off"
)

// Valid reports whether d is one of the deliveries.
func (d Delivery) Valid() bool { return d == Immediate || d == Daily || d == Weekly || d == Off }

// Spec is everything about one event type. Adding an event type is adding one Spec to registry.
type Spec struct {
	Type EventType
	// Label and Description are how the preferences page presents it.
	Label, Description string
	// Default is the delivery of users who have not chosen one.
	Default Delivery
	// Security emails (a password reset) are always sent at once; nobody can turn them off.
	Security bool
	// InApp events are shown in the recipients' notifications and emailed from them with Title and
	// Link. Other events (security emails to an address, with a token in them) are composed by their
	// handler and sent with Deliver.
	InApp bool
	// Title and Link are text/template texts over the event's Params: what happened, in words that
	// name no person and no client ("A new referral in Housing, Illinois"), and the app's path to
	// look at it, which checks the reader's access.
	Title, Link string
	// For reports whether users like u receive the event, so that their preferences list it. Nil for
	// an event that never reaches an account (an invitation goes to an address).
	For func(u User) bool
}

// firmManagers are the coordinators and org admins of law firms.
func firmManagers(u User) bool {
	return u.OrgKind == "law_firm" && (u.Role == roleCoordinator || u.Role == roleOrgAdmin)
}

// referrers are the staff and org admins of the organisations that refer matters.
func referrers(u User) bool {
	switch u.OrgKind {
	case "nonprofit", "public_defender", "clinic":
		return u.Role == roleStaff || u.Role == roleOrgAdmin
	}
	return false
}

// attorneys are the attorneys of law firms.
func attorneys(u User) bool { return u.OrgKind == "law_firm" && u.Role == roleAttorney }

// referrersAndFirmManagers are both sides of a matter but its attorney.
func referrersAndFirmManagers(u User) bool { return referrers(u) || firmManagers(u) }

func everyone(User) bool { return true }

// registry lists every event type in the order the preferences page shows them. Params each one's
// Title and Link use: referral (id), area and jurisdiction (names, e.g. "Housing", "Illinois"),
// status (as people read it, e.g. "accepted"), days, import (id), added and rejected (counts),
// offer and matter (ids), firm (a law firm's name), entries (a count of time entries, "3 entries"),
// hours ("2.5").
var registry = []Spec{
	{Type: EventInvitation, Label: "Invitation", Default: Immediate, Security: true},
	{Type: EventPasswordReset, Label: "Password reset",
		Description: "The link to choose a new password, when you ask for one.",
		Default:     Immediate, Security: true, For: everyone},
	{Type: EventConflictToClear, Label: "Potential conflicts to clear",
		Description: "A new referral names someone in your firm's conflict registry, and you decide whether it is a conflict.",
		Default:     Immediate, InApp: true, For: firmManagers,
		Title: "A potential conflict to clear: a referral in {{.area}}, {{.jurisdiction}}", Link: "/referrals/{{.referral}}"},
	{Type: EventClearanceReminder, Label: "Clearance reminders",
		Description: "A potential conflict has been waiting for your decision for more than two days.",
		Default:     Immediate, InApp: true, For: firmManagers,
		Title: "Reminder: a potential conflict is waiting for you to clear it (a referral in {{.area}}, {{.jurisdiction}})", Link: "/referrals/{{.referral}}"},
	{Type: EventReferralSubmitted, Label: "New referrals",
		Description: "A referral your firm's conflict check has cleared is open for your attorneys.",
		Default:     Off, InApp: true, For: firmManagers,
		Title: "A new referral in {{.area}}, {{.jurisdiction}}", Link: "/referrals/{{.referral}}"},
	{Type: EventImportFinished, Label: "Registry imports",
		Description: "A conflict registry import you started has finished.",
		Default:     Immediate, InApp: true, For: firmManagers,
		Title: "Your registry import has finished: {{.added}} entries added, {{.rejected}} rejected", Link: "/conflicts"},
	{Type: EventReferralStatusChanged, Label: "Referral status changes",
		Description: "One of your organisation's referrals has moved on, for example when an attorney accepts it.",
		Default:     Immediate, InApp: true, For: referrers,
		Title: "Your referral in {{.area}}, {{.jurisdiction}} is now {{.status}}", Link: "/referrals/{{.referral}}"},
	{Type: EventReferralStale, Label: "Referrals nobody has taken",
		Description: "A referral of your organisation has been open for days without a firm taking it.",
		Default:     Daily, InApp: true, For: referrers,
		Title: "No firm has taken your referral in {{.area}}, {{.jurisdiction}} after {{.days}} days", Link: "/referrals/{{.referral}}"},
	{Type: EventOfferMade, Label: "Offers",
		Description: "A referral is offered to you, to accept or decline before the offer expires.",
		Default:     Immediate, InApp: true, For: attorneys,
		Title: "A referral in {{.area}}, {{.jurisdiction}} is offered to you", Link: "/offers/{{.offer}}"},
	// Urgent and emergency referrals have hours, not days: their offers are emailed at once
	// whatever the attorney chose for other offers.
	{Type: EventUrgentOfferMade, Label: "Urgent offers",
		Description: "An urgent or emergency referral is offered to you; its offer expires within hours, so it is always emailed at once.",
		Default:     Immediate, Security: true, InApp: true, For: attorneys,
		Title: "Urgent: a referral in {{.area}}, {{.jurisdiction}} is offered to you", Link: "/offers/{{.offer}}"},
	{Type: EventOfferExpiring, Label: "Offers about to expire",
		Description: "An offer you have not answered expires within 24 hours.",
		Default:     Immediate, InApp: true, For: attorneys,
		Title: "Your offer of a referral in {{.area}}, {{.jurisdiction}} expires within 24 hours", Link: "/offers/{{.offer}}"},
	{Type: EventOfferExpired, Label: "Expired offers",
		Description: "An offer expired unanswered.",
		Default:     Immediate, InApp: true, For: func(u User) bool { return attorneys(u) || referrers(u) },
		Title: "An offer of a referral in {{.area}}, {{.jurisdiction}} expired unanswered", Link: "/offers/{{.offer}}"},
	{Type: EventOfferClosed, Label: "Offers taken by someone else",
		Description: "A referral you were offered was accepted by another attorney.",
		Default:     Immediate, InApp: true, For: attorneys,
		Title: "A referral in {{.area}}, {{.jurisdiction}} you were offered has been taken", Link: "/offers"},
	{Type: EventOfferAccepted, Label: "Accepted referrals",
		Description: "An attorney accepted a referral: your organisation's, or one offered to your firm.",
		Default:     Immediate, InApp: true, For: referrersAndFirmManagers,
		Title: "A referral in {{.area}}, {{.jurisdiction}} was accepted by an attorney of {{.firm}}", Link: "/matters/{{.matter}}"},
	{Type: EventOfferDeclined, Label: "Declined offers",
		Description: "An attorney declined an offer of your organisation's referral.",
		Default:     Immediate, InApp: true, For: referrers,
		Title: "An attorney declined your referral in {{.area}}, {{.jurisdiction}}", Link: "/referrals/{{.referral}}"},
	{Type: EventVolunteered, Label: "Volunteers",
		Description: "An attorney volunteered for your organisation's referral, for you to confirm.",
		Default:     Immediate, InApp: true, For: referrers,
		Title: "An attorney volunteered for your referral in {{.area}}, {{.jurisdiction}}", Link: "/referrals/{{.referral}}"},
	{Type: EventMatterStarted, Label: "Matters started",
		Description: "The attorney of a matter began work with the client.",
		Default:     Immediate, InApp: true, For: referrersAndFirmManagers,
		Title: "Work began on the referral in {{.area}}, {{.jurisdiction}}", Link: "/matters/{{.matter}}"},
	{Type: EventMatterWithdrawn, Label: "Withdrawals",
		Description: "The attorney of your organisation's referral withdrew; it is back in matching.",
		Default:     Immediate, InApp: true, For: referrers,
		Title: "The attorney withdrew from your referral in {{.area}}, {{.jurisdiction}}", Link: "/referrals/{{.referral}}"},
	{Type: EventNewOpportunities, Label: "New referrals that fit you",
		Description: "Referrals opened since the day before that you are among the best fits for.",
		Default:     Daily, InApp: true, For: attorneys,
		Title: "New referrals that fit you: {{.count}}", Link: "/opportunities"},
	{Type: EventTimeApproved, Label: "Approved time",
		Description: "Your firm approved time you logged.",
		Default:     Daily, InApp: true, For: attorneys,
		Title: "Your time was approved: {{.hours}} hours in {{.entries}}", Link: "/timesheet"},
	{Type: EventTimeRejected, Label: "Time returned for changes",
		Description: "Your firm returned time you logged, with what to change before you submit it again.",
		Default:     Immediate, InApp: true, For: attorneys,
		Title: "Your time was returned for changes: {{.hours}} hours in {{.entries}}", Link: "/timesheet?status=rejected"},
	{Type: EventTimeReminder, Label: "Time reminders",
		Description: "You have active matters and have logged no time for two weeks.",
		Default:     Immediate, InApp: true, For: attorneys,
		Title: "You have logged no time on your matters for {{.days}} days", Link: "/timesheet"},
	{Type: EventMatterClosed, Label: "Matters closed",
		Description: "A matter ended with its outcome: your organisation's referral, or a matter of your firm's attorneys.",
		Default:     Immediate, InApp: true, For: referrersAndFirmManagers,
		Title: "The matter on a referral in {{.area}}, {{.jurisdiction}} was closed", Link: "/matters/{{.matter}}"},
}

// spec is an event type's Spec with its templates parsed.
type spec struct {
	Spec
	title, link *template.Template
}

var specs = func() map[EventType]spec {
	out := make(map[EventType]spec, len(registry))
	for _, s := range registry {
		parse := func(kind, text string) *template.Template {
			return template.Must(template.New(string(s.Type) + " " + kind).Option("missingkey=error").Parse(text))
		}
		out[s.Type] = spec{Spec: s, title: parse("title", s.Title), link: parse("link", s.Link)}
	}
	return out
}()

// Params are the facts an event's title and link are made from. They are shown to every
// recipient and sent by email: never a person's name or contact details, never a client's facts.
type Params map[string]string

// render fills an event type's title and link with params. A param the templates name and params
// lack is an error: a notification never says "<no value>".
func (s spec) render(params Params) (title, link string, err error) {
	var t, l strings.Builder
	if err := s.title.Execute(&t, params); err != nil {
		return "", "", fmt.Errorf("%s title: %w", s.Type, err)
	}
	if err := s.link.Execute(&l, params); err != nil {
		return "", "", fmt.Errorf("%s link: %w", s.Type, err)
	}
	return t.String(), l.String(), nil
}
