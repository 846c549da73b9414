import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type Role = Schemas['Role'];
export type OrganizationKind = Schemas['OrganizationKind'];
export type Organization = Schemas['Organization'];
export type Me = Schemas['Me'];
export type MeUpdate = Schemas['MeUpdate'];
export type Member = Schemas['Member'];
export type MemberUpdate = Schemas['MemberUpdate'];
export type Invitation = Schemas['Invitation'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type TokenResponse = Schemas['TokenResponse'];
