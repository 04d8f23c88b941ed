import type { HandlerContext, HandlerTable } from './handlers'
import {
  deleteTemplate,
  listTemplates,
  saveTemplate,
  saveTemplateFrom,
  updateTemplate
} from './templates'

/** Program templates: built-in and the clinic's own. */
export function templateHandlers({ db, write }: HandlerContext): HandlerTable<'templates'> {
  return {
    'templates:list': () => listTemplates(db),
    'templates:saveFrom': ({ versionId, name, replaceId }) =>
      write(() => saveTemplateFrom(db, versionId, name, replaceId)),
    'templates:update': ({ id, ...fields }) => write(() => updateTemplate(db, id, fields)),
    'templates:save': (content) => write(() => saveTemplate(db, content)),
    'templates:delete': ({ id }) => write(() => deleteTemplate(db, id))
  }
}
