package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// offerClient is what offerableBody says of its client, in every form a response could carry it.
var offerClient = []string{"María", "González", "Gonz", "maria@example.org", "312-555-0100", "1985-04-12", "Prefers calls"}

func TestOffer_NobodyButTheAcceptingAttorneyAndTheirCoordinatorIsShownTheClient(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord, castellan := env.Login(t, coordinator, password), env.Login(t, castellanCoordinator, password)
	priya, james, wei := env.Login(t, priyaEmail, password), env.Login(t, jamesEmail, password), env.Login(t, "wei.zhang@castellan.example", password)
	v := createReferral(t, env, staff, offerableBody())

	var bodies []string
	call := func(s apptest.Session, method, path string, body any) *apptest.Response {
		r := env.Do(t, apptest.Request{Method: method, Path: "/api/v1" + path, Token: s.Token, Body: body})
		bodies = append(bodies, method+" "+path+": "+string(r.Body))
		return r
	}
	var routed, weis struct{ Items []offerView }
	call(coord, "POST", "/referrals/"+v.ID+"/offers", map[string]any{"mode": "routed", "attorney_ids": []string{userID(t, env, priyaEmail), userID(t, env, jamesEmail)}}).JSON(t, &routed)
	call(castellan, "POST", "/referrals/"+v.ID+"/offers", map[string]any{"mode": "routed", "attorney_ids": []string{userID(t, env, "wei.zhang@castellan.example")}}).JSON(t, &weis)
	if len(routed.Items) != 2 || len(weis.Items) != 1 {
		t.Fatalf("offers: %+v %+v", routed, weis)
	}
	var priyas, jamess string
	for _, o := range routed.Items {
		if o.AttorneyID == userID(t, env, priyaEmail) {
			priyas = o.ID
		} else {
			jamess = o.ID
		}
	}
	for _, s := range []apptest.Session{priya, james, wei, coord, castellan, staff} {
		call(s, "GET", "/offers", nil)
	}
	call(james, "GET", "/offers/"+jamess, nil)
	call(wei, "GET", "/offers/"+weis.Items[0].ID, nil)
	call(james, "GET", "/referrals/"+v.ID, nil)
	call(james, "GET", "/referrals", nil)

	var m matterView
	if r := call(priya, "POST", "/offers/"+priyas+"/accept", map[string]bool{"attest_no_conflict": true}); r.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	} else {
		r.JSON(t, &m)
	}
	call(wei, "POST", "/offers/"+weis.Items[0].ID+"/accept", map[string]bool{"attest_no_conflict": true}).Problem(t, http.StatusConflict)
	call(james, "POST", "/offers/"+jamess+"/decline", map[string]string{"reason": "no_capacity"}).Problem(t, http.StatusConflict)
	for _, s := range []apptest.Session{james, wei, castellan, staff} {
		call(s, "GET", "/offers?status=closed", nil)
		call(s, "GET", "/matters", nil)
		call(s, "GET", "/matters/"+m.ID, nil)
		call(s, "GET", "/notifications", nil)
	}
	call(priya, "GET", "/offers", nil)
	call(priya, "GET", "/matters", nil)
	call(coord, "GET", "/matters", nil)
	call(staff, "GET", "/referrals/"+v.ID+"/timeline", nil)
	call(james, "GET", "/referrals/"+v.ID, nil)

	for _, b := range bodies {
		for _, fact := range offerClient {
			if strings.Contains(b, fact) {
				t.Errorf("%q shown in %s", fact, b)
			}
		}
	}
	// The two who are shown it.
	for _, s := range []apptest.Session{priya, coord} {
		if r := getMatter(t, env, s, m.ID); !strings.Contains(string(r.Body), "maria@example.org") {
			t.Fatalf("client not shown: %s", r.Body)
		}
	}
}
