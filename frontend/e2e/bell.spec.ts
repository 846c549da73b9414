import { expect, test } from '@playwright/test';
import { BELL_WAIT, bellOf, signInNotingUnread, unreadCount } from './bell';
import { coordinator, nonprofitStaff } from './demo';
import { signIn } from './signIn';

const run = Date.now().toString(36);
// A related party in Hartwell & Pierce's registry, named as the referral's adverse party: a potential
// conflict, for a coordinator to clear (internal/conflict, roleLevel).
const entry = `Harbor Point Holdings ${run} LLC`;
const client = `Teresa Novak ${run}`;
// Wisconsin: none of the demo's referrals is there, so the notification's title is this referral's.
const title = 'A potential conflict to clear: a referral in Private Landlord/Tenant, Wisconsin';

test('a referral the nonprofit submits rings the coordinator’s bell, and the coordinator clears it', async ({ browser }) => {
  test.setTimeout(90_000);
  const coordinatorContext = await browser.newContext();
  const staffContext = await browser.newContext();
  try {
    const firm = await coordinatorContext.newPage();
    const staff = await staffContext.newPage();

    // The coordinator signs in, notes the bell's count as first fetched, and adds the entry.
    const before = await signInNotingUnread(firm, coordinator);
    const bell = bellOf(firm);
    await expect(bell).toHaveAccessibleName(`Notifications, ${before} unread`);

    await firm.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' }).click();
    const add = firm.getByRole('region', { name: 'Add an entry' });
    await add.getByLabel('Name', { exact: true }).fill(entry);
    await add.getByLabel('Type').selectOption('organization');
    await add.getByLabel('Role').selectOption('related');
    await add.getByRole('button', { name: 'Add entry' }).click();
    await expect(add).toContainText(`${entry} has been added to the registry.`);

    // The nonprofit's staff submit a referral whose adverse party is that entry.
    await signIn(staff, nonprofitStaff);
    await staff.goto('/referrals/new');
    await expect(staff.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();
    await staff.getByLabel('Practice area').selectOption('housing.private_landlord_tenant');
    await staff.getByLabel('Jurisdiction').selectOption('WI');
    await staff.getByLabel('Summary').fill(`Tenant whose deposit was kept without an itemised list (${run}).`);
    await staff.getByLabel('Urgency').selectOption('soon');
    await staff.getByLabel('Household size').fill('2');
    await staff.getByLabel('Annual household income (US dollars)').fill('21,000');
    await staff.getByLabel('Client name').fill(client);
    await staff.getByRole('button', { name: 'Add the client as a party' }).click();
    await staff.getByRole('button', { name: 'Add a party' }).click();
    const adverse = staff.getByRole('group', { name: 'Party 2' });
    await adverse.getByLabel('Name', { exact: true }).fill(entry);
    await adverse.getByLabel('Role').selectOption('adverse');
    await adverse.getByLabel('Kind').selectOption('organization');
    await staff.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect(staff).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expect(staff.getByText('The referral has been submitted.')).toBeVisible();
    const referralId = staff.url().split('/').pop() ?? '';

    // Without a reload, the coordinator's bell counts the new notification.
    await expect.poll(() => unreadCount(firm), { timeout: BELL_WAIT, intervals: [1_000] }).toBeGreaterThan(before);

    await bell.click();
    const latest = firm.getByRole('region', { name: 'Latest notifications' });
    const notice = latest.getByRole('link', { name: new RegExp(`^Unread: ${title}`) });
    // Another event may have rung the bell first; the open panel polls too.
    await expect(notice).toHaveCount(1, { timeout: BELL_WAIT });
    // Firms see no client before an attorney takes the matter: the notification names neither party.
    await expect(latest).not.toContainText(client);
    await expect(latest).not.toContainText(entry);

    // Following it opens the referral, and reading it takes it off the count.
    const unreadBefore = await unreadCount(firm);
    await notice.click();
    await expect(firm).toHaveURL(new RegExp(`/referrals/${referralId}$`));
    await expect(bell).toHaveAccessibleName(`Notifications, ${unreadBefore - 1} unread`);

    // The item waits in the To clear queue.
    const toClear = firm.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^To clear/ });
    await toClear.click();
    await expect(firm.getByRole('heading', { level: 1, name: 'To clear' })).toBeVisible();
    const row = firm.getByRole('row').filter({ hasText: entry });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Related party');
    await expect(row).toContainText('Adverse party');
    await expect(row).toContainText('Private Landlord/Tenant');
    await expect(row).not.toContainText(client);

    // Cleared on the referral's page, it leaves the queue.
    await row.getByRole('link', { name: 'Review and clear' }).click();
    await expect(firm).toHaveURL(new RegExp(`/referrals/${referralId}$`));
    const panel = firm.getByRole('region', { name: 'Conflict check' });
    await panel.getByLabel(`Reason for clearing ${entry}`).fill('Harbor Point was a witness in a closed matter, not a party.');
    await panel.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(panel.getByRole('status')).toContainText('Cleared: every potential conflict was cleared');

    await toClear.click();
    await expect(firm.getByRole('heading', { level: 1, name: 'To clear' })).toBeVisible();
    await expect(firm.getByText(/potential conflicts? (is|are) waiting|Nothing to clear/)).toBeVisible();
    await expect(firm.getByRole('row').filter({ hasText: entry })).toHaveCount(0);
  } finally {
    await coordinatorContext.close();
    await staffContext.close();
  }
});
