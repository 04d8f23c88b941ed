import { expect, it } from 'vitest'
import { latestOnly } from '../../src/renderer/src/stores/latest-only'

it('drops an answer that arrives after a newer call started', async () => {
  const latest = latestOnly()
  let finishSlow: (value: string) => void = () => {}
  const slow = latest(new Promise<string>((resolve) => (finishSlow = resolve)))
  const fast = latest(Promise.resolve('pla'))
  expect(await fast).toBe('pla')
  finishSlow('p')
  expect(await slow).toBeUndefined()
  expect(await latest(Promise.resolve('plank'))).toBe('plank')
})
