// Helpers for tests of the reference server's write side: authenticated requests with any method, a loopback
// notice receiver, and valid bodies built from the server's own data.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ReferenceServer } from '../../src/reference/server.js'
import { call, type Answer, type Json } from './http.js'

/** METHOD path (under /v2.0, or an absolute path from the origin when it starts with /admin) with a bearer token. */
export async function send(s: ReferenceServer, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const url = (path.startsWith('/admin') ? s.origin : s.baseUrl) + path
  const headers: Record<string, string> = { authorization: `Bearer ${token ?? (await s.issueToken())}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  return call(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

export interface Receiver {
  url: string
  notices: Json[]
  close(): Promise<void>
}

/** A loopback HTTP server that keeps every JSON body POSTed to it and answers 200. */
export async function receiver(): Promise<Receiver> {
  const notices: Json[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        notices.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        notices.push(null)
      }
      res.writeHead(200, { 'content-length': '0' })
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/notices`,
    notices,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A valid AttendanceEvent request body (no id, no meta) naming a person and a group of the server's data. */
export function attendanceEventBody(s: ReferenceServer): Json {
  return { eventType: 'In', time: '2025-08-01T08:05:00Z', person: { id: s.dataset.persons[0].id }, group: { id: s.dataset.groups![0].id } }
}

export const validSubscription = (target: string, resource = 'AttendanceEvent') => ({ name: 'konform test', target, resourceTypes: [{ resource }] })
