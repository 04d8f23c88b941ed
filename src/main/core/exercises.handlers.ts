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
  store,
  resourcesDir
}: HandlerContext): HandlerTable<'exercises' | 'media'> {
  return {
    'exercises:list': (input) => store.read((q) => listExercises(q, input)),
    'exercises:page': ({ offset, ...filters }) =>
      store.read((q) => pageExercises(q, filters, offset)),
    'exercises:get': ({ id }) => store.read((q) => getExercise(q, id)),
    'exercises:facets': () => store.read((q) => exerciseFacets(q)),
    'exercises:create': ({ photos, ...input }) => {
      const [fields, extras] = splitExtras(input)
      // the photos' bytes decoded before the write: inside it, only its queries
      const inputs = photoInputs(photos)
      return store.write((q) => createExercise(q, fields, extras, inputs))
    },
    'exercises:update': ({ id, version, photos, ...input }) => {
      const [fields, extras] = splitExtras(input)
      const inputs = photoInputs(photos)
      return store.write((q) => updateExercise(q, id, version, fields, extras, inputs))
    },
    'exercises:duplicate': ({ id }) => store.write((q) => duplicateExercise(q, id)),
    'exercises:favourite': ({ id, favourite }) =>
      store.write((q) => setFavourite(q, id, favourite)),
    'exercises:archive': ({ id, archived }) =>
      store.write((q) => setExerciseArchived(q, id, archived)),
    'exercises:delete': ({ id }) => store.write((q) => deleteExercise(q, id)),
    'media:get': ({ id }) => store.read((q) => getMedia(q, id, resourcesDir))
  }
}
