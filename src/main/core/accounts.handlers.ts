import { AppError } from '@shared/errors'
import type { HandlerTable } from './handlers'

/**
 * A clinic's accounts live on its server (clinic/served.ts answers them
 * there, for an administrator); this computer's own store has none.
 */
export function soloAccountHandlers(): HandlerTable<'accounts'> {
  const none = () => {
    throw new AppError(
      'unavailable',
      'Accounts are a clinic server’s: connect to one and sign in as its administrator (Settings → Clinic server).'
    )
  }
  return {
    'accounts:list': none,
    'accounts:add': none,
    'accounts:setDisabled': none,
    'accounts:resetPassword': none
  }
}
