import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { coordinator, nonprofitStaff, platformAdmin } from './demo';
import { signIn } from './signIn';

test('nonprofit staff read their impact and download a report as CSV', async ({ page }) => {
  await signIn(page, nonprofitStaff);
  const nav = page.getByRole('navigation', { name: 'Main' });

  await nav.getByRole('link', { name: 'Impact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Impact' })).toBeVisible();
  const placement = page.getByRole('region', { name: 'Placement' });
  await expect(placement.getByText('Referrals submitted')).toBeVisible();
  await expect(placement.getByRole('list', { name: 'Matches per month' }).getByRole('listitem')).toHaveCount(12);
  await expect(page.getByRole('region', { name: 'Unmet need' })).toBeVisible();

  await nav.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Choose a report' });
  await form.getByLabel('Report').selectOption({ label: 'Matters opened and closed' });
  await form.getByRole('button', { name: 'Show' }).click();
  const report = page.getByRole('region', { name: 'Matters opened and closed' });
  await expect(report.getByRole('columnheader', { name: 'Opened' })).toBeVisible();

  const saved = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download CSV' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0].replace(/^\ufeff/, '')).toBe('month,opened,closed,withdrawn');
});

test('a coordinator reads the audit trail and finds their own sign-in; a platform admin verifies the chain', async ({ browser }) => {
  const coordinatorContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const page = await coordinatorContext.newPage();
    await signIn(page, coordinator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    const entries = page.getByRole('region', { name: 'Audit entries' });
    await expect(entries.getByRole('row', { name: /Signed in/ }).filter({ hasText: coordinator.name }).first()).toBeVisible();
    // The chain runs through every organisation's entries: verifying it is the platform's.
    await expect(page.getByRole('button', { name: 'Verify the chain' })).toHaveCount(0);

    const admin = await adminContext.newPage();
    await signIn(admin, platformAdmin);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await admin.getByRole('button', { name: 'Verify the chain' }).click();
    await expect(admin.getByText(/^The chain is intact: [\d,]+ entr(y|ies) checked\.$/)).toBeVisible();
  } finally {
    await coordinatorContext.close();
    await adminContext.close();
  }
});
