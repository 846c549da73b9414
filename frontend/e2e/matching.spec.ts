import { expect, test } from '@playwright/test';
import { BELL_WAIT, bellOf, signInNotingUnread, unreadCount } from './bell';
import { attorney, nonprofitStaff } from './demo';
import { signIn } from './signIn';

const run = Date.now().toString(36);
const client = `Rosa Delgado ${run}`;
const phone = '312-555-0188';
// A landlord in no demo registry, so every firm's conflict check clears the referral.
const landlord = `Maplecrest ${run} Apartments LLC`;
const title = 'A referral in Private Landlord/Tenant, Illinois is offered to you';

test('a referral the nonprofit submits is offered to an attorney, who accepts it and sees the client; the nonprofit sees who took it', async ({ browser }) => {
  test.setTimeout(120_000);
  const staffContext = await browser.newContext();
  const attorneyContext = await browser.newContext();
  try {
    const staff = await staffContext.newPage();
    const lawyer = await attorneyContext.newPage();

    // The attorney signs in, the bell's count as first fetched is noted, and the Offers inbox stays open.
    const before = await signInNotingUnread(lawyer, attorney);
    await lawyer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offers' }).click();
    await expect(lawyer.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
    const bell = bellOf(lawyer);
    await expect(bell).toHaveAccessibleName(`Notifications, ${before} unread`);

    // The nonprofit's staff submit a housing referral in Illinois, where the attorney is admitted.
    await signIn(staff, nonprofitStaff);
    await staff.goto('/referrals/new');
    await expect(staff.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();
    await staff.getByLabel('Practice area').selectOption('housing.private_landlord_tenant');
    await staff.getByLabel('Jurisdiction').selectOption('IL');
    await staff.getByLabel('Summary').fill(`Tenant served a five-day notice after asking for repairs (${run}).`);
    await staff.getByLabel('Urgency').selectOption('soon');
    await staff.getByLabel('Estimated hours').fill('8');
    await staff.getByLabel('The attorney may work remotely').check();
    await staff.getByLabel('Household size').fill('3');
    await staff.getByLabel('Annual household income (US dollars)').fill('23,000');
    await staff.getByLabel('Client name').fill(client);
    await staff.getByLabel('Client phone').fill(phone);
    await staff.getByRole('button', { name: 'Add the client as a party' }).click();
    await staff.getByRole('button', { name: 'Add a party' }).click();
    const adverse = staff.getByRole('group', { name: 'Party 2' });
    await adverse.getByLabel('Name', { exact: true }).fill(landlord);
    await adverse.getByLabel('Role').selectOption('adverse');
    await adverse.getByLabel('Kind').selectOption('organization');
    await staff.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect(staff).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expect(staff.getByText('The referral has been submitted.')).toBeVisible();
    const referralId = staff.url().split('/').pop() ?? '';

    // From the referral's page, the nonprofit offers it to the attorney among its ranked candidates.
    const candidates = staff.getByRole('region', { name: 'Candidates' });
    await expect(candidates.getByRole('list', { name: 'Ranked candidates' })).toBeVisible();
    await candidates.getByRole('checkbox', { name: `Choose ${attorney.name}` }).check();
    const offered = staff.waitForResponse((r) => r.url().endsWith(`/api/v1/referrals/${referralId}/offers`) && r.request().method() === 'POST');
    await candidates.getByRole('button', { name: 'Offer to the chosen candidates' }).click();
    const made = await offered;
    expect(made.status()).toBe(201);
    const [offer] = ((await made.json()) as { items: { id: string }[] }).items;
    await expect(candidates.getByText(`Offered to ${attorney.name}.`)).toBeVisible();

    // Without a reload, the offer shows in the attorney's inbox and rings the bell.
    const inbox = lawyer.getByRole('region', { name: 'Offers waiting for your answer' });
    const row = inbox.getByRole('row').filter({ has: lawyer.locator(`a[href="/offers/${offer.id}"]`) });
    await expect(row).toHaveCount(1, { timeout: BELL_WAIT });
    await expect(row).toContainText('Private Landlord/Tenant');
    await expect(row).toContainText('Northside Legal Aid Society');
    await expect(row).not.toContainText(client);

    await expect.poll(() => unreadCount(lawyer), { timeout: BELL_WAIT, intervals: [1_000] }).toBeGreaterThan(before);
    await bell.click();
    const latest = lawyer.getByRole('region', { name: 'Latest notifications' });
    const notice = latest.locator(`a[href="/offers/${offer.id}"]`);
    // The open panel polls too, should another event have rung the bell first.
    await expect(notice).toHaveCount(1, { timeout: BELL_WAIT });
    await expect(notice).toHaveAccessibleName(new RegExp(`^Unread: ${title}`));
    await expect(latest).not.toContainText(client);

    // The notification opens the offer: the referral without its client, and the answer to give.
    await notice.click();
    await expect(lawyer).toHaveURL(new RegExp(`/offers/${offer.id}$`));
    await expect(lawyer.getByRole('heading', { level: 1, name: 'Offer' })).toBeVisible();
    await expect(lawyer.getByRole('region', { name: 'The offer' })).toContainText('Waiting for your answer');
    await expect(lawyer.getByText(`Tenant served a five-day notice after asking for repairs (${run}).`)).toBeVisible();
    await expect(lawyer.getByRole('main')).not.toContainText(client);

    // Accepting needs the attestation.
    const accept = lawyer.getByRole('form', { name: 'Accept the offer' });
    await accept.getByRole('button', { name: 'Accept' }).click();
    await expect(accept.getByText('Tick the box to confirm that you know of no conflict of interest.')).toBeVisible();
    await accept.getByLabel('I know of no conflict of interest').check();
    await accept.getByRole('button', { name: 'Accept' }).click();

    // The matter's page shows the client's details to the attorney who took it.
    await expect(lawyer).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);
    await expect(lawyer.getByText(/^You accepted the referral\./)).toBeVisible();
    const clientCard = lawyer.getByRole('region', { name: 'Client' });
    await expect(clientCard).toContainText(client);
    await expect(clientCard).toContainText(phone);
    await expect(lawyer.getByRole('region', { name: 'Who took it' })).toContainText('Accepted');
    await lawyer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My matters' }).click();
    await expect(lawyer.getByRole('row').filter({ hasText: 'Northside Legal Aid Society' }).first()).toBeVisible();

    // The nonprofit sees who took its referral, and that it is accepted.
    await staff.reload();
    await expect(staff.getByRole('heading', { level: 1, name: 'Referral' })).toBeVisible();
    await expect(staff.getByRole('region', { name: 'The matter' })).toContainText('Accepted');
    const takenBy = staff.getByRole('region', { name: 'Taken by' });
    await expect(takenBy).toContainText(`${attorney.name}, ${attorney.organization}`);
    await expect(takenBy).toContainText('Active');
  } finally {
    await staffContext.close();
    await attorneyContext.close();
  }
});
