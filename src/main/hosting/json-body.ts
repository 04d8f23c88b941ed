/**
 * What the two HTTP servers (the browser host, web/; the clinic server,
 * clinic/) share to read a request: its JSON body, refused beyond a size,
 * and an error that carries its HTTP status.
 */
import type { IncomingMessage } from 'node:http'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** The body as JSON (`{}` when empty); 413 past `limit` bytes, 400 when it isn't JSON. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const size = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`
  const tooLarge = new HttpError(413, `The request is too large (${size} at most).`)
  const chunks: Buffer[] = []
  let read = 0
  for await (const chunk of request) {
    read += (chunk as Buffer).length
    if (read > limit) throw tooLarge
    chunks.push(chunk as Buffer)
  }
  if (read === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.')
  }
}
