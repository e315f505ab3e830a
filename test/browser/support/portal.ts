import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { TestUser } from '../../support/actors';
import type { PortalStack } from './browser';

/** The editable element behind a data-testid: the input/textarea itself, or the one inside (InputNumber, Select). */
export function field(page: Page | Locator, testId: string): Locator {
  const host = page.locator(`[data-testid="${testId}"]`).first();
  return host.locator('xpath=self::input|self::textarea|.//input|.//textarea').first();
}

export async function fill(page: Page | Locator, testId: string, value: string | number): Promise<void> {
  const input = field(page, testId);
  await input.click();
  await input.fill(String(value));
}

/** Types into an Ant Design tags Select (each value confirmed with Enter), found by its label. */
export async function addTags(page: Page, label: string | RegExp, values: string[]): Promise<void> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  for (const value of values) {
    await input.fill(value);
    await input.press('Enter');
  }
  await page.keyboard.press('Escape');
}

/** Signs in through the portal's sign-in page and waits until it has left it. */
export async function signIn(page: Page, stack: PortalStack, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  await page.goto(`${stack.portalUrl}/login`);
  await fill(page, 'login-email', user.email);
  await fill(page, 'login-password', user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A page in its own browser context (own session), signed in as `user`. */
export async function pageAs(context: BrowserContext, stack: PortalStack, user: Pick<TestUser, 'email' | 'password'>): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, stack, user);
  return page;
}

/** The visible text of the whole page (what a person could read, including dialogs). */
export function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** True when the page scrolls sideways at its viewport (a layout broken on phones). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
}
