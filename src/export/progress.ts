// Progress of a harvest on a terminal: one line, rewritten in place, with the list, the records so far and the
// rate. Silent when the stream is not a TTY (CI logs, pipes), so output stays clean there.

import type { ExportManifest } from './bag.js'

interface Stream {
  isTTY?: boolean
  write(s: string): unknown
}

export interface ProgressMeter {
  page: (p: { entity: string; count: number; pages: number }) => void
  done: () => void
}

export function progressMeter(stream: Stream, now: () => number = () => performance.now()): ProgressMeter | undefined {
  if (!stream.isTTY) return undefined
  let entity = ''
  let started = 0
  let last = -Infinity
  let shown = false
  return {
    page(p) {
      const t = now()
      if (p.entity !== entity) {
        entity = p.entity
        started = t
      }
      if (t - last < 100) return
      last = t
      const rate = t > started ? Math.round((p.count * 1000) / (t - started)) : 0
      stream.write(`\r\x1b[2K${progressText(p.entity, p.count, rate, p.pages)}`)
      shown = true
    },
    done() {
      if (shown) stream.write('\r\x1b[2K')
      shown = false
      last = -Infinity
    },
  }
}

export function progressText(entity: string, count: number, perSecond: number, pages: number): string {
  return `${entity}: ${count} records, ${perSecond} records/s, ${pages} page${pages === 1 ? '' : 's'}`
}

/** Records harvested per second (one request at a time, at --rate), from the manifest's times and counts. */
export function rateOf(m: ExportManifest): { records: number; seconds: number; perSecond: number } {
  const records = m.files.filter((f) => f.format === 'ndjson').reduce((n, f) => n + f.count, 0)
  const seconds = Math.max(0.001, (Date.parse(m.harvest.finishedAt) - Date.parse(m.harvest.startedAt)) / 1000)
  return { records, seconds, perSecond: Math.round(records / seconds) }
}

/** 93784 s -> '1 d 2 h'; 7320 s -> '2 h 2 min'; at least '1 min'. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'forever'
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.ceil((seconds % 3600) / 60)
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`
}
