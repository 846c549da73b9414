package jobs

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/referral"
)

// task is one kind of task the worker runs: where, and by which handler.
type task struct {
	route
	handler asynq.HandlerFunc
}

// tasks lists every kind of task by type: the outbox events' and the periodic jobs'. Adding an
// event is one entry here and one handler file.
func tasks(deps Deps) map[string]task {
	all := map[string]task{
		TypePurgeExpiredTokens:           {route{QueueLow, 5 * time.Minute, 3}, handlePurgeExpiredTokens(deps.Store, deps.Log)},
		TypePurgeDoneEvents:              {route{QueueLow, 5 * time.Minute, 3}, handlePurgeDoneEvents(deps.Store, deps.Log)},
		org.EventLawFirmCreated:          {route{QueueDefault, 10 * time.Minute, 10}, eventHandler(deps.Store, handleLawFirmCreated(deps.Conflicts))},
		referral.EventSubmitted:          {route{QueueDefault, time.Minute, 10}, handleReferralSubmitted(deps.Store, deps.Notify)},
		referral.EventStatusChanged:      {route{QueueDefault, time.Minute, 10}, handleReferralStatusChanged(deps.Store, deps.Notify)},
		conflict.EventRegistryImported:   {route{QueueDefault, time.Hour, 10}, handleRegistryImported(deps.Store, deps.Conflicts, deps.Notify)},
		TypeSendDueEmails:                {route{QueueDefault, 5 * time.Minute, 0}, handleSendDueEmails(deps.Notify)},
		TypeDailyDigest:                  {route{QueueLow, 30 * time.Minute, 5}, handleDigest(deps.Notify, notify.Daily)},
		TypeWeeklyDigest:                 {route{QueueLow, 30 * time.Minute, 5}, handleDigest(deps.Notify, notify.Weekly)},
		TypeClearanceReminders:           {route{QueueDefault, 10 * time.Minute, 3}, handleClearanceReminders(deps)},
		TypeStaleReferrals:               {route{QueueLow, 10 * time.Minute, 3}, handleStaleReferrals(deps)},
		org.EventInvitationCreated:       {route{QueueCritical, time.Minute, 10}, handleInvitationCreated(deps.Store, deps.Orgs, deps.Notify)},
		auth.EventPasswordResetRequested: {route{QueueCritical, time.Minute, 10}, handlePasswordResetRequested(deps.Store, deps.Auth, deps.Notify)},
		TypeOfferExpiry:                  {route{QueueDefault, 5 * time.Minute, 3}, handleOfferExpiry(deps.Offers, deps.Log)},
		TypeMatchNightly:                 {route{QueueLow, 30 * time.Minute, 3}, handleMatchNightly(deps.Proposals, deps.Log)},
		TypeNewOpportunities:             {route{QueueLow, 10 * time.Minute, 3}, handleNewOpportunities(deps)},
	}
	maps.Copy(all, offerTasks(deps))
	maps.Copy(all, hoursTasks(deps))
	return all
}

// defaultSchedules are the periodic jobs, by name, with when they run unless Options.Schedules
// (from SCHEDULE_<NAME> in the environment) says otherwise.
var defaultSchedules = map[string]Periodic{
	"token-purge":  {Spec: "@hourly", Type: TypePurgeExpiredTokens},
	"outbox-purge": {Spec: "@daily", Type: TypePurgeDoneEvents},
	// The sweep of emails whose send right after their event failed; a minute late at most.
	"notify-send-due": {Spec: "@every 1m", Type: TypeSendDueEmails},
	"digest-daily":    {Spec: "0 7 * * *", Type: TypeDailyDigest},
	"digest-weekly":   {Spec: "0 7 * * 1", Type: TypeWeeklyDigest},
	// Hourly, so a reminder comes within the hour of a conflict's 48 hours (and of each day after).
	"clearance-reminders": {Spec: "@hourly", Type: TypeClearanceReminders},
	"stale-referrals":     {Spec: "0 8 * * *", Type: TypeStaleReferrals},
	// Offers expire within a minute of their time; reminders go out a day before.
	"offer-expiry": {Spec: "@every 1m", Type: TypeOfferExpiry},
	// Proposals are ready for coordinators in the morning.
	"match-nightly": {Spec: "0 2 * * *", Type: TypeMatchNightly},
	// Before the daily digest, which carries what it tells attorneys unless they chose otherwise.
	"new-opportunities": {Spec: "30 6 * * *", Type: TypeNewOpportunities},
	// Attorneys idle on their matters hear of it in the morning, US time.
	"hours-reminders": {Spec: "0 14 * * *", Type: TypeHoursReminders},
}

// ScheduleNames are the names of the periodic jobs, sorted.
func ScheduleNames() []string { return slices.Sorted(maps.Keys(defaultSchedules)) }

// periodicJobs are the schedules in force: the defaults with the overrides applied.
func periodicJobs(overrides map[string]string, all map[string]task) ([]Periodic, error) {
	for name := range overrides {
		if _, ok := defaultSchedules[name]; !ok {
			return nil, fmt.Errorf("no periodic job is called %q (there are %v)", name, ScheduleNames())
		}
	}
	var out []Periodic
	for _, name := range ScheduleNames() {
		p := defaultSchedules[name]
		p.Name = name
		if spec, ok := overrides[name]; ok {
			p.Spec = spec
		}
		if p.Spec == "off" {
			continue
		}
		p.route = all[p.Type].route
		out = append(out, p)
	}
	return out, nil
}
