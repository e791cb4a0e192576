// Progress of a harvest on a terminal: one line, rewritten in place, with the list, the records so far and the
// rate. Silent when the stream is not a TTY (CI logs, pipes), so output stays clean there.

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
