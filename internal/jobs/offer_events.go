package jobs

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/store"
)

// offerParams are what a notification says of an offer: its referral's area and jurisdiction, and
// the offer's id for the link.
func offerParams(ctx context.Context, tx *store.Store, o store.OfferView) (notify.Params, error) {
	notice, err := tx.ReferralNoticeOf(ctx, o.ReferralID)
	if err != nil {
		return nil, err
	}
	params := referralParams(o.ReferralID, notice)
	params["offer"] = o.ID.String()
	return params, nil
}

// matterParams are offerParams for a matter: its id for the link, and its firm's name.
func matterParams(ctx context.Context, tx *store.Store, m store.MatterView) (notify.Params, error) {
	notice, err := tx.ReferralNoticeOf(ctx, m.ReferralID)
	if err != nil {
		return nil, err
	}
	params := referralParams(m.ReferralID, notice)
	params["matter"], params["firm"] = m.ID.String(), m.FirmName
	return params, nil
}

// handleOffersMade tells each attorney of their offer: urgent and emergency referrals' offers
// as urgent ones, which are emailed at once whatever the attorney's preference for offers.
func handleOffersMade(db EventStore, n notify.Notifier) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e offer.OffersEvent) ([]notify.Event, error) {
		var out []notify.Event
		for _, id := range e.OfferIDs {
			o, err := tx.OfferByID(ctx, id)
			if err != nil {
				return nil, err
			}
			params, err := offerParams(ctx, tx, o)
			if err != nil {
				return nil, err
			}
			kind := notify.EventOfferMade
			if o.Urgency == "urgent" || o.Urgency == "emergency" {
				kind = notify.EventUrgentOfferMade
			}
			out = append(out, notify.Event{ID: eventID, Type: kind, To: []uuid.UUID{o.AttorneyID}, Params: params})
		}
		return out, nil
	})
}

// handleOfferAccepted tells the referring organisation's staff and the firm's coordinators that
// the referral was taken, and the attorneys whose offers it closed that it is gone.
func handleOfferAccepted(db EventStore, n notify.Notifier) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e offer.AcceptedEvent) ([]notify.Event, error) {
		m, err := tx.MatterByID(ctx, e.MatterID)
		if err != nil {
			return nil, err
		}
		params, err := matterParams(ctx, tx, m)
		if err != nil {
			return nil, err
		}
		staff, err := n.Staff(ctx, tx, m.ReferralOrgID)
		if err != nil {
			return nil, err
		}
		coordinators, err := n.Coordinators(ctx, tx, m.FirmID)
		if err != nil {
			return nil, err
		}
		return []notify.Event{
			{ID: eventID, Type: notify.EventOfferAccepted, To: slices.Concat(staff, coordinators), Params: params},
			{ID: eventID, Type: notify.EventOfferClosed, To: e.Closed, Params: params},
		}, nil
	})
}

// notice builds a handler telling people of one offer or matter V, which load reads from the
// event E: params are what the notification says, to lists its recipients.
func notice[E, V any](db EventStore, n notify.Notifier, kind notify.EventType,
	load func(ctx context.Context, tx *store.Store, e E) (V, error),
	params func(ctx context.Context, tx *store.Store, v V) (notify.Params, error),
	to func(ctx context.Context, tx *store.Store, v V) ([]uuid.UUID, error)) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e E) ([]notify.Event, error) {
		v, err := load(ctx, tx, e)
		if err != nil {
			return nil, err
		}
		p, err := params(ctx, tx, v)
		if err != nil {
			return nil, err
		}
		ids, err := to(ctx, tx, v)
		if err != nil {
			return nil, err
		}
		return []notify.Event{{ID: eventID, Type: kind, To: ids, Params: p}}, nil
	})
}

func loadOffer(ctx context.Context, tx *store.Store, e offer.OfferEvent) (store.OfferView, error) {
	return tx.OfferByID(ctx, e.OfferID)
}

func loadMatter(ctx context.Context, tx *store.Store, e offer.MatterEvent) (store.MatterView, error) {
	return tx.MatterByID(ctx, e.MatterID)
}

func offerNotice(db EventStore, n notify.Notifier, kind notify.EventType,
	to func(ctx context.Context, tx *store.Store, o store.OfferView) ([]uuid.UUID, error)) asynq.HandlerFunc {
	return notice(db, n, kind, loadOffer, offerParams, to)
}

func matterNotice(db EventStore, n notify.Notifier, kind notify.EventType,
	to func(ctx context.Context, tx *store.Store, m store.MatterView) ([]uuid.UUID, error)) asynq.HandlerFunc {
	return notice(db, n, kind, loadMatter, matterParams, to)
}

// handleOfferNext offers the referral to its next sequential candidate, outside the event's
// transaction (ranking reads the whole pool); Advance offers once however often it runs.
func handleOfferNext(db EventStore, offers OfferService) asynq.HandlerFunc {
	return longEventHandler(db, func(ctx context.Context, _ uuid.UUID, e offer.ReferralEvent) error {
		return offers.Advance(ctx, e.ReferralID)
	}, func(context.Context, *store.Store, uuid.UUID, offer.ReferralEvent) error { return nil })
}

// offerTasks are the offer events' tasks.
func offerTasks(deps Deps) map[string]task {
	db, n := deps.Store, deps.Notify
	referrer := func(ctx context.Context, tx *store.Store, o store.OfferView) ([]uuid.UUID, error) {
		return n.Staff(ctx, tx, o.ReferralOrgID)
	}
	attorney := func(_ context.Context, _ *store.Store, o store.OfferView) ([]uuid.UUID, error) {
		return []uuid.UUID{o.AttorneyID}, nil
	}
	both := func(ctx context.Context, tx *store.Store, o store.OfferView) ([]uuid.UUID, error) {
		staff, err := referrer(ctx, tx, o)
		return append(staff, o.AttorneyID), err
	}
	matterReferrer := func(ctx context.Context, tx *store.Store, m store.MatterView) ([]uuid.UUID, error) {
		return n.Staff(ctx, tx, m.ReferralOrgID)
	}
	matterSides := func(ctx context.Context, tx *store.Store, m store.MatterView) ([]uuid.UUID, error) {
		staff, err := n.Staff(ctx, tx, m.ReferralOrgID)
		if err != nil {
			return nil, err
		}
		coordinators, err := n.Coordinators(ctx, tx, m.FirmID)
		return append(staff, coordinators...), err
	}
	r := route{QueueDefault, time.Minute, 10}
	return map[string]task{
		offer.EventMade:            {r, handleOffersMade(db, n)},
		offer.EventAccepted:        {r, handleOfferAccepted(db, n)},
		offer.EventDeclined:        {r, offerNotice(db, n, notify.EventOfferDeclined, referrer)},
		offer.EventExpired:         {r, offerNotice(db, n, notify.EventOfferExpired, both)},
		offer.EventExpiring:        {r, offerNotice(db, n, notify.EventOfferExpiring, attorney)},
		offer.EventVolunteered:     {r, offerNotice(db, n, notify.EventVolunteered, referrer)},
		offer.EventNext:            {r, handleOfferNext(db, deps.Offers)},
		offer.EventMatterStarted:   {r, matterNotice(db, n, notify.EventMatterStarted, matterSides)},
		offer.EventMatterWithdrawn: {r, matterNotice(db, n, notify.EventMatterWithdrawn, matterReferrer)},
		// The outcome domain's closing of a matter is told like its start.
		outcome.EventClosed: {r, matterNotice(db, n, notify.EventMatterClosed, matterSides)},
	}
}
