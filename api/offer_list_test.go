package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// listPage is one page of GET /offers or /matters: the ids, in order, and the next page's cursor.
type listPage struct {
	Items []struct {
		ID       string `json:"id"`
		Status   string `json:"status"`
		Referral struct {
			ID string `json:"id"`
		} `json:"referral"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func listOf(t *testing.T, env *apptest.Env, s apptest.Session, path string) listPage {
	t.Helper()
	var p listPage
	r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
	}
	r.JSON(t, &p)
	return p
}

// walk reads every page of a list with pages of limit, and returns the ids in order.
func walk(t *testing.T, env *apptest.Env, s apptest.Session, path string, limit int) []string {
	t.Helper()
	var ids []string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for q := sep + "limit=" + strconv.Itoa(limit); ; {
		p := listOf(t, env, s, path+q)
		if len(p.Items) > limit {
			t.Fatalf("a page of %d holds %d", limit, len(p.Items))
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		if p.NextCursor == "" {
			return ids
		}
		q = sep + "limit=" + strconv.Itoa(limit) + "&cursor=" + p.NextCursor
	}
}

func TestOfferAndMatterLists_PageByCursorAndFilterByReferralWithinTheCallersScope(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, priyaEmail, password)
	priyaID, jamesID := userID(t, env, priyaEmail), userID(t, env, jamesEmail)
	var referrals []string
	for range 3 {
		referrals = append(referrals, createReferral(t, env, staff, offerableBody()).ID)
	}
	var priyas []string
	for _, id := range referrals {
		priyas = append(priyas, routeOffers(t, env, coord, id, priyaID)[0].ID)
	}
	routeOffers(t, env, coord, referrals[0], jamesID)
	slices.Reverse(priyas) // newest first

	whole := listOf(t, env, priya, "/api/v1/offers")
	if len(whole.Items) != 3 || whole.NextCursor != "" {
		t.Fatalf("priya's offers: %+v", whole)
	}
	if got := walk(t, env, priya, "/api/v1/offers", 2); !slices.Equal(got, priyas) {
		t.Fatalf("pages of two: %v, want %v", got, priyas)
	}
	if got := walk(t, env, priya, "/api/v1/offers", 1); !slices.Equal(got, priyas) {
		t.Fatalf("pages of one: %v, want %v", got, priyas)
	}
	for _, s := range []apptest.Session{coord, staff} {
		p := listOf(t, env, s, "/api/v1/offers?referral_id="+referrals[0])
		if len(p.Items) != 2 || p.Items[0].Referral.ID != referrals[0] || p.Items[1].Referral.ID != referrals[0] {
			t.Fatalf("the first referral's offers: %+v", p.Items)
		}
	}
	if p := listOf(t, env, priya, "/api/v1/offers?status=pending&referral_id="+referrals[1]); len(p.Items) != 1 || p.Items[0].ID != priyas[1] {
		t.Fatalf("priya's pending offer of the second referral: %+v", p.Items)
	}
	// Another organisation names the referral and sees nothing of it.
	other := env.Login(t, "staff@riverbend.example", password)
	if p := listOf(t, env, other, "/api/v1/offers?referral_id="+referrals[0]); len(p.Items) != 0 {
		t.Fatalf("riverbend sees %+v", p.Items)
	}

	var matters []string
	for _, id := range priyas[1:] {
		var m matterView
		acceptOffer(t, env, priya, id).JSON(t, &m)
		matters = append([]string{m.ID}, matters...)
	}
	if got := walk(t, env, priya, "/api/v1/matters", 1); !slices.Equal(got, matters) {
		t.Fatalf("matters in pages of one: %v, want %v", got, matters)
	}
	if got := walk(t, env, staff, "/api/v1/matters?status=active", 1); !slices.Equal(got, matters) {
		t.Fatalf("the referrer's active matters: %v, want %v", got, matters)
	}
	if p := listOf(t, env, staff, "/api/v1/matters?status=closed"); len(p.Items) != 0 {
		t.Fatalf("closed matters: %+v", p.Items)
	}
	// priyas[1] is the second referral's offer (newest first).
	if p := listOf(t, env, coord, "/api/v1/matters?referral_id="+referrals[1]); len(p.Items) != 1 || p.Items[0].Referral.ID != referrals[1] {
		t.Fatalf("the second referral's matters: %+v", p.Items)
	}
	if p := listOf(t, env, other, "/api/v1/matters"); len(p.Items) != 0 {
		t.Fatalf("riverbend sees matters %+v", p.Items)
	}

	// A cursor of one list is not a cursor of the other, and a forged one is refused.
	matterCursor := listOf(t, env, priya, "/api/v1/matters?limit=1").NextCursor
	for _, path := range []string{"/api/v1/offers?cursor=" + matterCursor, "/api/v1/offers?cursor=bm90LWEtY3Vyc29y",
		"/api/v1/matters?cursor=%00", "/api/v1/offers?status=maybe", "/api/v1/matters?status=maybe",
		"/api/v1/offers?referral_id=not-an-id", "/api/v1/matters?limit=0", "/api/v1/offers?limit=101"} {
		p := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: priya.Token}).Problem(t, http.StatusUnprocessableEntity)
		if len(p.Errors) == 0 && p.Detail == "" {
			t.Fatalf("%s: %+v", path, p)
		}
	}
}
