/**
 * What `dispatch` logs of an unexpected failure: the message on the desktop
 * and the browser host (their own terminal), the name and code only where
 * the log is shared (the clinic server), since a database's message can
 * quote the request's data.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../src/main/core/api'

/** patients:create failing as PostgreSQL would on a unique key, quoting the row's name */
const failing = {
  'patients:create': () => {
    throw Object.assign(new Error('duplicate key value (full_name)=(Ørjan Ågren)'), {
      code: '23505'
    })
  }
} as unknown as Handlers
const input = { fullName: 'Ørjan Ågren', dateOfBirth: '1980-01-01' }

afterEach(() => {
  vi.restoreAllMocks()
})

describe('dispatch’s log of an unexpected failure', () => {
  it('keeps the message where the log stays on the machine with the data', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await dispatch(failing, 'patients:create', input)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(log.mock.calls).toEqual([
      ['[api] patients:create failed: Error: duplicate key value (full_name)=(Ørjan Ågren)']
    ])
  })

  it('logs the name and code only where the log is shared', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await dispatch(failing, 'patients:create', input, { logMessages: false })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(log.mock.calls).toEqual([['[api] patients:create failed: Error (23505)']])
    expect(JSON.stringify(result)).not.toContain('Ørjan')
  })
})
