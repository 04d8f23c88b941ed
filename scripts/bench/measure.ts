/** Timing helpers for the benchmark: warm up, repeat, report median and p95 in ms. */
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

export function measure(
  name: string,
  runs: number,
  work: (run: number) => void,
  target?: string
): Timing {
  for (let run = 0; run < Math.min(20, runs); run++) work(run)
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    work(run)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  return {
    name,
    runs,
    medianMs: round(percentile(times, 0.5)),
    p95Ms: round(percentile(times, 0.95)),
    ...(target ? { target } : {})
  }
}

export function table(timings: Timing[]): string {
  const rows = timings.map((t) => [
    t.name,
    String(t.runs),
    t.medianMs.toFixed(3),
    t.p95Ms.toFixed(3),
    t.target ?? ''
  ])
  const header = ['measure', 'runs', 'median ms', 'p95 ms', 'target']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
