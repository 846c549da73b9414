package auth

import "github.com/google/uuid"

// Role is what a user may do within their organisation.
type Role string

// The roles. A user holds one role in one organisation.
const (
	RoleAttorney       Role = "attorney"
	RoleNonprofitStaff Role = "nonprofit_staff"
	RoleCoordinator    Role = "coordinator"
	RoleOrgAdmin       Role = "org_admin"
	RolePlatformAdmin  Role = "platform_admin"
)

// OrgKind is the kind of an organisation; it decides which roles its members may hold.
type OrgKind string

// The organisation kinds.
const (
	KindLawFirm        OrgKind = "law_firm"
	KindNonprofit      OrgKind = "nonprofit"
	KindPublicDefender OrgKind = "public_defender"
	KindClinic         OrgKind = "clinic"
	KindPlatform       OrgKind = "platform"
)

// rolesByKind lists the roles each kind of organisation can give its members: attorneys and
// coordinators belong to law firms, staff to referring organisations, platform admins to the platform.
var rolesByKind = map[OrgKind][]Role{
	KindLawFirm:        {RoleAttorney, RoleCoordinator, RoleOrgAdmin},
	KindNonprofit:      {RoleNonprofitStaff, RoleOrgAdmin},
	KindPublicDefender: {RoleNonprofitStaff, RoleOrgAdmin},
	KindClinic:         {RoleNonprofitStaff, RoleOrgAdmin},
	KindPlatform:       {RolePlatformAdmin},
}

// RoleAllowed reports whether members of an organisation of this kind may hold role.
func RoleAllowed(kind OrgKind, role Role) bool {
	for _, r := range rolesByKind[kind] {
		if r == role {
			return true
		}
	}
	return false
}

// ValidKind reports whether kind is one of the organisation kinds.
func ValidKind(kind OrgKind) bool {
	_, ok := rolesByKind[kind]
	return ok
}

// Principal is the authenticated caller: who they are, their organisation and their role. Every
// service method that reads or writes data takes one and decides from it what the caller may do.
type Principal struct {
	UserID  uuid.UUID
	OrgID   uuid.UUID
	OrgKind OrgKind
	Role    Role
	// SessionID is the refresh-token family the access token was issued for.
	SessionID uuid.UUID
}

// IsPlatformAdmin reports whether the caller administers the whole platform.
func (p Principal) IsPlatformAdmin() bool { return p.Role == RolePlatformAdmin }

// Administers reports whether the caller may manage orgID's members and settings: its org admins,
// and platform admins.
func (p Principal) Administers(orgID uuid.UUID) bool {
	return p.IsPlatformAdmin() || (p.Role == RoleOrgAdmin && p.OrgID == orgID)
}

// RefersFor reports whether the caller is staff or an org admin of orgID, an organisation that
// refers matters (a nonprofit, public defender office or clinic).
func (p Principal) RefersFor(orgID uuid.UUID) bool {
	if p.OrgID != orgID {
		return false
	}
	switch p.OrgKind {
	case KindNonprofit, KindPublicDefender, KindClinic:
		return p.Role == RoleNonprofitStaff || p.Role == RoleOrgAdmin
	}
	return false
}

// ManagesFirm reports whether the caller is a coordinator or org admin of the law firm firmID.
func (p Principal) ManagesFirm(firmID uuid.UUID) bool {
	return p.OrgID == firmID && p.OrgKind == KindLawFirm && (p.Role == RoleCoordinator || p.Role == RoleOrgAdmin)
}
