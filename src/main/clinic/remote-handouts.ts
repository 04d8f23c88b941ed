/**
 * Handouts in clinic mode (issue 17): the desktop renders them as in solo
 * mode (its workers, its fonts, its built-in pictures) from what the clinic
 * server reads for it: a version's drawable (`handouts:drawable`, the
 * server's own channel, server-contract.ts) and the clinic's handout
 * options. What arrives is checked before anything is drawn from it.
 */
import type { z } from 'zod'
import { AppError, type Result } from '@shared/errors'
import { serverContract, type ServerChannel } from '@shared/server-contract'
import type { HandoutOptions, Versioned } from '@shared/types'
import { isDrawableSvg } from '../core/handout/drawing'
import type { Drawable, HandoutSource } from '../core/handouts'
import type { ClinicClient } from './client'

type DrawableInput = z.input<(typeof serverContract)['handouts:drawable']['input']>

/** A call's data, or the server's refusal as this desktop's own error. */
function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message)
  return result.data
}

/** The server's JSON drawable as the worker's: pictures by media id, the logo the snapshot holds. */
function decodeDrawable(sent: unknown): Drawable {
  const parsed = serverContract['handouts:drawable'].result.safeParse(sent)
  if (!parsed.success) {
    throw new AppError('unavailable', 'The clinic server sent a handout this app can’t draw.')
  }
  const { snapshot, pictures } = parsed.data
  // anything but our own SVG shapes prints as the "no picture" frame, as from the desktop's file
  const drawn = pictures.filter(
    ([, picture]) => picture.kind !== 'svg' || isDrawableSvg(picture.svg)
  )
  return {
    snapshot,
    assets: { pictures: new Map(drawn), logoDataUrl: snapshot.clinic.logoDataUrl }
  }
}

/** Handouts drawn here from what the clinic server `call` reaches reads (ClinicClient['call']). */
export function remoteHandoutSource(call: ClinicClient['call']): HandoutSource {
  // the client's calls are typed by the page's contract; this channel is the server's own
  const callServer = call as unknown as (
    channel: ServerChannel,
    input: DrawableInput
  ) => Promise<Result<unknown>>
  const drawable = async (input: DrawableInput) =>
    decodeDrawable(dataOf(await callServer('handouts:drawable', input)))
  return {
    drawable: (versionId) => drawable({ versionId }),
    preview: (versionId, layout) => drawable({ versionId, layout }),
    // the options as a handout takes them: their version only matters to a save
    options: async () => {
      const options: Partial<Versioned> & HandoutOptions = dataOf(
        await call('handouts:options', {})
      )
      delete options.version
      return options
    }
  }
}
