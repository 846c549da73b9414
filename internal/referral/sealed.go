package referral

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/store"
)

// sealedParty is what is encrypted of a party: the names.
type sealedParty struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

// partyContext binds a party's ciphertext to its referral and position.
func partyContext(referralID uuid.UUID, position int) []byte {
	return fmt.Appendf(nil, "%s/party/%d", referralID, position)
}

// save encrypts the client and the parties and writes the referral; call it inside Tx.
func (s *service) save(ctx context.Context, tx *store.Store, row *store.Referral, in Input) error {
	plain, err := json.Marshal(in.Client)
	if err != nil {
		return err
	}
	keyID, sealed := s.cipher.Seal(plain, row.ID[:])
	client := store.ReferralClient{ReferralID: row.ID, KeyID: keyID, Ciphertext: sealed}
	parties := make([]store.ReferralParty, len(in.Parties))
	for i, p := range in.Parties {
		plain, err := json.Marshal(sealedParty{Name: p.Name, Aliases: p.Aliases})
		if err != nil {
			return err
		}
		keyID, sealed := s.cipher.Seal(plain, partyContext(row.ID, i))
		parties[i] = store.ReferralParty{ID: uuid.New(), ReferralID: row.ID, Position: i, Role: p.Role, Kind: p.Kind, KeyID: keyID, Ciphertext: sealed}
	}
	return tx.SaveReferral(ctx, row, client, parties)
}

// opener decrypts sealed fields; crypto.FieldCipher is one.
type opener interface {
	Open(keyID string, sealed, context []byte) ([]byte, error)
}

