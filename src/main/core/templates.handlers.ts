import type { HandlerContext, HandlerTable } from './handlers'
import {
  deleteTemplate,
  listTemplates,
  saveTemplate,
  saveTemplateFrom,
  updateTemplate
} from './templates'

/** Program templates: built-in and the clinic's own. */
export function templateHandlers({ store }: HandlerContext): HandlerTable<'templates'> {
  return {
    'templates:list': () => store.read((q) => listTemplates(q)),
    'templates:saveFrom': ({ versionId, name, replace }) =>
      store.write((q) => saveTemplateFrom(q, versionId, name, replace)),
    'templates:update': ({ id, version, ...fields }) =>
      store.write((q) => updateTemplate(q, id, version, fields)),
    'templates:save': (content) => store.write((q) => saveTemplate(q, content)),
    'templates:delete': ({ id }) => store.write((q) => deleteTemplate(q, id))
  }
}
