import { api } from './client';
import { unwrap } from './problem';
import type { Jurisdiction, Language, PracticeArea } from './types';

export const listPracticeAreas = async (): Promise<PracticeArea[]> =>
  (await unwrap(api.GET('/practice-areas'))).items;

export const listLanguages = async (): Promise<Language[]> => (await unwrap(api.GET('/languages'))).items;

export const listJurisdictions = async (): Promise<Jurisdiction[]> =>
  (await unwrap(api.GET('/jurisdictions'))).items;
