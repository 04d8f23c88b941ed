/**
 * Every channel the renderer can call. The preload and the renderer's HTTP
 * client are built from this list; contract.ts must define each one (the
 * compiler enforces it), so no channel can exist on one side only.
 * Kept free of imports so the sandboxed preload bundle stays tiny.
 */
export const channels = [
  'app:info',
  'app:health',
  'patients:list',
  'patients:get',
  'patients:create',
  'patients:update',
  'patients:setMeasures',
  'patients:archive',
  'patients:export',
  'patients:exportSave',
  'patients:erase',
  'patients:history',
  'exercises:list',
  'exercises:page',
  'exercises:get',
  'exercises:facets',
  'exercises:create',
  'exercises:update',
  'exercises:duplicate',
  'exercises:favourite',
  'exercises:archive',
  'exercises:delete',
  'media:get',
  'import:chooseFolder',
  'import:preview',
  'import:start',
  'advice:list',
  'templates:list',
  'templates:saveFrom',
  'templates:update',
  'templates:save',
  'templates:delete',
  'programs:list',
  'programs:get',
  'programs:create',
  'programs:save',
  'programs:issue',
  'programs:revise',
  'programs:nextStage',
  'programs:discard',
  'programs:compare',
  'programs:snapshot',
  'handouts:options',
  'handouts:setOptions',
  'handouts:pdf',
  'handouts:preview',
  'handouts:save',
  'handouts:print',
  'handouts:open',
  'visits:list',
  'visits:create',
  'visits:update',
  'visits:delete',
  'dashboard:get',
  'backups:status',
  'backups:start',
  'backups:chooseFolder',
  'backups:setFolder',
  'backups:inspect',
  'backups:restore',
  'jobs:progress',
  'clinic:get',
  'clinic:update',
  'clinic:skipDetails'
] as const

export type Channel = (typeof channels)[number]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value)
}
