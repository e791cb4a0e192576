// The callback receiver konform starts itself in write mode: the target of the subscriptions it registers. It
// listens on loopback unless told otherwise (--callback-listen), keeps the notices POSTed to it (bounded in
// count and size) and lets a check wait for one, bounded by --notice-timeout. Behind a tunnel or a public
// address, --callback-url is what the vendor's system is told to call; each subscription gets its own path below
// it, so concurrent checks never mistake one another's notices.

import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Notice {
  /** The last path segment of the URL it was sent to: which subscription it belongs to. */
  channel: string
  receivedAt: Date
  contentType?: string
  /** The body as text (at most MAX_BODY bytes) and parsed, when it is JSON. */
  text: string
  json?: unknown
}

export interface CallbackOptions {
  /** Where to listen: default 127.0.0.1, a free port. */
  host?: string
  port?: number
  /** The address the target must call (default: the listen address). */
  publicUrl?: string
}

const MAX_BODY = 64 * 1024
const MAX_NOTICES = 200

export class CallbackReceiver {
  readonly notices: Notice[] = []
  private readonly waiters = new Set<() => void>()
  private base = ''

  private constructor(private readonly server: http.Server) {}

  static async start(o: CallbackOptions = {}): Promise<CallbackReceiver> {
    const server = http.createServer()
    const r = new CallbackReceiver(server)
    server.on('request', (req, res) => r.receive(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    const a = server.address() as AddressInfo
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address
    // A random path: only the systems konform registers with learn it.
    const secret = randomBytes(12).toString('hex')
    r.base = o.publicUrl ? `${o.publicUrl.replace(/\/+$/, '')}/${secret}` : `http://${host}:${a.port}/konform/${secret}`
    return r
  }

  /** A fresh URL for one subscription; its notices carry `channel`. */
  channel(): { url: string; channel: string } {
    const channel = randomBytes(8).toString('hex')
    return { url: `${this.base}/${channel}`, channel }
  }

  /** The first notice on the channel that arrives (or arrived) after `since`; undefined after timeoutMs. */
  async wait(channel: string, since: Date, timeoutMs: number, signal?: AbortSignal): Promise<Notice | undefined> {
    const find = () => this.notices.find((n) => n.channel === channel && n.receivedAt >= since)
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const hit = find()
      if (hit || Date.now() >= deadline || signal?.aborted) return hit
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          this.waiters.delete(done)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()))
        this.waiters.add(done)
        signal?.addEventListener('abort', done, { once: true })
      })
    }
  }

  async close(): Promise<void> {
    for (const w of [...this.waiters]) w()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]
    const prefix = new URL(this.base).pathname.split('/').at(-1)!
    const parts = path.split('/')
    const channel = parts.at(-1) ?? ''
    if (req.method !== 'POST' || parts.at(-2) !== prefix || !/^[0-9a-f]{16}$/.test(channel)) {
      req.resume()
      res.writeHead(404, { 'content-length': '0' })
      res.end()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      this.notices.push({ channel, receivedAt: new Date(), contentType: req.headers['content-type'], text, json })
      if (this.notices.length > MAX_NOTICES) this.notices.shift()
      res.writeHead(200, { 'content-length': '0' })
      res.end()
      for (const w of [...this.waiters]) w()
    })
    req.on('error', () => res.destroy())
  }
}
