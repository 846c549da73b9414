import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { attorney, coordinator, nonprofitStaff } from './demo';
import { signIn } from './signIn';

const run = Date.now().toString(36);
const narrative = `Researched the notice requirements for the five-day notice (${run})`;

async function tokenOf(request: APIRequestContext, account: { email: string; password: string }) {
  const login = await request.post('/api/v1/auth/login', { data: { email: account.email, password: account.password } });
  expect(login.ok()).toBe(true);
  return ((await login.json()) as { access_token: string }).access_token;
}

/**
 * A fresh matter of the demo attorney's to log time on, apart from the demo data's: Northside refers a
 * tenant, offers the referral to the attorney, and the attorney accepts, through the API.
 */
async function openMatter(request: APIRequestContext): Promise<string> {
  const staff = { Authorization: `Bearer ${await tokenOf(request, nonprofitStaff)}` };
  const lawyer = { Authorization: `Bearer ${await tokenOf(request, attorney)}` };
  const me = (await (await request.get('/api/v1/me', { headers: lawyer })).json()) as { id: string };
  const created = await request.post('/api/v1/referrals', {
    headers: staff,
    data: {
      practice_area: 'housing.private_landlord_tenant',
      jurisdiction: 'IL',
      summary: `Tenant served a five-day notice after asking for repairs (${run}).`,
      urgency: 'soon',
      // Small, so the attorney keeps the month's hours the matching journey's referral needs.
      estimated_hours: 2,
      limited_scope: false,
      remote_allowed: true,
      eligibility: { household_size: 3, annual_income: 23000 },
      client: { name: `Rosa Delgado ${run}` },
      // A landlord in no demo registry, so the firm's conflict check clears the referral.
      parties: [{ name: `Maplecrest ${run} Apartments LLC`, role: 'adverse', kind: 'organization' }],
      submit: true,
    },
  });
  expect(created.status()).toBe(201);
  const referral = (await created.json()) as { id: string };

  // The firm's conflict check runs after submission; the attorney is offered it once it has cleared.
  let offerId = '';
  await expect
    .poll(
      async () => {
        const made = await request.post(`/api/v1/referrals/${referral.id}/offers`, {
          headers: staff,
          data: { mode: 'broadcast', attorney_ids: [me.id] },
        });
        if (made.status() === 201) offerId = ((await made.json()) as { items: { id: string }[] }).items[0].id;
        return made.status();
      },
      { timeout: 20_000, intervals: [500, 1_000] },
    )
    .toBe(201);
  const accepted = await request.post(`/api/v1/offers/${offerId}/accept`, { headers: lawyer, data: { attest_no_conflict: true } });
  expect(accepted.ok()).toBe(true);
  const matters = (await (await request.get('/api/v1/matters', { headers: lawyer })).json()) as { items: { id: string; offer_id: string }[] };
  const matter = matters.items.find((m) => m.offer_id === offerId);
  expect(matter).toBeTruthy();
  return matter!.id;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test.describe.serial('hours and credit', () => {
  let matterId = '';

  test.beforeAll(async ({ request }) => {
    test.setTimeout(60_000);
    matterId = await openMatter(request);
  });

  test('an attorney logs 2.5 hours, their coordinator approves them, and the credit shows on the attorney’s dashboard', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const attorneyContext = await browser.newContext();
    const coordinatorContext = await browser.newContext();
    try {
      const lawyer = await attorneyContext.newPage();
      const dana = await coordinatorContext.newPage();

      // The coordinator sets a credit policy from today: every hour of research earns an hour's credit.
      await signIn(dana, coordinator);
      await dana.goto('/credit/policy');
      const policy = dana.getByRole('form', { name: /policy$/ });
      await policy.getByLabel('Credit per approved hour').fill('1');
      await policy.getByLabel('Research').check();
      const recorded = dana.waitForResponse((r) => r.url().endsWith('/api/v1/credit-policies') && r.request().method() === 'POST');
      await policy.getByRole('button', { name: 'Save as a new version' }).click();
      // A policy from today may be there already when the journey runs again on the same data.
      expect([201, 409]).toContain((await recorded).status());

      // The attorney logs 2.5 hours of research on the matter, today, and sends them for approval.
      await signIn(lawyer, attorney);
      await nav(lawyer).getByRole('link', { name: 'Timesheet' }).click();
      await expect(lawyer.getByRole('heading', { level: 1, name: 'Timesheet' })).toBeVisible();
      const log = lawyer.getByRole('form', { name: 'Log time' });
      await log.getByLabel('Matter').selectOption(matterId);
      await log.getByLabel('Hours', { exact: true }).fill('2.5');
      await log.getByLabel('Activity').selectOption('research');
      await log.getByLabel('Narrative').fill(narrative);
      await log.getByRole('button', { name: 'Submit for approval' }).click();
      await expect(lawyer.getByText(/^2\.5 h on .* sent for approval\.$/)).toBeVisible();
      const entry = lawyer.getByRole('listitem', { name: /^2\.5 h of research on / }).filter({ hasText: narrative });
      await expect(entry).toContainText('Submitted');

      // The coordinator finds it among the time waiting for approval and approves it.
      await nav(dana).getByRole('link', { name: 'Time approvals' }).click();
      await expect(dana.getByRole('heading', { level: 1, name: 'Time approvals' })).toBeVisible();
      await dana.getByLabel('Attorney').selectOption({ label: attorney.name });
      const row = dana.getByRole('row').filter({ hasText: narrative });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('2.5');
      await row.getByRole('checkbox').check();
      await dana.screenshot({ path: testInfo.outputPath('approvals.png'), fullPage: true });
      await dana.getByRole('button', { name: 'Approve selected' }).click();
      await expect(dana.getByText('Approved 1 entry (2.5 h).')).toBeVisible();

      // The attorney's timesheet says approved, and their credit counts the 2.5 hours.
      await lawyer.reload();
      await expect(entry).toContainText('Approved');
      await nav(lawyer).getByRole('link', { name: 'My credit' }).click();
      await expect(lawyer.getByRole('heading', { level: 1, name: 'My credit' })).toBeVisible();
      const ledger = lawyer.getByRole('region', { name: 'Credit ledger' });
      const credited = ledger.getByRole('row').filter({ hasText: '2.5 h' });
      await expect(credited.first()).toBeVisible();
      await expect(credited.first()).toContainText('2.5 h');
      const figures = lawyer.getByRole('region', { name: 'The year so far' });
      const approvedHours = Number((await figures.locator('dt:text-is("Approved") + dd').innerText()).replace(/[^\d.]/g, ''));
      const creditedHours = Number((await figures.locator('dt:text-is("Credited") + dd').innerText()).replace(/[^\d.]/g, ''));
      expect(approvedHours).toBeGreaterThanOrEqual(2.5);
      expect(creditedHours).toBeGreaterThanOrEqual(2.5);
      // The demo data's own approved time is dated today too, so this month holds all of the year's.
      await expect(lawyer.getByRole('region', { name: 'Hours by month' })).toContainText(`${approvedHours.toFixed(1)} h`);
      await lawyer.screenshot({ path: testInfo.outputPath('credit.png'), fullPage: true });
    } finally {
      await attorneyContext.close();
      await coordinatorContext.close();
    }
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test('the timesheet’s quick entry fits the screen in one column of large controls, and logs a draft', async ({ page }, testInfo) => {
      await signIn(page, attorney);
      await page.goto('/timesheet');
      const log = page.getByRole('form', { name: 'Log time' });
      await expect(log).toBeVisible();

      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

      // One column: every field starts at the same left edge, and every control is a thumb's size.
      const controls = [
        log.getByLabel('Matter'),
        log.getByLabel('Date'),
        log.getByLabel('Hours', { exact: true }),
        log.getByLabel('Activity'),
        log.getByLabel('Narrative'),
      ];
      const lefts = new Set<number>();
      for (const control of controls) {
        const box = (await control.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width).toBeLessThanOrEqual(clientWidth);
        if (!(await control.evaluate((el) => el.closest('.hours-stepper')))) lefts.add(Math.round(box.x));
      }
      expect(lefts.size).toBe(1);
      for (const name of ['0.1 hours less', '0.1 hours more', 'Submit for approval', 'Save draft']) {
        const box = (await log.getByRole('button', { name }).boundingBox())!;
        expect(box.height, name).toBeGreaterThanOrEqual(44);
        expect(box.width, name).toBeGreaterThanOrEqual(44);
      }

      // Half an hour by the stepper's buttons, tapped.
      await log.getByLabel('Matter').selectOption(matterId);
      for (let i = 0; i < 5; i++) await log.getByRole('button', { name: '0.1 hours more' }).tap();
      await expect(log.getByLabel('Hours', { exact: true })).toHaveValue('0.5');
      await log.getByLabel('Activity').selectOption('client_meeting');
      await log.getByLabel('Narrative').fill(`Called the client about the hearing (${run})`);
      await log.getByRole('button', { name: 'Save draft' }).tap();
      await expect(page.getByText(/^0\.5 h on .* saved as a draft\.$/)).toBeVisible();
      const draft = page.getByRole('listitem', { name: /^0\.5 h of client meeting on / }).filter({ hasText: `Called the client about the hearing (${run})` });
      await expect(draft).toContainText('Draft');
      const box = (await draft.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: testInfo.outputPath('timesheet-390.png'), fullPage: true });

      // The draft is deleted once confirmed.
      await draft.getByRole('button', { name: /^Delete/ }).tap();
      await draft.getByRole('group').getByRole('button', { name: 'Delete' }).tap();
      await expect(page.getByText(/^The draft of 0\.5 h of client meeting has been deleted\.$/)).toBeVisible();
    });
  });
});
