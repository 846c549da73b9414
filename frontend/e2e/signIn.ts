import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, account: { email: string; password: string; name: string }) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(account.name)).toBeVisible();
}
