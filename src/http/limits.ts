// Bounds toward a real vendor system: timeouts, body cap, request rate, in-flight requests, Retry-After.

export interface Limits {
  concurrency: number // requests in flight at once
  ratePerSecond: number // requests started per second (0 = unbounded)
  requestTimeoutMs: number // one request, connect to last byte
  checkTimeoutMs: number // one check (one expanded result)
  maxResponseBytes: number // a larger body is cut off and the request fails
  evidenceBodyChars: number // how much of a body is kept as evidence
  maxRetries: number // on 429/503 with Retry-After
  maxRetryAfterMs: number // a longer Retry-After is not waited for
  maxPages: number // a paging walk stops (and fails) after this many pages
}

export const DEFAULT_LIMITS: Limits = {
  concurrency: 4,
  ratePerSecond: 20,
  requestTimeoutMs: 30_000,
  checkTimeoutMs: 120_000,
  maxResponseBytes: 20 * 1024 * 1024,
  evidenceBodyChars: 4096,
  maxRetries: 2,
  maxRetryAfterMs: 30_000,
  maxPages: 1000,
}

/** Retry-After (seconds or HTTP date) in ms, if present and within the cap. */
export function retryAfterMs(header: string | undefined, cap: number, now = Date.now()): number | undefined {
  if (!header) return undefined
  const secs = Number(header)
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(header) - now
  if (!Number.isFinite(ms) || ms < 0 || ms > cap) return undefined
  return ms
}

/** A counting semaphore plus a minimum spacing between request starts. */
export class Limiter {
  private active = 0
  private readonly queue: (() => void)[] = []
  private nextStart = 0

  constructor(private readonly limits: Pick<Limits, 'concurrency' | 'ratePerSecond'>) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.limits.concurrency) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => resolve()
        this.queue.push(wake)
        signal?.addEventListener('abort', () => {
          const i = this.queue.indexOf(wake)
          if (i >= 0) this.queue.splice(i, 1)
          reject(signal.reason)
        })
      })
    }
    this.active++
    if (this.limits.ratePerSecond > 0) {
      const now = Date.now()
      const start = Math.max(now, this.nextStart)
      this.nextStart = start + 1000 / this.limits.ratePerSecond
      if (start > now) await new Promise((r) => setTimeout(r, start - now))
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.active--
      this.queue.shift()?.()
    }
  }
}
