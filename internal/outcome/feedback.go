package outcome

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/store"
)

// Where feedback came from.
const (
	sourceStaff      = "staff"
	sourceClientLink = "client_link"
)

// referrersMatter loads a matter for the referring organisation to ask its client about:
// NotFound as Close, Forbidden for anyone else who sees it (platform admins too, unless read),
// Conflict unless it is closed (read: any status).
func (s *service) referrersMatter(ctx context.Context, p auth.Principal, id uuid.UUID, read bool) (MatterRef, error) {
	m, err := s.visibleMatter(ctx, p, id)
	if err != nil {
		return m, err
	}
	if !p.RefersFor(m.ReferrerID) && !(read && p.IsPlatformAdmin()) {
		return m, errNotReferrer
	}
	if !read && m.Status != "closed" {
		return m, errNotClosed
	}
	return m, nil
}

// validFeedback checks feedback and tidies its comment.
func validFeedback(in *FeedbackInput) error {
	var faults []problem.FieldError
	if in.Satisfaction < 1 || in.Satisfaction > 5 {
		faults = append(faults, problem.Field("satisfaction", "must be from 1 (very dissatisfied) to 5 (very satisfied)"))
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > MaxCommentChars {
		faults = append(faults, problem.Field("comment", fmt.Sprintf("is longer than %d characters", MaxCommentChars)))
	}
	if len(faults) > 0 {
		return problem.Validation(faults...)
	}
	return nil
}

// feedbackRow is the row of feedback on a matter, its comment sealed to the row's id.
func (s *service) feedbackRow(m MatterRef, in FeedbackInput, source string, by *uuid.UUID) store.ClientFeedback {
	row := store.ClientFeedback{ID: uuid.New(), MatterID: m.ID, ReferralID: m.ReferralID, Satisfaction: in.Satisfaction,
		Source: source, RecordedBy: by}
	if in.Comment != "" {
		keyID, sealed := s.Cipher.Seal([]byte(in.Comment), row.ID[:])
		row.KeyID, row.Comment = &keyID, sealed
	}
	return row
}

func (s *service) toFeedback(r store.ClientFeedback) (Feedback, error) {
	out := Feedback{ID: r.ID, MatterID: r.MatterID, Satisfaction: r.Satisfaction, Source: r.Source, CreatedAt: r.CreatedAt}
	if r.RecordedByName != nil {
		out.RecordedByName = *r.RecordedByName
	}
	if r.KeyID != nil {
		plain, err := s.Cipher.Open(*r.KeyID, r.Comment, r.ID[:])
		if err != nil {
			return out, fmt.Errorf("opening feedback %s: %w", r.ID, err)
		}
		out.Comment = string(plain)
	}
	return out, nil
}

func (s *service) RecordFeedback(ctx context.Context, p auth.Principal, matterID uuid.UUID, in FeedbackInput) (Feedback, error) {
	m, err := s.referrersMatter(ctx, p, matterID, false)
	if err != nil {
		return Feedback{}, err
	}
	if err := validFeedback(&in); err != nil {
		return Feedback{}, err
	}
	row := s.feedbackRow(m, in, sourceStaff, &p.UserID)
	if err := s.Store.Tx(ctx, func(tx Tx) error { return tx.InsertClientFeedback(ctx, &row) }); err != nil {
		return Feedback{}, err
	}
	saved, err := s.Store.ClientFeedbackByID(ctx, row.ID)
	if err != nil {
		return Feedback{}, err
	}
	return s.toFeedback(saved)
}

func (s *service) Feedback(ctx context.Context, p auth.Principal, matterID uuid.UUID) ([]Feedback, error) {
	m, err := s.referrersMatter(ctx, p, matterID, true)
	if err != nil {
		return nil, err
	}
	rows, err := s.Store.ClientFeedbackOf(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Feedback, len(rows))
	for i, r := range rows {
		if out[i], err = s.toFeedback(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tokenHash is how a link's token is kept: its SHA-256, so the table never holds a usable link.
func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func (s *service) CreateLink(ctx context.Context, p auth.Principal, matterID uuid.UUID) (Link, error) {
	m, err := s.referrersMatter(ctx, p, matterID, false)
	if err != nil {
		return Link{}, err
	}
	token, now := crypto.NewToken(), s.now()
	row := store.FeedbackLink{ID: uuid.New(), TokenHash: tokenHash(token), MatterID: m.ID, CreatedBy: p.UserID,
		ExpiresAt: now.Add(LinkLifetime)}
	err = s.Store.Tx(ctx, func(tx Tx) error {
		// One client, one valid link: a new link is sent when the first went astray.
		if err := tx.ExpireFeedbackLinks(ctx, m.ID, now); err != nil {
			return err
		}
		return tx.InsertFeedbackLink(ctx, &row)
	})
	if err != nil {
		return Link{}, err
	}
	return Link{URL: strings.TrimRight(s.BaseURL, "/") + "/feedback/" + token, ExpiresAt: row.ExpiresAt}, nil
}

// admit counts a public request of the client address; RateLimited past the limit.
func (s *service) admit(ctx context.Context, clientIP string) error {
	address := ratelimit.AddressKey(clientIP)
	if err := ratelimit.TooMany(s.public.Wait(ctx, address), "Too many requests from your network."); err != nil {
		return err
	}
	s.public.Hit(ctx, address)
	return nil
}

func (s *service) Ask(ctx context.Context, token, clientIP string) (Ask, error) {
	if err := s.admit(ctx, clientIP); err != nil {
		return Ask{}, err
	}
	l, err := s.Store.ValidFeedbackLink(ctx, tokenHash(token), s.now())
	if problem.Is(err, problem.NotFound) {
		return Ask{}, errLinkGone
	}
	return Ask{OrgName: l.OrgName, ExpiresAt: l.ExpiresAt}, err
}

func (s *service) Answer(ctx context.Context, token, clientIP string, in FeedbackInput) error {
	if err := s.admit(ctx, clientIP); err != nil {
		return err
	}
	if err := validFeedback(&in); err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx Tx) error {
		l, err := tx.UseFeedbackLink(ctx, tokenHash(token), s.now())
		if problem.Is(err, problem.NotFound) {
			return errLinkGone
		}
		if err != nil {
			return err
		}
		row := s.feedbackRow(MatterRef{ID: l.MatterID, ReferralID: l.ReferralID}, in, sourceClientLink, nil)
		return tx.InsertClientFeedback(ctx, &row)
	})
}
