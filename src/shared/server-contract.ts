/**
 * The clinic server's own channels (issue 17): asked by a desktop's main
 * process, never by a page, so they are not in channels.ts (the preload and
 * the renderer's client never see them). The server checks their input as
 * `dispatch` checks the contract's; the desktop checks their result, since
 * it draws from it.
 */
import { z } from 'zod'
import { id, imageDataUrl } from './contract'
import { limits } from './limits'
import { handoutLayouts, type ProgramSnapshot } from './types'

/** A printed picture as JSON: our own SVG shapes, an image's bytes as a data: URL, or a built-in one by name. */
const servedPicture = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('svg'), svg: z.string().max(limits.photoBytes) }),
  z.strictObject({ kind: z.literal('image'), dataUrl: imageDataUrl('Picture', limits.photoBytes) }),
  // a file among the app's resources: every desktop ships it, the server has none
  z.strictObject({
    kind: z.literal('shipped'),
    mime: z.string().max(100),
    path: z.string().min(1).max(500)
  })
])

/** What a frozen snapshot must hold for the desktop to draw it (the server stored what it issued). */
const snapshotShape = z.looseObject({
  format: z.literal(1),
  exercises: z.array(z.looseObject({ mediaIds: z.array(z.number()) })),
  clinic: z.looseObject({ logoDataUrl: imageDataUrl('Logo', limits.logoBytes).nullable() })
})

/** A version's drawable as JSON: its snapshot, and its pictures as [media id, picture] pairs. */
export const servedDrawable = z.strictObject({
  snapshot: z.custom<ProgramSnapshot>((value) => snapshotShape.safeParse(value).success, {
    error: 'The clinic server sent a program version the desktop cannot draw'
  }),
  pictures: z.array(z.tuple([id('Picture id'), servedPicture])).max(limits.programItems * 2)
})

export const serverContract = {
  /**
   * An issued version's drawable; with `layout`, any version's as it would
   * print now in that layout (a draft's preview)
   */
  'handouts:drawable': {
    input: z.strictObject({
      versionId: id('Program version id'),
      layout: z.enum(handoutLayouts).optional()
    }),
    result: servedDrawable
  }
} satisfies Record<string, { input: z.ZodType; result: z.ZodType }>

export type ServerChannel = keyof typeof serverContract
export type ServedDrawable = z.input<typeof servedDrawable>