// Parties decrypts a referral's parties, in order. The conflict checker uses it.
func Parties(ctx context.Context, db interface {
	ReferralPartiesByID(ctx context.Context, referralID uuid.UUID) ([]store.ReferralParty, error)
}, cipher opener, referralID uuid.UUID) ([]Party, error) {
	rows, err := db.ReferralPartiesByID(ctx, referralID)
	if err != nil {
		return nil, err
	}
	out := make([]Party, len(rows))
	for i, r := range rows {
		if out[i], err = openParty(cipher, r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CheckedParties returns the parties conflict checks compare with registries, in order: the parties
// listed, then the client as a client party unless a listed client party already carries the
// client's name. The client is a party of every referral whether or not the form lists it, so a
// referral without parties still has its client checked.
func CheckedParties(ctx context.Context, db interface {
	ReferralPartiesByID(ctx context.Context, referralID uuid.UUID) ([]store.ReferralParty, error)
	ReferralClientByID(ctx context.Context, referralID uuid.UUID) (store.ReferralClient, error)
}, cipher opener, referralID uuid.UUID) ([]Party, error) {
	parties, err := Parties(ctx, db, cipher, referralID)
	if err != nil {
		return nil, err
	}
	c, err := db.ReferralClientByID(ctx, referralID)
	if err != nil {
		return nil, err
	}
	return withClient(cipher, parties, c)
}

// OpenReferralParties decrypts the checked parties (see CheckedParties) of every open referral, by
// referral. The conflict checker uses it to find the referrals a new registry entry can match.
func OpenReferralParties(ctx context.Context, db interface {
	OpenReferralParties(ctx context.Context) ([]store.ReferralParty, error)
	OpenReferralClients(ctx context.Context) ([]store.ReferralClient, error)
}, cipher opener) (map[uuid.UUID][]Party, error) {
	rows, err := db.OpenReferralParties(ctx)
	if err != nil {
		return nil, err
	}
	out := map[uuid.UUID][]Party{}
	for _, r := range rows {
		p, err := openParty(cipher, r)
		if err != nil {
			return nil, err
		}
		out[r.ReferralID] = append(out[r.ReferralID], p)
	}
	clients, err := db.OpenReferralClients(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range clients {
		if out[c.ReferralID], err = withClient(cipher, out[c.ReferralID], c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// withClient appends the client to the listed parties unless a client party already has its name.
func withClient(cipher opener, parties []Party, c store.ReferralClient) ([]Party, error) {
	client, err := openClient(cipher, c)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(client.Name)
	for _, p := range parties {
		if p.Role == "client" && slices.ContainsFunc(append([]string{p.Name}, p.Aliases...), func(n string) bool {
			return strings.EqualFold(strings.TrimSpace(n), name)
		}) {
			return parties, nil
		}
	}
	return append(parties, Party{Name: name, Role: "client", Kind: "person"}), nil
}

func openClient(cipher opener, c store.ReferralClient) (Client, error) {
	plain, err := cipher.Open(c.KeyID, c.Ciphertext, c.ReferralID[:])
	if err != nil {
		return Client{}, fmt.Errorf("decrypting client of referral %s: %w", c.ReferralID, err)
	}
	var out Client
	return out, json.Unmarshal(plain, &out)
}

func openParty(cipher opener, r store.ReferralParty) (Party, error) {
	plain, err := cipher.Open(r.KeyID, r.Ciphertext, partyContext(r.ReferralID, r.Position))
	if err != nil {
		return Party{}, fmt.Errorf("decrypting party %d of referral %s: %w", r.Position, r.ReferralID, err)
	}
	var sp sealedParty
	if err := json.Unmarshal(plain, &sp); err != nil {
		return Party{}, err
	}
	return Party{Name: sp.Name, Role: r.Role, Kind: r.Kind, Aliases: sp.Aliases}, nil
}

// present turns a row into what the caller sees: full, or redacted (no client, no client party, no
// income) for callers outside the referring organisation.
func (s *service) present(ctx context.Context, db Store, r store.Referral, full bool) (Referral, error) {
	out, err := s.presentAll(ctx, db, []store.Referral{r}, full)
	if err != nil {
		return Referral{}, err
	}
	return out[0], nil
}

// presentAll presents rows as present does, with one query however many rows there are: the
// parties of all of them and, in full, their clients. db is the pool, or inside Tx the transaction.
func (s *service) presentAll(ctx context.Context, db Store, rows []store.Referral, full bool) ([]Referral, error) {
	out := make([]Referral, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	partyRows, clientRows, err := db.ReferralDetailsOf(ctx, ids, full)
	if err != nil {
		return nil, err
	}
	parties := make(map[uuid.UUID][]Party, len(rows))
	for _, pr := range partyRows {
		p, err := openParty(s.cipher, pr)
		if err != nil {
			return nil, err
		}
		parties[pr.ReferralID] = append(parties[pr.ReferralID], p)
	}
	clients := make(map[uuid.UUID]store.ReferralClient, len(clientRows))
	for _, c := range clientRows {
		clients[c.ReferralID] = c
	}
	for i, r := range rows {
		out[i] = presentRow(r, full)
		if ps := parties[r.ID]; ps != nil {
			out[i].Parties = ps
		}
		if !full {
			continue
		}
		c, ok := clients[r.ID]
		if !ok {
			return nil, fmt.Errorf("referral %s has no client row", r.ID)
		}
		client, err := openClient(s.cipher, c)
		if err != nil {
			return nil, err
		}
		out[i].Client = &client
	}
	return out, nil
}

// presentRow is what the caller sees of the row itself, before parties and client.
func presentRow(r store.Referral, full bool) Referral {
	out := Referral{
		ID: r.ID, OrgID: r.OrgID, OrgName: r.OrgName, Status: Status(r.Status), Outcome: deref(r.Outcome),
		PracticeArea: r.PracticeArea, Jurisdiction: r.Jurisdiction, Language: deref(r.Language), Summary: r.Summary,
		Urgency: r.Urgency, Deadline: r.Deadline, EstimatedHours: r.EstimatedHours,
		LimitedScope: r.LimitedScope, RemoteAllowed: r.RemoteAllowed, MentoredOK: r.MentoredOK,
		Eligibility: Eligibility{HouseholdSize: r.HouseholdSize, PovertyPercent: r.PovertyPercent,
			GuidelineYear: r.GuidelineYear, Region: r.GuidelineRegion},
		Parties:  []Party{},
		Redacted: !full, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, SubmittedAt: r.SubmittedAt, Version: r.Version,
	}
	if full {
		income := r.AnnualIncome
		out.Eligibility.AnnualIncome = &income
	}
	return out
}
