import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { navItemsFor } from './navItems';

const labels = (role: Role) => navItemsFor(role).map((item) => item.label);

describe('navItemsFor', () => {
  it.each<[Role, string[]]>([
    ['attorney', ['Home', 'Profile']],
    ['nonprofit_staff', ['Home', 'Profile']],
    ['coordinator', ['Home', 'Members', 'Profile']],
    ['org_admin', ['Home', 'Members', 'Profile']],
    ['platform_admin', ['Home', 'Organisations', 'Profile']],
  ])('shows %s the pages their role may use', (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });
});
