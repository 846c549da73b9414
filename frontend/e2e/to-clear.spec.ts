import { expect, test } from '@playwright/test';
import { coordinator } from './demo';
import { signIn } from './signIn';

// The demo's potential conflict (see internal/seed): Hartwell & Pierce was adverse to a Robert Kessler,
// and Northside's custody referral names a Bob Kessler as a related party.
const entry = 'Robert Kessler';

test('the coordinator clears a potential conflict from the To clear page', async ({ page }) => {
  await signIn(page, coordinator);
  const toClear = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^To clear/ });
  await expect(toClear).toHaveAccessibleName(/^To clear \d+ waiting$/);
  const waiting = Number(await toClear.locator('.nav-count').innerText());

  await toClear.click();
  await expect(page.getByRole('heading', { level: 1, name: 'To clear' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: entry });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Adverse party');
  await expect(row).toContainText('Related party · Similar name');
  await expect(row).toContainText('Custody/Visitation');
  await expect(row).toContainText('Soon');

  await row.getByRole('link', { name: 'Review and clear' }).click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const panel = page.getByRole('region', { name: 'Conflict check' });
  await panel.getByLabel(`Reason for clearing ${entry}`).fill('A different person: the 2019 matter’s Robert Kessler lives in Ohio.');
  await panel.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Cleared: every potential conflict was cleared');

  // The item has left the queue, and the count says so without a reload.
  await expect(toClear).toHaveAccessibleName(waiting > 1 ? `To clear ${waiting - 1} waiting` : 'To clear');
  await toClear.click();
  await expect(page.getByRole('heading', { level: 1, name: 'To clear' })).toBeVisible();
  await expect(page.getByText(/potential conflicts? (is|are) waiting|Nothing to clear/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: entry })).toHaveCount(0);
});
