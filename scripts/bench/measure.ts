/** Timing helpers for the benchmark: warm up, repeat, report median and p95 in ms. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

export interface Timing {
  name: string
  runs: number
  medianMs: number
  p95Ms: number
  target?: string
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

/** Times `work`, awaiting what it returns: the query layer's calls answer with a promise. */
export async function measure(
  name: string,
  runs: number,
  work: (run: number) => unknown,
  target?: string
): Promise<Timing> {
  for (let run = 0; run < Math.min(20, runs); run++) await work(run)
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    await work(run)
    times.push(performance.now() - start)
  }
  return summarize(name, times, target)
}

export function table(timings: Timing[]): string {
  const rows = timings.map((t) => [
    t.name,
    String(t.runs),
    t.medianMs.toFixed(3),
    t.p95Ms.toFixed(3),
    t.target ?? ''
  ])
  return grid(['measure', 'runs', 'median ms', 'p95 ms', 'target'], rows)
}

/** Rows of text cells in padded columns under a header, as the bench prints every table. */
export function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/**
 * How long `work` takes, and the longest the main thread went without
 * turning its event loop meanwhile: the longest gap between ticks of a 1 ms
 * timer (so about 1 ms even when nothing blocks).
 */
export async function withLoopWatch<T>(
  work: () => Promise<T>
): Promise<{ result: T; ms: number; longestBlockMs: number }> {
  let last = performance.now()
  let longest = 0
  let watching = true
  const tick = () => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
    if (watching) setTimeout(tick, 1)
  }
  setTimeout(tick, 1)
  const start = performance.now()
  const result = await work()
  const ms = performance.now() - start
  // one more tick, so a block that lasted until the work ended is counted
  await new Promise((settle) => setTimeout(settle, 5))
  watching = false
  return { result, ms, longestBlockMs: Math.round(longest * 10) / 10 }
}

/** Median and p95 of timings already taken. */
export function summarize(name: string, times: number[], target?: string): Timing {
  const sorted = [...times].sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  return {
    name,
    runs: sorted.length,
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    ...(target ? { target } : {})
  }
}

/** The machine, as every section of the results names it. */
export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
}

/** Adds one bench file's results to .bench/results.json (files run one after another). */
export function recordResults(section: string, results: object): void {
  const file = join('.bench', 'results.json')
  mkdirSync('.bench', { recursive: true })
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {}
  const all = {
    ...previous,
    [section]: { date: new Date().toISOString(), machine: machine(), ...results }
  }
  writeFileSync(file, JSON.stringify(all, null, 2))
}
