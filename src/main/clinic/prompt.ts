/**
 * What the clinic-server commands ask on the terminal: answers typed in the
 * open, passwords without echo. Without a terminal (a script), passwords are
 * the lines of standard input, in the order asked.
 */
import { createInterface } from 'node:readline/promises'

export async function ask(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await lines.question(question)).trim()
  } finally {
    lines.close()
  }
}

/** A line typed without echo (the terminal in raw mode). */
function askHidden(question: string): Promise<string> {
  const { stdin, stdout } = process
  stdout.write(question)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (outcome: () => void) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stdout.write('\n')
      outcome()
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed))
        if (char === '\u0003') return finish(() => reject(new Error('Cancelled.')))
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    stdin.on('data', onData)
  })
}

let piped: Promise<string[]> | null = null

/** Standard input's lines, read once for every password a script pipes in. */
function pipedLines(): Promise<string[]> {
  piped ??= (async () => {
    let text = ''
    for await (const chunk of process.stdin) text += String(chunk)
    return text.split(/\r?\n/)
  })()
  return piped
}

/**
 * A password: typed without echo (twice when `confirm`, since nobody can
 * see a typo), or the next line of standard input.
 */
export async function askPassword(question: string, confirm = false): Promise<string> {
  if (!process.stdin.isTTY) return (await pipedLines()).shift() ?? ''
  const password = await askHidden(question)
  if (confirm && (await askHidden('The same password again: ')) !== password) {
    throw new Error('The two passwords differ. Nothing was changed.')
  }
  return password
}
