/**
 * What grew between two V8 heap snapshots (the clinic-day probe's
 * PHYSIOPLAN_PROBE_SNAPSHOT_*, or any `.heapsnapshot`): live objects grouped
 * by kind and constructor, their count and self size in each, the largest
 * changes first. `node scripts/bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]`
 */
import { readFileSync } from 'node:fs'

/** Count and self size of each group of a snapshot's nodes; strings and code are one group each. */
function groups(file) {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, 'utf8'))
  const fields = snapshot.meta.node_fields
  const types = snapshot.meta.node_types[0]
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field))
  const byGroup = new Map()
  let total = 0
  for (let at = 0; at < nodes.length; at += fields.length) {
    const kind = types[nodes[at + type]]
    const named = /string|code|number/.test(kind) ? '' : strings[nodes[at + name]].slice(0, 80)
    const key = `${kind} ${named}`.trim()
    const group = byGroup.get(key) ?? { count: 0, bytes: 0 }
    group.count++
    group.bytes += nodes[at + size]
    total += nodes[at + size]
    byGroup.set(key, group)
  }
  return { byGroup, total, count: nodes.length / fields.length }
}

const [beforeFile, afterFile, rows = '30'] = process.argv.slice(2)
if (!afterFile)
  throw new Error('usage: heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]')
const [before, after] = [groups(beforeFile), groups(afterFile)]
const mb = (bytes) => (bytes / 2 ** 20).toFixed(2)
console.log(
  `live objects ${mb(before.total)} → ${mb(after.total)} MB, ${before.count} → ${after.count} nodes`
)
const none = { count: 0, bytes: 0 }
const changes = [...new Set([...before.byGroup.keys(), ...after.byGroup.keys()])].map((key) => {
  const [was, now] = [before.byGroup.get(key) ?? none, after.byGroup.get(key) ?? none]
  return { key, now, bytes: now.bytes - was.bytes, count: now.count - was.count }
})
changes.sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes))
for (const { key, now, bytes, count } of changes.slice(0, Number(rows)))
  console.log(
    `${(bytes / 1024).toFixed(1).padStart(9)} KB ${String(count).padStart(7)} objects  (now ${now.count}, ${(now.bytes / 1024).toFixed(0)} KB)  ${key}`
  )
