import { api } from './client';
import { expectOk, unwrap } from './problem';
import type { InvitationPreview, TokenResponse } from './types';

export const login = (email: string, password: string): Promise<TokenResponse> =>
  unwrap(api.POST('/auth/login', { body: { email, password } }));

export const logout = (): Promise<void> => expectOk(api.POST('/auth/logout'));

export const requestPasswordReset = (email: string): Promise<void> =>
  expectOk(api.POST('/auth/password-reset', { body: { email } }));

export const confirmPasswordReset = (token: string, password: string): Promise<void> =>
  expectOk(api.POST('/auth/password-reset/confirm', { body: { token, password } }));

export const lookupInvitation = (token: string): Promise<InvitationPreview> =>
  unwrap(api.POST('/invitations/lookup', { body: { token } }));

export const acceptInvitation = (token: string, name: string, password: string): Promise<TokenResponse> =>
  unwrap(api.POST('/invitations/accept', { body: { token, name, password } }));
