package auth

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// ConsolePassTTL is how long a pass to the job queue console lasts: enough to look into a problem,
// short because a cookie cannot be recalled once given.
const ConsolePassTTL = 10 * time.Minute

// consolePassLabel separates console-pass keys from the other keys derived from the signing keys.
const consolePassLabel = "probono-match queue console pass v1"

var errNoConsolePass = problem.New(problem.Forbidden,
	"The job queues are for platform admins: open them from the Organisations page of the app.")

// SignConsolePass returns a console pass for the user at the given token generation, valid until
// expires. A deactivation, which moves the generation on, voids the passes given before it.
func (s *Signer) SignConsolePass(userID uuid.UUID, generation int, expires time.Time) string {
	return s.signFields(consolePassLabel, userID.String(), strconv.Itoa(generation), strconv.FormatInt(expires.Unix(), 10))
}

// verifyConsolePass returns the user and generation of a genuine pass that has not expired.
func (s *Signer) verifyConsolePass(pass string, now time.Time) (uuid.UUID, int, bool) {
	parts, ok := s.verifyFields(consolePassLabel, pass, 3)
	if !ok {
		return uuid.Nil, 0, false
	}
	userID, userErr := uuid.Parse(parts[0])
	gen, genErr := strconv.Atoi(parts[1])
	exp, expErr := strconv.ParseInt(parts[2], 10, 64)
	if userErr != nil || genErr != nil || expErr != nil || !now.Before(time.Unix(exp, 0)) {
		return uuid.Nil, 0, false
	}
	return userID, gen, true
}

func (s *service) OpenQueueConsole(ctx context.Context, p Principal) (string, error) {
	if !p.IsPlatformAdmin() {
		return "", errNoConsolePass
	}
	acct, err := s.db.AccountByID(ctx, p.UserID)
	if err != nil {
		return "", err
	}
	return s.signer.SignConsolePass(acct.ID, acct.TokenGeneration, time.Now().Add(ConsolePassTTL)), nil
}

func (s *service) QueueConsoleAdmin(ctx context.Context, pass string) (Principal, error) {
	userID, gen, ok := s.signer.verifyConsolePass(pass, time.Now())
	if !ok {
		return Principal{}, errNoConsolePass
	}
	acct, err := s.db.AccountByID(ctx, userID)
	if problem.Is(err, problem.NotFound) || err == nil && (!canSignIn(acct) || acct.TokenGeneration != gen || Role(acct.Role) != RolePlatformAdmin) {
		return Principal{}, errNoConsolePass
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{UserID: acct.ID, OrgID: acct.OrgID, OrgKind: OrgKind(acct.OrgKind), Role: Role(acct.Role)}, nil
}
