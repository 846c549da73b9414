import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { coordinator, nonprofitStaff } from './demo';
import { signIn } from './signIn';

// The two parts run in order: the coordinator checks the referral the nonprofit made.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const adverse = `Lakeview Property Management ${run} LLC`;
const registryName = `Lakeview Property Management ${run}, Inc.`;
const client = `Maria Lopez ${run}`;
// A near guess at the client's name: the check must show the firm's entry, never the client's spelling.
const nearClient = `Maria Lopes ${run}`;
let referralId = '';

test('nonprofit staff create and submit a referral with an adverse party', async ({ page }) => {
  await signIn(page, nonprofitStaff);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
  await page.getByRole('link', { name: 'New referral' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();

  // Reference data loads first; the selects are enabled once it has.
  await page.getByLabel('Practice area').selectOption('housing.private_landlord_tenant');
  await page.getByLabel('Jurisdiction').selectOption('IL');
  await page.getByLabel('Summary').fill(`Tenant facing eviction after asking for repairs (${run}).`);
  await page.getByLabel('Urgency').selectOption('urgent');
  await page.getByLabel('Household size').fill('3');
  await page.getByLabel('Annual household income (US dollars)').fill('24,500');
  await page.getByLabel('Client name').fill(client);

  await page.getByRole('button', { name: 'Add the client as a party' }).click();
  await page.getByRole('button', { name: 'Add a party' }).click();
  const second = page.getByRole('group', { name: 'Party 2' });
  await second.getByLabel('Name', { exact: true }).fill(adverse);
  await second.getByLabel('Role').selectOption('adverse');
  await second.getByLabel('Kind').selectOption('organization');
  await second.getByLabel('Other names').fill('Lakeview PM');
  await expect(page.getByRole('group', { name: 'Party 1' }).getByLabel('Name', { exact: true })).toHaveValue(client);

  await page.getByRole('button', { name: 'Submit', exact: true }).click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByText('The referral has been submitted.')).toBeVisible();
  referralId = page.url().split('/').pop() ?? '';
  const matter = page.getByRole('region', { name: 'The matter' });
  await expect(matter).toContainText('Submitted');
  await expect(matter).toContainText('Private Landlord/Tenant');
  await expect(page.getByRole('region', { name: 'Client' })).toContainText(client);
  await expect(page.getByRole('region', { name: 'Parties' })).toContainText(adverse);
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Lena Ortiz');

  await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
  const row = page.getByRole('row').filter({ hasText: run });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Submitted');
  await expect(row).toContainText('Urgent');
});

test('a coordinator uploads the firm’s clients and the check finds the conflict', async ({ page }, testInfo) => {
  expect(referralId, 'the first part created a referral').toMatch(/^[0-9a-f-]{36}$/);
  await signIn(page, coordinator);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflict registry' })).toBeVisible();

  const csv = testInfo.outputPath('registry.csv');
  await writeFile(
    csv,
    [
      'name,type,role,aliases,matter_ref',
      `"${registryName}",organization,client,Lakeview PM;Lakeview Mgmt,2024-${run}`,
      `Robert Smith ${run},person,adverse,Bob Smith ${run},2023-0042`,
      `Broken row ${run},robot,client,,`,
      `${nearClient},person,adverse,,2022-0007`,
    ].join('\n') + '\n',
  );
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(csv);
  await page.getByLabel('Import mode').selectOption('partial');
  await page.getByRole('button', { name: 'Upload' }).click();

  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Imported: 3 entries were added');
  await expect(report.locator('dl')).toContainText('Accepted lines3');
  await expect(report.getByRole('row').filter({ hasText: /^4/ })).toHaveCount(1);

  await page.getByRole('searchbox', { name: 'Search names' }).fill(registryName);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row').filter({ hasText: registryName }).first()).toBeVisible();

  await page.goto(`/referrals/${referralId}`);
  const panel = page.getByRole('region', { name: 'Conflict check' });
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: /^Run check/ }).click();

  await expect(panel.getByRole('status')).toContainText('Conflict: the firm cannot take this matter');
  const hit = panel.getByRole('row').filter({ hasText: registryName });
  await expect(hit).toContainText('Current client');
  await expect(hit).toContainText(adverse);
  await expect(hit).toContainText('Conflict');

  // The near guess hits the client, whose name stays withheld; the coordinator asks for it.
  const near = panel.getByRole('row').filter({ hasText: nearClient });
  await expect(near).toContainText('Name withheld');
  await expect(near).toContainText('Adverse party');
  await expect(panel).not.toContainText(client);
  await near.getByRole('button', { name: `Ask for the client’s name about ${nearClient}` }).click();
  await expect(near).toContainText('Waiting for the referring organisation to answer.');

  // Once conflicted, the referral is no longer among the firm's referrals.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: run })).toHaveCount(0);
});

test('the nonprofit is asked whether to disclose the client’s name, and only that coordinator sees it', async ({ page }) => {
  expect(referralId, 'the first part created a referral').toMatch(/^[0-9a-f-]{36}$/);
  await signIn(page, nonprofitStaff);
  await page.goto(`/referrals/${referralId}`);
  const questions = page.getByRole('region', { name: 'Questions from firms' });
  await expect(questions).toContainText('Disclose your client’s name to this coordinator?');
  await expect(questions).toContainText(nearClient);
  await questions.getByRole('button', { name: 'Disclose the name' }).click();
  await expect(questions.getByRole('status')).toContainText('Answered: Disclose the name by Lena Ortiz');

  await page.context().clearCookies();
  await signIn(page, coordinator);
  await page.goto(`/referrals/${referralId}`);
  const near = page.getByRole('region', { name: 'Conflict check' }).getByRole('row').filter({ hasText: nearClient });
  await expect(near).toContainText(`${client} (disclosed to you)`);
  await expect(near).toContainText('Disclose the name');
});
