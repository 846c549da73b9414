import { api } from './client';
import { ifMatch } from './ifMatch';
import { unwrap } from './problem';
import type { AttorneyProfile, AttorneyProfileInput } from './types';

export const listAttorneys = async (): Promise<AttorneyProfile[]> => (await unwrap(api.GET('/attorneys'))).items;

export const getAttorney = (userId: string): Promise<AttorneyProfile> =>
  unwrap(api.GET('/attorneys/{userId}', { params: { path: { userId } } }));

/** Replaces the whole profile, unless someone else saved it after `version` was read (412). */
export const putAttorney = (userId: string, profile: AttorneyProfileInput, version: number): Promise<AttorneyProfile> =>
  unwrap(api.PUT('/attorneys/{userId}', { params: { path: { userId }, header: ifMatch(version) }, body: profile }));
