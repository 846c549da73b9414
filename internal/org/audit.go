package org

import (
	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/store"
)

// The actions the org service records in the audit trail.
const (
	ActionOrganizationUpdated = "org.updated"
	ActionMemberUpdated       = "org.member_updated"
	ActionInvitationCreated   = "org.invitation_created"
	ActionInvitationRevoked   = "org.invitation_revoked"
	ActionInvitationAccepted  = "org.invitation_accepted"
)

// record is the trail's record of p's action on an object of the organisation orgID.
func record(p auth.Principal, orgID uuid.UUID, action, objectType string, objectID uuid.UUID, before, after any) audit.Record {
	actor := p.UserID
	return audit.Record{ActorID: &actor, OrgID: &orgID, Action: action, ObjectType: objectType, ObjectID: objectID.String(),
		Before: before, After: after}
}

// organizationChange is what an update's changes (columns of organizations) change, before and
// after.
func organizationChange(o store.Organization, changes map[string]any) (before, after map[string]any) {
	before, after = map[string]any{}, map[string]any{}
	if name, ok := changes["name"]; ok {
		before["name"], after["name"] = o.Name, name
	}
	if limited, ok := changes["limited_scope_program"]; ok {
		before["limited_scope_program"], after["limited_scope_program"] = o.LimitedScopeProgram, limited
	}
	if deactivated, ok := changes["deactivated_at"]; ok {
		before["active"], after["active"] = o.DeactivatedAt == nil, deactivated == nil
	}
	return before, after
}

// membershipChange is what an update changes of a member's role and standing, before and after.
func membershipChange(m store.Account, u MemberUpdate) (before, after map[string]any) {
	before = map[string]any{"role": m.Role, "active": m.Active}
	after = map[string]any{"role": m.Role, "active": m.Active}
	if u.Role != nil {
		after["role"] = *u.Role
	}
	if u.Active != nil {
		after["active"] = *u.Active
	}
	return before, after
}
