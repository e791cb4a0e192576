// Loaded before every test file (.mocharc.json): fails any attempt to open a connection beyond loopback.
// nock does not see undici, so the guard sits below both, on net.Socket.connect.

import net from 'node:net'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i

const original = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string; port?: number } | number | string | unknown[]
  const opts = Array.isArray(first) ? (first[0] as { host?: string; path?: string }) : first
  let host: string | undefined
  if (typeof opts === 'object' && opts) {
    if ((opts as { path?: string }).path) return original.apply(this, args as never) // unix socket / pipe
    host = (opts as { host?: string }).host ?? 'localhost'
  } else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) {
    host = typeof args[1] === 'string' ? (args[1] as string) : 'localhost'
  } else if (typeof opts === 'string') {
    return original.apply(this, args as never) // a path
  }
  if (host && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
    const err = new Error(`test tried to reach ${host}: tests may reach nothing but loopback`)
    process.nextTick(() => this.destroy(err))
    return this
  }
  return original.apply(this, args as never)
} as typeof net.Socket.prototype.connect
