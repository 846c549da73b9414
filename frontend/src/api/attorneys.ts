import { api } from './client';
import { unwrap } from './problem';
import type { AttorneyProfile, AttorneyProfileInput } from './types';

export const listAttorneys = async (): Promise<AttorneyProfile[]> => (await unwrap(api.GET('/attorneys'))).items;

export const getAttorney = (userId: string): Promise<AttorneyProfile> =>
  unwrap(api.GET('/attorneys/{userId}', { params: { path: { userId } } }));

/** Replaces the whole profile. */
export const putAttorney = (userId: string, profile: AttorneyProfileInput): Promise<AttorneyProfile> =>
  unwrap(api.PUT('/attorneys/{userId}', { params: { path: { userId } }, body: profile }));
