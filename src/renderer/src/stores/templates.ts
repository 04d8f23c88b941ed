import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Input } from '@shared/contract'
import type { ApiError, Result } from '@shared/errors'
import type { Template } from '@shared/types'
import { call } from '../api'

export const useTemplatesStore = defineStore('templates', () => {
  const templates = ref<Template[]>([])
  const error = ref<ApiError | null>(null)

  async function load(): Promise<void> {
    const result = await call('templates:list', {})
    if (result.ok) templates.value = result.data
    error.value = result.ok ? null : result.error
  }

  async function update(fields: Input<'templates:update'>): Promise<Result<Template>> {
    const result = await call('templates:update', fields)
    if (result.ok) await load()
    return result
  }

  async function remove(id: number): Promise<Result<null>> {
    const result = await call('templates:delete', { id })
    if (result.ok) await load()
    return result
  }

  return { templates, error, load, update, remove }
})
