// "Target unreachable" (exit 3) means konform cannot open a connection to it: DNS, refused, no route, connect
// timeout, or a TLS handshake that fails. A target that accepts the connection and then answers garbage, hangs
// or closes is reachable, and its checks fail or end in error instead.

import net from 'node:net'
import tls from 'node:tls'
import { KonformError, oneLine } from '../errors.js'

export async function assertReachable(target: string, timeoutMs: number, clientTls?: { cert?: string; key?: string; ca?: string }): Promise<void> {
  const u = new URL(target)
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80))
  const host = u.hostname.replace(/^\[|\]$/g, '')
  await new Promise<void>((resolve, reject) => {
    const socket =
      u.protocol === 'https:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...clientTls })
        : net.connect({ host, port })
    const done = (err?: Error) => {
      clearTimeout(timer)
      socket.destroy()
      if (err) reject(new KonformError(`target ${target} is unreachable: ${oneLine(err)}`, 3))
      else resolve()
    }
    const timer = setTimeout(() => done(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs)
    socket.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', () => done())
    socket.once('error', (err) => done(err))
  })
}
