/**
 * Which file and folder paths the api takes from the page. On the desktop a
 * page that went wrong (a bug, injected content) must not name files for
 * main to open; in the browser host the person types paths, as a shell
 * user would.
 */
import { isAbsolute, resolve } from 'node:path'
import { AppError } from '@shared/errors'

export interface PathPolicy {
  /** `path` as main will use it; an AppError when this host doesn't take it */
  accept: (path: string, field: string) => string
  /** a path main itself gave the page (a dialog's answer, a listed backup) */
  offer: (path: string) => string
}

/** The browser host: typed paths, made absolute and normalised; a relative one is refused. */
export const typedPaths: PathPolicy = {
  accept(path, field) {
    if (!isAbsolute(path)) {
      throw new AppError(
        'invalid_input',
        'Type the full path, from the top of the disk (such as /home/… or C:\\…).',
        field
      )
    }
    return resolve(path)
  },
  offer: (path) => path
}

/** The desktop: only paths main's own dialogs and lists gave the page since the app started. */
export function dialogPaths(): PathPolicy {
  const given = new Set<string>()
  return {
    accept(path, field) {
      if (!given.has(path)) {
        throw new AppError(
          'forbidden',
          'Choose it with the Choose… button: PhysioPlan opens only files and folders picked in its own dialogs.',
          field
        )
      }
      return path
    },
    offer(path) {
      given.add(path)
      return path
    }
  }
}
