package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

type notificationView struct {
	ID        string     `json:"id"`
	EventType string     `json:"event_type"`
	Title     string     `json:"title"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

type notificationPage struct {
	Items      []notificationView `json:"items"`
	NextCursor string             `json:"next_cursor"`
}

type preferenceView struct {
	EventType       string `json:"event_type"`
	Label           string `json:"label"`
	Delivery        string `json:"delivery"`
	DefaultDelivery string `json:"default_delivery"`
	Security        bool   `json:"security"`
}

// userIDs returns the ids of the demo accounts with these emails.
func userIDs(t *testing.T, env *apptest.Env, emails ...string) []uuid.UUID {
	t.Helper()
	ids := make([]uuid.UUID, len(emails))
	for i, e := range emails {
		ids[i] = env.Principal(t, e).UserID
	}
	return ids
}

// notifyEvent has the notification service record e in a transaction of its own, as an event's
// handler does.
func notifyEvent(t *testing.T, env *apptest.Env, e notify.Event) {
	t.Helper()
	ctx := context.Background()
	if err := env.App.Store.Tx(ctx, func(tx *store.Store) error { return env.App.Notify.Notify(ctx, tx, e) }); err != nil {
		t.Fatalf("notify: %v", err)
	}
}

// conflictEvent is a potential conflict to clear for the users with these emails, with an event id
// of its own.
func conflictEvent(t *testing.T, env *apptest.Env, emails ...string) notify.Event {
	t.Helper()
	return notify.Event{ID: uuid.New(), Type: notify.EventConflictToClear, To: userIDs(t, env, emails...),
		Params: notify.Params{"referral": uuid.NewString(), "area": "Housing", "jurisdiction": "Illinois"}}
}

func listNotifications(t *testing.T, env *apptest.Env, s apptest.Session, query string) notificationPage {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/notifications" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("list: %d %s", r.Status, r.Body)
	}
	var page notificationPage
	r.JSON(t, &page)
	return page
}

func unreadCount(t *testing.T, env *apptest.Env, s apptest.Session) int {
	t.Helper()
	var body struct{ Count int }
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/notifications/unread-count", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("count: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &body)
	return body.Count
}

func TestNotifications_ListPagesNewestFirstAndFiltersUnread(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	var links []string
	for range 5 {
		e := conflictEvent(t, env, coordinator)
		notifyEvent(t, env, e)
		links = append(links, "/referrals/"+e.Params["referral"])
	}
	// Someone else's notification is not in the coordinator's list.
	notifyEvent(t, env, conflictEvent(t, env, "coordinator@castellan.example"))

	var seen []notificationView
	cursor := ""
	for pages := 0; ; pages++ {
		if pages == 3 {
			t.Fatalf("more than 3 pages of 2 for 5 notifications")
		}
		query := "?limit=2"
		if cursor != "" {
			query += "&cursor=" + cursor
		}
		page := listNotifications(t, env, coord, query)
		seen = append(seen, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 5 {
		t.Fatalf("listed %d notifications, want 5", len(seen))
	}
	for i, n := range seen {
		if want := links[len(links)-1-i]; n.Link != want || n.EventType != "conflict_to_clear" || n.ReadAt != nil {
			t.Fatalf("item %d: %+v, want the link %s, unread", i, n, want)
		}
		if n.Title != "A potential conflict to clear: a referral in Housing, Illinois" {
			t.Fatalf("title %q", n.Title)
		}
	}

	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/notifications/" + seen[1].ID + "/read", Token: coord.Token})
	if r.Status != http.StatusNoContent {
		t.Fatalf("mark read: %d %s", r.Status, r.Body)
	}
	unread := listNotifications(t, env, coord, "?unread=true")
	if len(unread.Items) != 4 || unread.NextCursor != "" {
		t.Fatalf("unread: %+v", unread)
	}
	for _, n := range unread.Items {
		if n.ID == seen[1].ID {
			t.Fatal("the notification read is listed as unread")
		}
	}
	if all := listNotifications(t, env, coord, ""); len(all.Items) != 5 || all.Items[1].ReadAt == nil {
		t.Fatalf("all: %+v", all.Items)
	}
	if n := unreadCount(t, env, coord); n != 4 {
		t.Fatalf("unread count %d, want 4", n)
	}
}

func TestNotifications_MarkReadTwiceAndReadAll(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	for range 3 {
		notifyEvent(t, env, conflictEvent(t, env, coordinator, "admin@hartwell.example"))
	}
	first := listNotifications(t, env, coord, "").Items[0]
	for range 2 {
		if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/notifications/" + first.ID + "/read", Token: coord.Token}); r.Status != http.StatusNoContent {
			t.Fatalf("mark read: %d %s", r.Status, r.Body)
		}
	}
	if n := unreadCount(t, env, coord); n != 2 {
		t.Fatalf("unread %d, want 2", n)
	}
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/notifications/read-all", Token: coord.Token}); r.Status != http.StatusNoContent {
		t.Fatalf("read all: %d %s", r.Status, r.Body)
	}
	if n := unreadCount(t, env, coord); n != 0 {
		t.Fatalf("unread %d after reading all", n)
	}
	// The firm's admin got the same events and has read none of them.
	if n := unreadCount(t, env, env.Login(t, "admin@hartwell.example", password)); n != 3 {
		t.Fatalf("the admin's unread count is %d, want 3", n)
	}
	// A colleague's notification (the admin's own of the same event has another id), and one that
	// does not exist, are not found.
	adminSession := env.Login(t, "admin@hartwell.example", password)
	for _, id := range []string{first.ID, uuid.NewString()} {
		env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/notifications/" + id + "/read", Token: adminSession.Token}).Problem(t, http.StatusNotFound)
	}
	if n := unreadCount(t, env, adminSession); n != 3 {
		t.Fatalf("the admin's unread count is %d after trying, want 3", n)
	}
}

func TestNotify_TheSameEventTwiceNotifiesAndEmailsOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	e := conflictEvent(t, env, coordinator, coordinator) // a recipient named twice is one recipient
	notifyEvent(t, env, e)
	notifyEvent(t, env, e)
	for range 2 {
		if err := env.App.Notify.SendDue(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	if page := listNotifications(t, env, env.Login(t, coordinator, password), ""); len(page.Items) != 1 {
		t.Fatalf("%d notifications of one event", len(page.Items))
	}
	mail := env.Mail.To(coordinator)
	if len(mail) != 1 {
		t.Fatalf("%d emails of one event", len(mail))
	}
	want := "/referrals/" + e.Params["referral"]
	if mail[0].Subject != "A potential conflict to clear: a referral in Housing, Illinois" || !strings.Contains(mail[0].Text, want) ||
		!strings.Contains(mail[0].Text, "Dana Whitfield") || !strings.Contains(mail[0].HTML, want) || mail[0].ID == "" {
		t.Fatalf("email: %+v", mail[0])
	}
	if err := env.App.Notify.SendAllDue(ctx); err != nil || len(env.Mail.To(coordinator)) != 1 {
		t.Fatalf("the sweep sent again: %v, %d emails", err, len(env.Mail.To(coordinator)))
	}
}

func TestNotify_ParamsTheTitleNeedsAreRequiredAndNothingIsWritten(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	e := conflictEvent(t, env, coordinator)
	delete(e.Params, "area")
	err := env.App.Store.Tx(ctx, func(tx *store.Store) error { return env.App.Notify.Notify(ctx, tx, e) })
	if err == nil || !strings.Contains(err.Error(), "area") {
		t.Fatalf("notify without an area: %v", err)
	}
	reset := notify.Event{ID: uuid.New(), Type: notify.EventPasswordReset, To: userIDs(t, env, coordinator)}
	if err := env.App.Store.Tx(ctx, func(tx *store.Store) error { return env.App.Notify.Notify(ctx, tx, reset) }); err == nil {
		t.Fatal("a password reset was recorded as an in-app notification")
	}
	if n := unreadCount(t, env, env.Login(t, coordinator, password)); n != 0 {
		t.Fatalf("%d notifications written", n)
	}
}

// setPreferences puts the deliveries as s and fails unless they are accepted.
func setPreferences(t *testing.T, env *apptest.Env, s apptest.Session, delivery map[string]string) []preferenceView {
	t.Helper()
	var items []map[string]string
	for ty, d := range delivery {
		items = append(items, map[string]string{"event_type": ty, "delivery": d})
	}
	r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: s.Token, Body: map[string]any{"items": items}})
	if r.Status != http.StatusOK {
		t.Fatalf("put preferences: %d %s", r.Status, r.Body)
	}
	var body struct{ Items []preferenceView }
	r.JSON(t, &body)
	return body.Items
}

func getPreferences(t *testing.T, env *apptest.Env, s apptest.Session) map[string]preferenceView {
	t.Helper()
	var body struct{ Items []preferenceView }
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/me/notification-preferences", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("get preferences: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &body)
	out := map[string]preferenceView{}
	for _, p := range body.Items {
		out[p.EventType] = p
	}
	return out
}

func TestPreferences_ListTheEventsThatReachTheUserAndRoundTrip(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	prefs := getPreferences(t, env, coord)
	want := map[string]string{"password_reset": "immediate", "conflict_to_clear": "immediate", "clearance_reminder": "immediate",
		"referral_submitted": "off", "import_finished": "immediate", "offer_accepted": "immediate", "matter_started": "immediate",
		"matter_closed": "immediate"}
	if len(prefs) != len(want) {
		t.Fatalf("a coordinator's preferences: %+v", prefs)
	}
	for ty, d := range want {
		if p := prefs[ty]; p.Delivery != d || p.DefaultDelivery != d || p.Label == "" || p.Security != (ty == "password_reset") {
			t.Fatalf("%s: %+v", ty, p)
		}
	}
	staff := getPreferences(t, env, env.Login(t, nonprofitStaff, password))
	// Staff hear of their referrals' status, staleness, offers, volunteers and matters.
	if _, ok := staff["referral_stale"]; !ok || len(staff) != 10 || staff["referral_stale"].Delivery != "daily" {
		t.Fatalf("staff's preferences: %+v", staff)
	}

	setPreferences(t, env, coord, map[string]string{"referral_submitted": "weekly", "conflict_to_clear": "daily", "password_reset": "immediate"})
	setPreferences(t, env, coord, map[string]string{"import_finished": "off"})
	prefs = getPreferences(t, env, coord)
	for ty, d := range map[string]string{"referral_submitted": "weekly", "conflict_to_clear": "daily", "import_finished": "off",
		"clearance_reminder": "immediate", "password_reset": "immediate"} {
		if prefs[ty].Delivery != d {
			t.Fatalf("%s is %s, want %s", ty, prefs[ty].Delivery, d)
		}
	}
	// Another user's preferences are their own.
	if p := getPreferences(t, env, env.Login(t, "admin@hartwell.example", password)); p["conflict_to_clear"].Delivery != "immediate" {
		t.Fatalf("the admin's: %+v", p)
	}
}

func TestPreferences_SecurityEmailsCannotBeTurnedOffAndForeignEventsAreRefused(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	put := func(items ...map[string]string) apptest.Request {
		return apptest.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: coord.Token, Body: map[string]any{"items": items}}
	}
	item := func(ty, d string) map[string]string { return map[string]string{"event_type": ty, "delivery": d} }
	for _, c := range []badCase{
		{"password reset off", put(item("password_reset", "off")), 422, problem.Invalid, "items[0].delivery", "security email"},
		{"password reset in a digest, after a good change", put(item("conflict_to_clear", "daily"), item("password_reset", "weekly")),
			422, problem.Invalid, "items[1].delivery", "security email"},
		{"an event of referring organisations", put(item("referral_stale", "off")), 422, problem.Invalid, "items[0].event_type", "not an event you are notified of"},
		{"the invitation, which reaches no account", put(item("invitation", "off")), 422, problem.Invalid, "items[0].event_type", "not an event"},
		{"listed twice", put(item("conflict_to_clear", "daily"), item("conflict_to_clear", "off")), 422, problem.Invalid, "items[1].event_type", "twice"},
		{"unknown event type", put(item("weather", "off")), 422, problem.Invalid, "items[0].event_type", ""},
		{"unknown delivery", put(item("conflict_to_clear", "hourly")), 422, problem.Invalid, "items[0].delivery", ""},
		{"no items", put(), 422, problem.Invalid, "items", ""},
	} {
		t.Run(c.name, func(t *testing.T) { c.refused(t, env) })
	}
	if p := getPreferences(t, env, coord); p["conflict_to_clear"].Delivery != "immediate" || p["password_reset"].Delivery != "immediate" {
		t.Fatalf("a refused change was saved: %+v", p)
	}
}

func TestNotify_EmailsFollowEachRecipientsPreference(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	const admin, other = "admin@hartwell.example", "coordinator@castellan.example"
	setPreferences(t, env, env.Login(t, coordinator, password), map[string]string{"conflict_to_clear": "daily"})
	setPreferences(t, env, env.Login(t, admin, password), map[string]string{"conflict_to_clear": "off"})
	setPreferences(t, env, env.Login(t, other, password), map[string]string{"conflict_to_clear": "weekly"})

	var events []notify.Event
	for range 3 {
		e := conflictEvent(t, env, coordinator, admin, other)
		notifyEvent(t, env, e)
		if err := env.App.Notify.SendDue(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	// A referral submitted reaches coordinators who opted in only (the default is off).
	submitted := notify.Event{ID: uuid.New(), Type: notify.EventReferralSubmitted, To: userIDs(t, env, coordinator, admin),
		Params: notify.Params{"referral": uuid.NewString(), "area": "Family", "jurisdiction": "Illinois"}}
	notifyEvent(t, env, submitted)
	if err := env.App.Notify.SendDue(ctx, submitted.ID); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{coordinator, admin, other} {
		if m := env.Mail.To(who); len(m) != 0 {
			t.Fatalf("%s was emailed at once: %+v", who, m)
		}
	}
	// In the app, everyone sees every event whatever they chose for email.
	if n := unreadCount(t, env, env.Login(t, admin, password)); n != 4 {
		t.Fatalf("the admin, on off, has %d notifications, want 4", n)
	}

	for range 2 { // the second run finds nothing new to send
		if err := env.App.Notify.SendDigests(ctx, notify.Daily); err != nil {
			t.Fatal(err)
		}
	}
	digest := env.Mail.To(coordinator)
	if len(digest) != 1 || digest[0].Subject != "Probono Match: 3 notifications" {
		t.Fatalf("the daily digest: %+v", digest)
	}
	for _, e := range events {
		if !strings.Contains(digest[0].Text, "/referrals/"+e.Params["referral"]) {
			t.Fatalf("the digest lacks %s:\n%s", e.Params["referral"], digest[0].Text)
		}
	}
	if len(env.Mail.To(admin)) != 0 || len(env.Mail.To(other)) != 0 {
		t.Fatal("the daily digest went to users not on it")
	}
	if err := env.App.Notify.SendDigests(ctx, notify.Weekly); err != nil {
		t.Fatal(err)
	}
	if weekly := env.Mail.To(other); len(weekly) != 1 || strings.Count(weekly[0].Text, "/referrals/") != 3 {
		t.Fatalf("the weekly digest: %+v", weekly)
	}
	// A new event after the digest goes into the next one.
	notifyEvent(t, env, conflictEvent(t, env, coordinator))
	if err := env.App.Notify.SendDigests(ctx, notify.Daily); err != nil {
		t.Fatal(err)
	}
	if d := env.Mail.To(coordinator); len(d) != 2 || d[1].Subject != "Probono Match: 1 notification" {
		t.Fatalf("the next digest: %+v", d)
	}
}

// failingMailer fails every send until it is told to work.
type failingMailer struct {
	works bool
	sent  []notify.Email
}

func (m *failingMailer) Send(_ context.Context, e notify.Email) error {
	if !m.works {
		return fmt.Errorf("451 try again later")
	}
	m.sent = append(m.sent, e)
	return nil
}

func TestDeliver_AFailedEmailIsSentByTheRetryAndOnlyOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	mailer := &failingMailer{}
	svc := notify.NewService(env.App.Store, mailer, "https://app.example", env.App.Log)
	eventID := uuid.New()
	composed := 0
	compose := func(context.Context) (notify.Email, error) {
		composed++
		return notify.Email{To: "incoming@hartwell.example", Subject: "You are invited", Text: "Follow the link."}, nil
	}
	if err := svc.Deliver(ctx, eventID, uuid.Nil, compose); err == nil {
		t.Fatal("a failed send reported no error")
	}
	mailer.works = true
	for range 2 {
		if err := svc.Deliver(ctx, eventID, uuid.Nil, compose); err != nil {
			t.Fatal(err)
		}
	}
	if len(mailer.sent) != 1 || composed != 2 {
		t.Fatalf("sent %d emails, composed %d; want 1 sent after 2 tries", len(mailer.sent), composed)
	}
	var status, lastError string
	var attempts int
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT status, attempts, last_error FROM notification_deliveries WHERE event_id = $1 AND user_id IS NULL`, eventID).
		Scan(&status, &attempts, &lastError)
	if err != nil || status != "sent" || attempts != 2 || lastError != "" {
		t.Fatalf("delivery: %s after %d attempts (%q), %v", status, attempts, lastError, err)
	}
}

// A page of notifications is the caller's account and one query, however many it holds.
func TestNotifications_QueriesDoNotGrowWithThePageSize(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	for range 6 {
		notifyEvent(t, env, conflictEvent(t, env, coordinator))
	}
	coord := env.Login(t, coordinator, password)
	cost := func(limit int) int64 {
		before := queries.Count()
		if page := listNotifications(t, env, coord, fmt.Sprintf("?limit=%d", limit)); len(page.Items) != limit {
			t.Fatalf("a page of %d holds %d", limit, len(page.Items))
		}
		return queries.Count() - before
	}
	if one, six := cost(1), cost(6); one != six || six > 2 {
		t.Fatalf("a page of 1 cost %d queries and a page of 6 cost %d; want the same, at most 2", one, six)
	}
}
