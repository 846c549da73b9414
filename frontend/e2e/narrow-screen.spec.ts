import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, nonprofitStaff } from './demo';
import { signIn } from './signIn';

// An iPhone SE/mini-sized screen: the narrowest phones in common use.
test.use({ viewport: { width: 375, height: 740 } });

const run = Date.now().toString(36);
const COLUMNS = ['Summary', 'Practice area', 'Jurisdiction', 'Urgency', 'Deadline', 'Status', 'Created'];

/** The page's width and how far its content reaches: no wider, or it scrolls sideways. */
const widths = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });

test('on a phone the referral list fits the screen and labels every value', async ({ page, request }, testInfo) => {
  // A referral of its own, with a deadline so that every column has a value to show.
  const login = await request.post('/api/v1/auth/login', {
    data: { email: nonprofitStaff.email, password: nonprofitStaff.password },
  });
  expect(login.ok()).toBe(true);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const created = await request.post('/api/v1/referrals', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      practice_area: 'housing.private_landlord_tenant',
      jurisdiction: 'IL',
      summary: `Tenant facing eviction after asking for repairs to heating and a leaking roof (${run}).`,
      urgency: 'urgent',
      deadline: '2027-01-15',
      limited_scope: false,
      remote_allowed: true,
      eligibility: { household_size: 3, annual_income: 24500 },
      client: { name: `Rosa Delgado ${run}` },
      parties: [{ name: `Lakeview Property Management ${run} LLC`, role: 'adverse', kind: 'organization' }],
      submit: true,
    },
  });
  expect(created.status()).toBe(201);

  await signIn(page, nonprofitStaff);
  await page.goto('/referrals');
  const row = page.getByRole('row').filter({ hasText: run });
  await expect(row).toHaveCount(1);

  const overflow = await widths(page);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);

  // Every column's value is on the screen, beside its column's name.
  const cells = row.locator('th, td');
  await expect(cells).toHaveCount(COLUMNS.length);
  for (const [i, column] of COLUMNS.entries()) {
    const cell = cells.nth(i);
    await expect(cell).toBeVisible();
    await expect(cell).toHaveAttribute('data-label', column);
    const label = await cell.evaluate((el) => getComputedStyle(el, '::before').content);
    expect(label).toBe(`"${column}"`);
    const box = await cell.boundingBox();
    expect(box, column).not.toBeNull();
    expect(box!.x, column).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, column).toBeLessThanOrEqual(overflow.clientWidth);
    expect((await cell.innerText()).trim(), column).not.toBe('');
  }
  await expect(row).toContainText('Jan 15, 2027');

  await page.screenshot({ path: testInfo.outputPath('referrals-375.png'), fullPage: true });
});

test('on a phone the organisations and members lists fit the screen, controls included', async ({ page }) => {
  await signIn(page, { email: 'admin@probono.example', password: DEMO_PASSWORD, name: 'Pat Alvarez' });
  await page.goto('/organizations');
  await page.getByRole('button', { name: 'Edit Northside Legal Aid Society' }).click();
  await expect(page.getByRole('form', { name: 'Edit Northside Legal Aid Society' })).toBeVisible();
  let { scrollWidth, clientWidth } = await widths(page);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

  await page.getByRole('link', { name: 'Hartwell & Pierce LLP' }).click();
  await expect(page.getByRole('heading', { name: /^Members \(/ })).toBeVisible();
  ({ scrollWidth, clientWidth } = await widths(page));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  for (const select of await page.getByRole('combobox').all()) {
    const box = await select.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(clientWidth);
  }
});
