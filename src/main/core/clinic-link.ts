/**
 * The desktop's link to a clinic server, as the core's handlers reach it:
 * the `clinicServer:*` channels ask this interface and clinic/connection.ts
 * implements it, so the core imports no HTTPS client. Where there is no
 * link (the clinic server itself, a bare api in tests) those channels
 * answer that this PhysioPlan doesn't connect to a server.
 */
import type { ClinicCertificateCheck, ClinicServerStatus } from '@shared/clinic-server'

export interface ClinicLink {
  status: () => ClinicServerStatus
  check: (address: string) => Promise<ClinicCertificateCheck>
  connect: (address: string, fingerprint: string) => Promise<ClinicServerStatus>
  signIn: (login: string, password: string) => Promise<ClinicServerStatus>
  signOut: () => Promise<ClinicServerStatus>
  solo: () => Promise<ClinicServerStatus>
}
