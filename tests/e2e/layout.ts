/** Checks of what a person sees on a small screen: where the focus is, what is cut off. */
import type { Page } from 'playwright-core'

/** The focused element as "tag [type] name", e.g. "button Add Plank" or "input search Search the library". */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return 'body'
    const tag = element.tagName.toLowerCase()
    const type = tag === 'input' ? ` ${(element as HTMLInputElement).type}` : ''
    const labels = (element as HTMLInputElement).labels
    const name =
      element.getAttribute('aria-label') ??
      (labels?.[0]?.textContent ?? element.textContent ?? '').trim().replace(/\s+/g, ' ')
    return `${tag}${type} ${name}`
  })

/**
 * Every control or label under `rootSelector` that a person would see cut
 * off or run together: sticking out of its card, a label or button wrapping
 * onto a second line, a select's chosen text or a placeholder wider than its
 * box, or two controls overlapping. Empty when all is well.
 */
export const clippedControls = (page: Page, rootSelector: string): Promise<string[]> =>
  page.evaluate((selector) => {
    const problems: string[] = []
    const context = document.createElement('canvas').getContext('2d')!
    const textWidth = (text: string, element: Element) => {
      const style = getComputedStyle(element)
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      return context.measureText(text).width
    }
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? (element as HTMLInputElement).placeholder).trim().slice(0, 40)}" ${(element as HTMLElement).id}`
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect()
      return box.width > 1 && box.height > 1 && !element.closest('.visually-hidden')
    }
    for (const root of Array.from(document.querySelectorAll(selector))) {
      const controls = Array.from(
        root.querySelectorAll('input, select, textarea, button, a.button')
      ).filter(shown)
      for (const element of [...controls, ...Array.from(root.querySelectorAll('label'))].filter(
        shown
      )) {
        const box = element.getBoundingClientRect()
        const card = element.closest('.card') ?? root
        if (box.right > card.getBoundingClientRect().right + 1) {
          problems.push(`${describe(element)} sticks out of its box`)
        }
        const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 20
        const wraps =
          (element.tagName === 'LABEL' && !element.querySelector('input, select, textarea')) ||
          element.tagName === 'BUTTON'
        if (
          wraps &&
          (box.height > lineHeight * 1.6 + 16 || element.scrollWidth > element.clientWidth + 1)
        ) {
          problems.push(`${describe(element)} wraps or is cut off`)
        }
        const style = getComputedStyle(element)
        const room =
          element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        if (element instanceof HTMLSelectElement) {
          const text = element.selectedOptions[0]?.textContent?.trim() ?? ''
          // the drop-down arrow takes about 20 px of the box
          if (textWidth(text, element) > room - 20)
            problems.push(`select showing "${text}" is cut off`)
        }
        if (element instanceof HTMLInputElement && element.value === '' && element.placeholder) {
          if (textWidth(element.placeholder, element) > room) {
            problems.push(`placeholder "${element.placeholder}" is cut off`)
          }
        }
      }
      controls.forEach((one, index) => {
        const a = one.getBoundingClientRect()
        for (const other of controls.slice(index + 1)) {
          const b = other.getBoundingClientRect()
          const overlap =
            a.left < b.right - 1 &&
            b.left < a.right - 1 &&
            a.top < b.bottom - 1 &&
            b.top < a.bottom - 1
          if (overlap && !one.contains(other) && !other.contains(one)) {
            problems.push(`${describe(one)} overlaps ${describe(other)}`)
          }
        }
      })
    }
    return problems
  }, rootSelector)
