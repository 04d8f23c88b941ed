import {
  createExercise,
  deleteExercise,
  duplicateExercise,
  exerciseFacets,
  getExercise,
  listExercises,
  pageExercises,
  setExerciseArchived,
  setFavourite,
  splitExtras,
  updateExercise,
  type PhotoInput
} from './exercises'
import type { HandlerContext, HandlerTable } from './handlers'
import { dataUrlBytes, getMedia } from './media'

/** Photos as sent (kept ids or checked data: URLs) to what the store writes. */
function photoInputs(photos: ({ mediaId: number } | { dataUrl: string })[]): PhotoInput[] {
  return photos.map((photo) =>
    'mediaId' in photo
      ? photo
      : {
          data: dataUrlBytes(photo.dataUrl),
          mime: photo.dataUrl.startsWith('data:image/png') ? 'image/png' : 'image/jpeg'
        }
  )
}

/** The exercise library and its pictures. */
export function exerciseHandlers({
  db,
  write,
  store,
  resourcesDir
}: HandlerContext): HandlerTable<'exercises' | 'media'> {
  return {
    'exercises:list': (input) => listExercises(db, input),
    'exercises:page': ({ offset, ...filters }) => pageExercises(db, filters, offset),
    'exercises:get': ({ id }) => getExercise(db, id),
    'exercises:facets': () => exerciseFacets(db),
    'exercises:create': ({ photos, ...input }) =>
      write(() => {
        const [fields, extras] = splitExtras(input)
        return createExercise(db, fields, extras, photoInputs(photos))
      }),
    'exercises:update': ({ id, photos, ...input }) =>
      write(() => {
        const [fields, extras] = splitExtras(input)
        return updateExercise(db, id, fields, extras, photoInputs(photos))
      }),
    'exercises:duplicate': ({ id }) => write(() => duplicateExercise(db, id)),
    'exercises:favourite': ({ id, favourite }) => write(() => setFavourite(db, id, favourite)),
    'exercises:archive': ({ id, archived }) => write(() => setExerciseArchived(db, id, archived)),
    'exercises:delete': ({ id }) => write(() => deleteExercise(db, id)),
    'media:get': ({ id }) => store.read((q) => getMedia(q, id, resourcesDir))
  }
}
