/**
 * Every channel, fed malformed, oversized, control-character and ill-formed
 * Unicode input, through dispatch and through the browser host's HTTP: each
 * answer has the documented shape ({ ok: false, error: { code, message,
 * field? } }), none is an internal error, and nothing is written. Bounded
 * and seeded, so a failure reruns the same way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { channels, type Channel } from '../../src/shared/channels'
import { contract } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { startWebHost, type WebHost } from '../../src/main/web/server'
import { memoryApi, random, type MemoryApi } from './helpers'
import { visitInput } from './visit-input'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonSchema = {
  type?: string
  enum?: Json[]
  const?: Json
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
}

const documentedCodes = ['invalid_input', 'not_found', 'conflict', 'forbidden', 'unavailable']

/** A value of the schema's shape, not necessarily valid (dates and paths are 'a'). */
function sample(schema: JsonSchema): Json {
  if (schema.anyOf ?? schema.oneOf) return sample((schema.anyOf ?? schema.oneOf)![0]!)
  if (schema.enum) return schema.enum[0]!
  if (schema.const !== undefined) return schema.const
  if (schema.type === 'object') {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value)])
    )
  }
  const leaves: Record<string, Json> = { array: [], string: 'a', integer: 1, number: 1 }
  return leaves[schema.type ?? ''] ?? true
}

/** Valid inputs for the channels that write, so a refusal there is the mutation's doing. */
function validInputs(patientId: number): Partial<Record<Channel, Json>> {
  const patient = { fullName: 'Fuzz Patient', dateOfBirth: '1980-01-01', notes: 'Runs.' }
  return {
    'patients:create': patient,
    'patients:update': { id: patientId, version: 1, ...patient },
    'visits:create': {
      patientId,
      ...(visitInput({ subjective: 'Better.' }) as Record<string, Json>)
    },
    'clinic:update': {
      clinicName: 'Clinic',
      address: 'Street 1',
      phone: '1',
      email: '',
      therapistName: 'T',
      logoDataUrl: null,
      version: 0
    },
    'templates:update': { id: 1, version: 1, name: 'Name', description: 'About', goals: 'Goals' }
  }
}

const badTexts: Json[] = [
  '\u0000',
  'name\u0000with NUL',
  'esc \u001b[2J',
  'bell\u0007',
  '\ud800',
  'half \udfff emoji',
  'x'.repeat(300_000),
  42,
  [],
  {}
]
const badNumbers: Json[] = [Number.NaN, Infinity, -Infinity, 1e308, -1, 0.5, 2 ** 53 + 2, '1']
const badBooleans: Json[] = ['true', 1, 'yes', []]
const badLists: Json[] = ['not a list', Array<Json>(10_001).fill('a'), ['\u0000'], [{}]]

/** Every value in `input` swapped, one at a time, for each bad value of its kind. */
function* mutations(input: Json, path: (string | number)[] = []): Generator<Json> {
  const at = (value: Json): Json => replace(input, path, value)
  const here = get(input, path)
  const bad =
    typeof here === 'string'
      ? badTexts
      : typeof here === 'number'
        ? badNumbers
        : typeof here === 'boolean'
          ? badBooleans
          : Array.isArray(here)
            ? badLists
            : here === null
              ? // a null may stand for a number: 42 could be valid there
                badTexts.filter((value) => typeof value !== 'number')
              : ['an object', [], 7]
  if (path.length > 0) for (const value of bad) yield at(value)
  if (Array.isArray(here)) {
    for (let index = 0; index < here.length; index++) yield* mutations(input, [...path, index])
  } else if (here !== null && typeof here === 'object') {
    for (const key of Object.keys(here)) yield* mutations(input, [...path, key])
  }
}

function get(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, value)
}

