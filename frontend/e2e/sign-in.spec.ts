import { expect, test } from '@playwright/test';
import { coordinator } from './demo';

test('a coordinator signs in, sees who they are and opens their profile', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email', { exact: true }).fill(coordinator.email);
  await page.getByLabel('Password', { exact: true }).fill(coordinator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const header = page.getByRole('banner');
  await expect(header.getByText(coordinator.name)).toBeVisible();
  await expect(header.getByText(coordinator.organization)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Welcome/);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Organisations' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Profile' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  const details = page.locator('dl.summary');
  await expect(details).toContainText(coordinator.email);
  await expect(details).toContainText(coordinator.organization);
  await expect(details).toContainText('Pro bono coordinator');
});

test('the session survives a reload through the refresh cookie', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(coordinator.email);
  await page.getByLabel('Password', { exact: true }).fill(coordinator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByText(coordinator.name)).toBeVisible();

  await page.goto('/profile');

  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(coordinator.name)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password shows why signing in failed', async ({ page }) => {
  await page.goto('/login');

  await page.getByLabel('Email', { exact: true }).fill(coordinator.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-right-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText('Invalid email or password');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
