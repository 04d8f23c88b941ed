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
  },

  /*
   * Clinic mode offline (issue 18). A device's local copy catches up by
   * pulls: every row of the synced tables changed since its cursor, the
   * library whole and the patients it keeps (seen by this account in the
   * last `weeks` weeks, or pinned), in pages. A root row (a patient, visit,
   * program, program version, template, exercise, advice section, setting)
   * comes with all its child rows (a version's items and advice, a visit's
   * outcomes and red flags, a template's items and advice, an exercise's
   * media), which replace the device's; deleted roots come as `deleted`.
   * Writes are the contract's own calls with two headers: `Idempotency-Key`
   * (a UUID: the server applies each key once, in the write's own
   * transaction, and answers a repeat with the first answer) and
   * `X-Made-At` (when the write was made offline: its timestamps and audit
   * entries say so).
   */
  'sync:pull': {
    input: z.strictObject({
      /** where the last complete pull ended; null: everything */
      cursor: z.string().max(100).nullable(),
      weeks: z.number().int().min(1).max(52),
      /** patients pinned on the device: kept whoever saw them */
      pinned: z.array(id('Patient id')).max(5000),
      /** patients the device holds now: those newly kept come whole, whatever the cursor */
      held: z.array(id('Patient id')).max(20000),
      /** the `next` of the previous page; null: the first page */
      page: z.string().max(500).nullable()
    }),
    result: z.strictObject({
      /** this database's history: another value means it was restored or replaced (resend, pull all) */
      epoch: z.string().max(200),
      /** store it once the last page (next: null) is applied */
      cursor: z.string().max(100),
      /** the patients the device should keep: drop held ones not here (unless writes wait for them) */
      patients: z.array(id('Patient id')),
      /** rows by table, in an order whose foreign keys are satisfied; columns as SQLite names them, bytes as { base64 } */
      tables: z.array(
        z.strictObject({
          table: z.string().max(100),
          rows: z.array(z.record(z.string(), z.unknown()))
        })
      ),
      deleted: z.array(z.strictObject({ table: z.string().max(100), id: id('Row id') })),
      next: z.string().max(500).nullable(),
      /** rows sent so far of the pull's total, for the progress bar */
      progress: z.strictObject({ done: z.number().int(), total: z.number().int() })
    })
  },
  /** which of these idempotency keys the server has applied (after a restore, the rest are resent) */
  'sync:applied': {
    input: z.strictObject({ keys: z.array(z.uuid()).max(5000) }),
    result: z.strictObject({ applied: z.array(z.uuid()) })
  }
} satisfies Record<string, { input: z.ZodType; result: z.ZodType }>

export type ServerChannel = keyof typeof serverContract
export type ServedDrawable = z.input<typeof servedDrawable>
