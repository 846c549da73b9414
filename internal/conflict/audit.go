package conflict

import (
	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
)

// The actions the conflict service records in the audit trail. Their states hold ids, roles,
// kinds, results and counts: never a registry name or alias, a party's name or a clearance's reason,
// which may name the client.
const (
	ActionRegistryImported = "conflict.registry_imported"
	ActionRegistryExported = "conflict.registry_exported"
	ActionEntryAdded       = "conflict.entry_added"
	ActionEntryUpdated     = "conflict.entry_updated"
	ActionEntryDeleted     = "conflict.entry_deleted"
	ActionHitCleared       = "conflict.hit_cleared"
	ActionInquiryAnswered  = "conflict.inquiry_answered"
)

// entryState is what the trail keeps of a registry entry: its type, role and how many aliases it
// has, never its names.
func entryState(e Entry) map[string]any {
	return map[string]any{"kind": e.Kind, "role": e.Role, "aliases": len(e.Aliases)}
}

// firmRecord is the trail's record of the caller's action on an object of their firm.
func firmRecord(p auth.Principal, action, objectType string, objectID uuid.UUID, before, after any) audit.Record {
	actor, org := p.UserID, p.OrgID
	return audit.Record{ActorID: &actor, OrgID: &org, Action: action, ObjectType: objectType, ObjectID: objectID.String(),
		Before: before, After: after}
}
