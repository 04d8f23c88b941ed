/**
 * The sending process of offline-desktops.test.ts: a desktop on the data
 * folder the parent names, signed in, sending its outbox and saying "sent
 * N" after each write, until the parent kills it, or until it kills itself
 * right after the server applied its SENDER_DIE_AFTER_APPLIED-th write.
 */
import { it } from 'vitest'
import { clinicConnection } from '../../src/main/clinic/connection'
import { localCopyFile, openLocalCopy } from '../../src/main/clinic/offline/local-copy'
import { sendWaiting } from '../../src/main/clinic/offline/send'

it('sends the outbox', async () => {
  const dataDir = process.env.SENDER_DATA_DIR!
  const login = process.env.SENDER_LOGIN!
  const connection = clinicConnection({ dataDir })
  await connection.signIn(login, process.env.SENDER_PASSWORD!)
  const status = connection.status()
  if (status.mode !== 'clinic' || status.fingerprint === null) throw new Error('not connected')
  const db = openLocalCopy(localCopyFile(dataDir, status.fingerprint))
  const dieAfter = Number(process.env.SENDER_DIE_AFTER_APPLIED ?? 0)
  let applied = 0
  await sendWaiting(
    db,
    async (channel, input, write) => {
      const result = await connection.call(channel, input, write)
      if (!connection.reachable()) return null
      // the crash the key is for: the server committed it, the outbox doesn't know yet
      if (result.ok && ++applied === dieAfter) {
        // vitest's process first (the parent waits for it), then this worker
        process.kill(process.ppid, 'SIGKILL')
        process.kill(process.pid, 'SIGKILL')
      }
      return result
    },
    login,
    (done) => console.log(`sent ${done}`)
  )
  db.close()
  connection.close()
})
