import { AppError } from '@shared/errors'
import type { ClinicLink } from './clinic-link'
import type { HandlerContext, HandlerTable } from './handlers'

/** Connecting to a clinic server, signing in and out, and going back to solo mode. */
export function clinicServerHandlers(context: HandlerContext): HandlerTable<'clinicServer'> {
  const link = (): ClinicLink => {
    if (!context.clinic) {
      throw new AppError('unavailable', 'This PhysioPlan does not connect to a clinic server.')
    }
    return context.clinic
  }
  return {
    'clinicServer:status': () => context.clinic?.status() ?? { mode: 'solo', lastAddress: null },
    'clinicServer:check': ({ address }) => link().check(address),
    'clinicServer:connect': ({ address, fingerprint }) => link().connect(address, fingerprint),
    'clinicServer:signIn': ({ login, password }) => link().signIn(login, password),
    'clinicServer:signOut': () => link().signOut(),
    'clinicServer:solo': () => link().solo()
  }
}
