package notify

import "testing"

// Every event type either is shown in the app, with the title and link its notifications and
// emails are made from, or is a security email its handler composes; and whoever it reaches can
// see it among their preferences.
func TestRegistry_EveryEventTypeIsComplete(t *testing.T) {
	seen := map[EventType]bool{}
	for _, s := range registry {
		if seen[s.Type] {
			t.Errorf("%s is registered twice", s.Type)
		}
		seen[s.Type] = true
		if s.Label == "" || !s.Default.Valid() {
			t.Errorf("%s: label %q, default %q", s.Type, s.Label, s.Default)
		}
		if s.InApp && (s.Title == "" || s.Link == "" || s.Link[0] != '/' || s.For == nil || s.Description == "") {
			t.Errorf("%s is shown in the app without a title, a link into the app, a description or recipients", s.Type)
		}
		if !s.InApp && !s.Security {
			t.Errorf("%s is neither shown in the app nor a security email", s.Type)
		}
		if s.Security && s.Default != Immediate {
			t.Errorf("%s is a security email not sent at once", s.Type)
		}
	}
	for _, ty := range []EventType{EventInvitation, EventPasswordReset, EventReferralSubmitted, EventConflictToClear,
		EventClearanceReminder, EventReferralStatusChanged, EventReferralStale, EventImportFinished} {
		if !seen[ty] {
			t.Errorf("%s is not registered", ty)
		}
	}
}
