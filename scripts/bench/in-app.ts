import type { Page } from 'playwright-core'

/**
 * In-app navigation, as a click on a link does: the page (its heap, and what
 * it warmed up) stays, as in the desktop app, which loads the page once.
 */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState({}, '', to)
    dispatchEvent(new PopStateEvent('popstate'))
  }, path)
  await page.waitForFunction((to) => location.pathname === to, path)
}
