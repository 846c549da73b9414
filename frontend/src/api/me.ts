import { api } from './client';
import { unwrap } from './problem';
import type { Me, MeUpdate } from './types';

export const getMe = (): Promise<Me> => unwrap(api.GET('/me'));

export const updateMe = (update: MeUpdate): Promise<Me> => unwrap(api.PATCH('/me', { body: update }));
