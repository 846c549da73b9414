import { api } from './client';
import { ifMatch } from './ifMatch';
import { unwrap } from './problem';
import type { MatchingSettings, MatchingSettingsInput } from './types';

export const getMatchingSettings = (): Promise<MatchingSettings> => unwrap(api.GET('/matching/settings'));

/** Replaces the weights and offer windows, unless someone else saved them after `version` was read (412). */
export const putMatchingSettings = (input: MatchingSettingsInput, version: number): Promise<MatchingSettings> =>
  unwrap(api.PUT('/matching/settings', { params: { header: ifMatch(version) }, body: input }));
