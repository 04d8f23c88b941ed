import { nextTick } from 'vue'
import type { Router } from 'vue-router'

/** How long a screen may take to load its data and show its heading. */
const headingWait = 3000

/** Focuses the main heading (or, if there is none, the content) without scrolling past it. */
export function focusContent(): void {
  const main = document.getElementById('content')
  const target = main?.querySelector<HTMLElement>('h1') ?? main
  if (!target) return
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
}

/** Resolves with the content's heading once the screen has rendered it (screens load data first). */
function headingShown(): Promise<HTMLElement | null> {
  const main = document.getElementById('content')
  const present = () => main?.querySelector<HTMLElement>('h1') ?? null
  if (!main || present()) return Promise.resolve(present())
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!present()) return
      finish()
    })
    const timer = setTimeout(() => finish(), headingWait)
    function finish(): void {
      observer.disconnect()
      clearTimeout(timer)
      resolve(present())
    }
    observer.observe(main, { childList: true, subtree: true })
  })
}

/**
 * A screen reader hears nothing when a single-page app swaps its content, and
 * keyboard focus stays on the link that was left behind; moving focus to the
 * new screen's heading announces it and starts Tab from there. Not on the
 * first load (the page itself is announced), not when only the query changes,
 * and not when the screen already put focus in a field of its own (autofocus).
 */
export function focusHeadingOnNavigation(router: Router): void {
  router.afterEach(async (to, from, failure) => {
    if (failure || from.matched.length === 0 || to.path === from.path) return
    await nextTick() // the old screen's heading is still in the page until then
    const heading = await headingShown()
    const active = document.activeElement
    const screenChoseFocus = active && active !== document.body && active.closest('#content')
    if (heading && !screenChoseFocus && router.currentRoute.value.path === to.path) focusContent()
  })
}
