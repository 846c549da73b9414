import { api } from './client';
import { expectOk, unwrap } from './problem';
import type { Invitation, Member, MemberUpdate, Role } from './types';

export const listMembers = async (orgId: string): Promise<Member[]> =>
  (await unwrap(api.GET('/organizations/{orgId}/members', { params: { path: { orgId } } }))).items;

export const updateMember = (orgId: string, userId: string, update: MemberUpdate): Promise<Member> =>
  unwrap(
    api.PATCH('/organizations/{orgId}/members/{userId}', {
      params: { path: { orgId, userId } },
      body: update,
    }),
  );

export const listInvitations = async (orgId: string): Promise<Invitation[]> =>
  (await unwrap(api.GET('/organizations/{orgId}/invitations', { params: { path: { orgId } } }))).items;

export const createInvitation = (orgId: string, email: string, role: Role): Promise<Invitation> =>
  unwrap(
    api.POST('/organizations/{orgId}/invitations', {
      params: { path: { orgId } },
      body: { email, role },
    }),
  );

export const revokeInvitation = (orgId: string, invitationId: string): Promise<void> =>
  expectOk(
    api.DELETE('/organizations/{orgId}/invitations/{invitationId}', {
      params: { path: { orgId, invitationId } },
    }),
  );
