/**
 * The clinic server's self-signed certificate, made at `init` with the
 * `selfsigned` package (over @peculiar/x509). Its defaults are SHA-1 and no
 * subject alternative names, so both are asked for; P-256 keys. Desktops pin
 * the certificate by the SHA-256 fingerprint printed here (issue 17).
 */
import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

export interface ServerNames {
  dns: string[]
  ips: string[]
}

/** "AB:CD:…": the SHA-256 of the DER certificate, as both sides show it. */
export function fingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256
}

export async function makeServerCertificate(names: ServerNames, years = 10) {
  const notAfter = new Date()
  notAfter.setFullYear(notAfter.getFullYear() + years)
  const made = await generate([{ name: 'commonName', value: names.dns[0] ?? names.ips[0]! }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ips.map((ip) => ({ type: 7 as const, ip }))
        ]
      }
    ]
  })
  return { cert: made.cert, key: made.private, fingerprint: fingerprint(made.cert) }
}