function replace(value: Json, path: (string | number)[], leaf: Json): Json {
  if (path.length === 0) return leaf
  const [key, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >
  copy[key!] = replace(copy[key!]!, rest, leaf)
  return copy as Json
}

/** Whole inputs of the wrong kind, huge, nested or with smuggled keys. */
function malformed(): unknown[] {
  let deep: Json = 'bottom'
  for (let level = 0; level < 1_000; level++) deep = { deep }
  return [
    0,
    -1,
    'text',
    true,
    [],
    [{}],
    { unexpected: 1 },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    deep,
    Object.fromEntries(Array.from({ length: 2_000 }, (_, n) => [`key${n}`, n])),
    'x'.repeat(1_000_000),
    { '\u0000': '\ud800' }
  ]
}

/** A random JSON value a few levels deep, of the kinds above. */
function randomValue(next: () => number, depth = 0): Json {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!
  // never null, '' or a boolean: those are valid in some fields, and this must stay invalid
  const kind = depth > 2 ? pick(['text', 'number']) : pick(['text', 'number', 'list', 'object'])
  const count = () => 1 + Math.floor(next() * 3)
  if (kind === 'text') return pick(badTexts.filter((value) => typeof value === 'string'))
  if (kind === 'number') return pick(badNumbers.filter((value) => typeof value === 'number'))
  if (kind === 'list') return Array.from({ length: count() }, () => randomValue(next, depth + 1))
  return Object.fromEntries(
    Array.from({ length: count() }, (_, n) => [`k${n}`, randomValue(next, depth + 1)])
  )
}

/** `base` with one of its fields (or a new one) set to a random value. */
function randomlyChanged(base: Json, next: () => number): Json {
  const keys = Object.keys(base as object)
  const key = next() < 0.8 && keys.length > 0 ? keys[Math.floor(next() * keys.length)]! : 'extra'
  return { ...(base as Record<string, Json>), [key]: randomValue(next) }
}

function expectDocumented(result: Result<unknown>, what: string): void {
  expect(typeof result.ok, what).toBe('boolean')
  if (result.ok) return
  const { code, message, field, issues, ...rest } = result.error
  expect(rest, what).toEqual({})
  expect(documentedCodes, what).toContain(code)
  expect(typeof message === 'string' && message.length > 0, what).toBe(true)
  expect(field === undefined || typeof field === 'string', what).toBe(true)
  // every field's problem, the first of them being `field` and `message`
  if (issues === undefined) return
  expect(issues[0], what).toEqual({ field, message })
  for (const issue of issues) {
    expect(Object.keys(issue).sort(), what).toEqual(['field', 'message'])
    expect(typeof issue.field === 'string' && typeof issue.message === 'string', what).toBe(true)
  }
}

const changes = (api: MemoryApi) => api.db.prepare('SELECT total_changes()').pluck().get() as number

let host: WebHost | null = null
afterEach(async () => {
  vi.restoreAllMocks()
  await host?.close()
  host = null
})

describe('the api under fuzzed input', () => {
  it('answers every channel with the documented error shape, no internal error, no write', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const api = memoryApi()
    const patient = await api.call('patients:create', {
      fullName: 'Target',
      dateOfBirth: '1970-01-01'
    })
    const valid = validInputs(patient.ok ? (patient.data as { id: number }).id : 0)
    const before = changes(api)
    const next = random(13)
    const wholeInputs = malformed()
    let calls = 0
    for (const channel of channels) {
      const schema = z.toJSONSchema(contract[channel].input, {
        io: 'input',
        unrepresentable: 'any'
      }) as JsonSchema
      const base = valid[channel] ?? sample(schema)
      const inputs: [string, unknown][] = [
        ...wholeInputs.map((input, n): [string, unknown] => [`malformed #${n}`, input]),
        ...[...mutations(base)].map((input, n): [string, unknown] => [`mutation #${n}`, input]),
        ...Array.from({ length: 20 }, (_, n): [string, unknown] => [
          `random #${n}`,
          randomlyChanged(base, next)
        ])
      ]
      for (const [name, input] of inputs) {
        const result = await api.call(channel, input)
        calls++
        expectDocumented(result, `${channel} ${name}`)
        // search strips control characters and may answer; a write must refuse
        if (valid[channel] !== undefined) expect(result.ok, `${channel} ${name}`).toBe(false)
      }
    }
    expect(calls).toBeGreaterThan(2_500)
    expect(changes(api)).toBe(before)
    expect(logged).not.toHaveBeenCalled()
  }, 30_000)

  it('the browser host answers ill-formed JSON and escapes the same way', async () => {
    const api = memoryApi()
    const token = 'fuzz-token-0123456789'
    host = await startWebHost({
      dispatch: api.call,
      rendererDir: '/nonexistent',
      token,
      port: 0
    })
    const before = changes(api)
    const bodies: (string | Uint8Array<ArrayBuffer>)[] = [
      '{"fullName": "\\ud800", "query": "\\udfff", "folder": "\\u0000", "file": "\\ud83d"}',
      '{"id": 1, "confirmName": "\\u0000"}',
      '['.repeat(100_000),
      '{"a": 1, "a": 2}',
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      'null',
      ''
    ]
    for (const channel of channels) {
      for (const body of bodies) {
        const response = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body
        })
        expect([200, 400], channel).toContain(response.status)
        expectDocumented(
          (await response.json()) as Result<unknown>,
          `${channel} ${String(body).slice(0, 30)}`
        )
      }
    }
    expect(changes(api)).toBe(before)
  }, 30_000)
})
