import { expect, test } from '@playwright/test';
import { coordinator, nonprofitStaff } from './demo';
import { signIn } from './signIn';

// The bell asks for the unread count every 20 seconds; the worker has the event handled well before.
const BELL_WAIT = 40_000;

test('a referral a nonprofit submits shows up in the coordinator’s bell without a reload', async ({ browser }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const coord = await (await browser.newContext()).newPage();
  await signIn(coord, coordinator);
  const bell = coord.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  const before = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, nonprofitStaff);
  await staff.goto('/referrals/new');
  await staff.getByLabel('Practice area').selectOption('housing.private_landlord_tenant');
  await staff.getByLabel('Jurisdiction').selectOption('IL');
  await staff.getByLabel('Summary').fill(`Tenant whose deposit was kept without reason (${run}).`);
  await staff.getByLabel('Urgency').selectOption('soon');
  await staff.getByLabel('Household size').fill('2');
  await staff.getByLabel('Annual household income (US dollars)').fill('19,000');
  await staff.getByLabel('Client name').fill(`Jordan Ellis ${run}`);
  await staff.getByRole('button', { name: 'Add the client as a party' }).click();
  await staff.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(staff).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referralPath = new URL(staff.url()).pathname;

  // The coordinator's page was not reloaded: the count follows, and the panel names the referral by
  // its practice area and place only.
  await expect(coord.getByRole('button', { name: `Notifications, ${before + 1} unread` })).toBeVisible({ timeout: BELL_WAIT });
  await bell.click();
  const panel = coord.getByRole('region', { name: 'Latest notifications' });
  const item = panel.getByRole('link', { name: /A new referral in Private Landlord\/Tenant, Illinois/ }).first();
  await expect(item).toHaveAttribute('href', referralPath);
  await expect(panel).not.toContainText('Jordan Ellis');
  await item.click();
  await expect(coord).toHaveURL(referralPath);
  await expect(coord.getByRole('button', { name: `Notifications, ${before} unread` })).toBeVisible();
});
