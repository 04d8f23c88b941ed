/**
 * What the desktop does with a clinic server's handout drawable before it
 * draws: the wire form checked, a stored SVG outside our drawing subset left
 * out, a built-in picture read only from this app's own resources, and the
 * server's refusals passed on as they were said. The server here is a
 * stand-in `call`; tests/clinic/remote-handouts.test.ts runs the real one.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ClinicClient } from '../../src/main/clinic/client'
import { remoteHandoutSource } from '../../src/main/clinic/remote-handouts'
import { renderHandout } from '../../src/main/core/handouts'
import type { OffThread } from '../../src/main/offthread/pool'
import type { HandoutJob } from '../../src/main/offthread/tasks'
import type { Result } from '../../src/shared/errors'
import { defaultHandoutOptions, type ProgramSnapshot } from '../../src/shared/types'
import { inline, issuedRelief, memoryApi, ok } from './helpers'

/** A server that answers every call with `answer`, and remembers what it was asked. */
function server(answer: Result<unknown>) {
  const asked: [string, unknown][] = []
  const call = ((channel: string, input: unknown) => {
    asked.push([channel, input])
    return Promise.resolve(answer)
  }) as ClinicClient['call']
  return { asked, source: remoteHandoutSource(call) }
}

async function snapshot(): Promise<ProgramSnapshot> {
  const api = memoryApi()
  const { version } = await issuedRelief(api, 'Wire, Wanda')
  return ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: version.id })
}

const drawable = {
  kind: 'svg',
  svg: readFileSync(resolve('resources/illustrations/a-skips.svg'), 'utf8')
}

describe('a handout drawable from the clinic server', () => {
  it('keeps what can be drawn, and leaves out an SVG outside our drawing subset', async () => {
    const sent = await snapshot()
    const pictures = [
      [1, drawable],
      [2, { kind: 'svg', svg: '<svg><image href="file:///etc/passwd"/></svg>' }],
      [3, { kind: 'shipped', mime: 'image/svg+xml', path: 'illustrations/ankle-circles.svg' }]
    ]
    const { asked, source } = server({ ok: true, data: { snapshot: sent, pictures } })
    const drawn = await source.preview(7, 'compact')
    expect(asked).toEqual([['handouts:drawable', { versionId: 7, layout: 'compact' }]])
    expect(drawn.snapshot).toEqual(sent)
    expect([...drawn.assets.pictures.keys()]).toEqual([1, 3])
    expect(drawn.assets.logoDataUrl).toBe(sent.clinic.logoDataUrl)
  })

  it('refuses a drawable that is not one, and passes on the server’s refusal', async () => {
    const sent = await snapshot()
    const page = `data:text/html;base64,${Buffer.from('<script>').toString('base64')}`
    for (const data of [
      { snapshot: sent, pictures: [[1, { kind: 'image', dataUrl: page }]] },
      { snapshot: { ...sent, format: 2 }, pictures: [] },
      { snapshot: sent, pictures: [], extra: true }
    ]) {
      await expect(server({ ok: true, data }).source.drawable(1)).rejects.toMatchObject({
        code: 'unavailable',
        message: 'The clinic server sent a handout this app can’t draw.'
      })
    }
    const refusal = { code: 'not_found', message: 'That program version could not be found.' }
    const { source } = server({ ok: false, error: refusal } as Result<unknown>)
    await expect(source.drawable(1)).rejects.toMatchObject(refusal)
    await expect(source.options()).rejects.toMatchObject(refusal)
  })

  it('draws a built-in picture the server names from this app’s resources, and nothing outside them', async () => {
    const jobs: HandoutJob[] = []
    const offThread: OffThread = {
      ...inline,
      run: (name, input, onProgress) => {
        jobs.push(input as HandoutJob)
        return inline.run(name, input, onProgress)
      }
    }
    const shipped = (path: string) => ({ kind: 'shipped' as const, mime: 'image/svg+xml', path })
    const pictures = new Map([
      [1, shipped('illustrations/ankle-circles.svg')],
      [2, shipped('../package.json')],
      [3, shipped('/etc/hostname')],
      [4, shipped('illustrations/no-such-picture.svg')]
    ])
    const sent = await snapshot()
    const resourcesDir = resolve('resources')
    await renderHandout(
      { snapshot: sent, assets: { pictures, logoDataUrl: null } },
      defaultHandoutOptions,
      { resourcesDir, offThread }
    )
    const svg = readFileSync(resolve(resourcesDir, 'illustrations/ankle-circles.svg'), 'utf8')
    expect([...jobs[0]!.assets.pictures]).toEqual([[1, { kind: 'svg', svg }]])
  })
})
