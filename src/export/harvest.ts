// konform export harvest: every record list of a profile (and deletedEntities) read to its end through the one
// HttpClient, written as a BagIt bag (RFC 8493). Records are the huvudman's own data: they are written as the API
// served them (parsed and re-serialised compactly, one per line), never redacted. Each page goes to disk as it
// arrives and is hashed on the way; only the ids seen so far are kept in memory (to write each record once).

import { createHash, type Hash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import type { Exchange } from '../core/result.js'
import { KonformError, oneLine } from '../errors.js'
import { HttpClient, type AuthConfig } from '../http/client.js'
import { DEFAULT_LIMITS, type Limits } from '../http/limits.js'
import { assertReachable } from '../http/reach.js'
import { Redactor } from '../http/redact.js'
import { toolVersion } from '../paths.js'
import { startReferenceServer, type ReferenceServer } from '../reference/server.js'
import { loadSpec } from '../spec/load.js'
import type { Operation } from '../spec/operations.js'
import { PROFILES } from '../../suites/profiles.js'
import { buildUrl } from '../core/context.js'
import { IdSet } from './id-set.js'
import {
  BAG_INFO_TXT,
  BAGIT_DECLARATION,
  BAGIT_TXT,
  EXPORT_MANIFEST,
  EXPORT_MANIFEST_VERSION,
  MANIFEST,
  manifestLine,
  sha256File,
  TAG_MANIFEST,
  type ExportFile,
  type ExportManifest,
} from './bag.js'

export const DEFAULT_PAGE_SIZE = 100
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i
export const DELETED_ENTITIES = 'GET /deletedEntities'

export interface HarvestOptions {
  /** API base URL; undefined = the built-in reference server. */
  target?: string
  specFile?: string
  profile: string
  /** The bag folder: created if missing, refused if not empty. */
  out: string
  auth?: AuthConfig
  limits?: Partial<Limits>
  /** limit= asked for on the first page of each list. */
  pageSize?: number
  /** Pages larger than this many bytes of JSON make the next page ask for fewer records (default PAGE_BYTES). */
  pageBytes?: number
  /** Source-Organization in bag-info.txt. */
  sourceOrganization?: string
  secrets?: Record<string, string>
  dispatcher?: Dispatcher
  onStart?: (info: { target: string; builtIn: boolean; operations: string[] }) => void
  onFile?: (f: ExportFile) => void
  /** After each page: the list, the records (or deleted ids) so far and the pages so far. */
  onPage?: (p: { entity: string; count: number; pages: number }) => void
  /**
   * Awaited after each page and before the next is asked for (a test changes the data there). Without it the next
   * page is asked for as soon as this one's pageToken is known; with it, only after it resolves.
   */
  betweenPages?: (p: { entity: string; pages: number }) => Promise<void>
  /** Incremental: only what changed after this RFC 3339 instant (an earlier harvest's cursor). */
  since?: string
  /** Clock (tests). */
  now?: () => Date
}

export interface HarvestResult {
  dir: string
  manifest: ExportManifest
}

export async function harvest(o: HarvestOptions): Promise<HarvestResult> {
  const now = o.now ?? (() => new Date())
  const profile = PROFILES[o.profile]
  if (!profile) throw new KonformError(`unknown profile "${o.profile}" (known: ${Object.keys(PROFILES).join(', ')})`)
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new KonformError(`the page size must be a positive integer, not ${pageSize}`)
  if (o.since !== undefined && !RFC3339.test(o.since)) {
    throw new KonformError(`--since must be an RFC 3339 date-time with a time zone (e.g. the cursor in an earlier manifest.json), not ${JSON.stringify(o.since)}`)
  }
  const spec = await loadSpec(o.specFile)
  const operations: Operation[] = []
  for (const key of profile.operations) {
    const op = spec.operation(key)
    if (!op) throw new KonformError(`profile ${o.profile} names ${key}, which spec ${spec.file} does not have`)
    if (op.recordList || key === DELETED_ENTITIES) operations.push(op)
  }
  if (!operations.length) throw new KonformError(`profile ${o.profile} has no record list to export`)
  await prepareOut(o.out)
  const limits: Limits = { ...DEFAULT_LIMITS, ...o.limits }

  let server: ReferenceServer | undefined
  let target = o.target
  let auth = o.auth ?? { kind: 'none' }
  if (!target) {
    server = await startReferenceServer()
    target = server.baseUrl
    auth = { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret }
  }
  const redactor = new Redactor({ secrets: o.secrets })
  const client = new HttpClient({ auth, limits, redactor, allowWrites: false, dispatcher: o.dispatcher })
  const startedAt = now()
  const files: ExportFile[] = []
  try {
    await assertReachable(target, limits.requestTimeoutMs)
    o.onStart?.({ target, builtIn: !!server, operations: operations.map((op) => op.key) })
    await mkdir(path.join(o.out, 'data'), { recursive: true })
    const walker = new Walker(client, target, pageSize, limits.maxPages, o.since, o.onPage, (pointer, value) => spec.validators.check(pointer, value), o.pageBytes, o.betweenPages)
    for (const op of operations) {
      const f = op.key === DELETED_ENTITIES ? await walker.deleted(op, o.out) : await walker.records(op, o.out)
      files.push(f)
      o.onFile?.(f)
    }
  } finally {
    await client.close()
    await server?.close()
  }
  const finishedAt = now()
  const manifest: ExportManifest = {
    manifestVersion: EXPORT_MANIFEST_VERSION,
    tool: { name: 'konform', version: toolVersion(), node: process.version },
    spec: { title: spec.title, version: spec.version, sha256: spec.sha256, file: spec.file },
    profile: o.profile,
    target: { url: stripCredentials(target), builtIn: !!server },
    harvest: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      cursor: startedAt.toISOString(),
      pageSize,
      maxPages: limits.maxPages,
      complete: files.every((f) => f.complete),
      kind: o.since === undefined ? 'full' : 'delta',
      ...(o.since !== undefined ? { since: o.since } : {}),
    },
    redacted: false,
    files,
  }
  await writeTagFiles(o.out, manifest, startedAt, o.sourceOrganization)
  return { dir: o.out, manifest }
}

/** The URL without user:password, query or fragment (a token must not sit in a manifest). */
export function stripCredentials(raw: string): string {
  try {
    const u = new URL(raw)
    u.username = ''
    u.password = ''
    u.search = ''
    u.hash = ''
    return u.toString()
  } catch {
    return raw
  }
}

async function prepareOut(dir: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new KonformError(`cannot use --out ${dir}: ${oneLine(err)}`)
    await mkdir(dir, { recursive: true }).catch((e: unknown) => {
      throw new KonformError(`cannot create --out ${dir}: ${oneLine(e)}`)
    })
    return
  }
  if (entries.length) throw new KonformError(`--out ${dir} is not empty: give a new or empty folder for the bag`)
}

/** A payload file written as it comes: hashed and counted on the way, back-pressure respected. */
class PayloadWriter {
  private readonly stream: WriteStream
  private readonly hash: Hash = createHash('sha256')
  private failure?: Error
  bytes = 0

  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: 'wx' })
    this.stream.on('error', (err) => (this.failure = err))
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    const buf = Buffer.from(text, 'utf8')
    this.hash.update(buf)
    this.bytes += buf.length
    if (!this.stream.write(buf)) await drained(this.stream)
    if (this.failure) throw this.failure
  }

  async close(): Promise<string> {
    if (this.failure) throw this.failure
    this.stream.end()
    await once(this.stream, 'close')
    if (this.failure) throw this.failure
    return this.hash.digest('hex')
  }
}

/** Resolves at 'drain', rejects at 'error'; removes both listeners either way (no listener left per wait). */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError)
      resolve()
    }
    const onError = (err: Error) => {
      stream.off('drain', onDrain)
      reject(err)
    }
    stream.once('drain', onDrain)
    stream.once('error', onError)
  })
}

class Walker {
  private readonly sink = (_e: Exchange) => undefined

  constructor(
    private readonly client: HttpClient,
    private readonly target: string,
    private readonly pageSize: number,
    private readonly maxPages: number,
    private readonly since?: string,
    private readonly onPage?: HarvestOptions['onPage'],
    /** Whether a value is valid against the schema at a pointer of the spec. */
    private readonly valid?: (pointer: string, value: unknown) => boolean,
    private readonly pageBytes = PAGE_BYTES,
    private readonly betweenPages?: HarvestOptions['betweenPages'],
  ) {}

  private url(op: Operation, pageToken?: string, smaller?: number): string {
    const has = (name: string) => op.parameters.some((p) => p.in === 'query' && p.name === name)
    const limit = has('limit') ? this.pageSize : undefined
    // limit may accompany a pageToken (SS 12000): only sent when pages grew too large in bytes (pageBytes).
    if (pageToken !== undefined) return buildUrl(this.target, op.path, { pageToken, limit: limit !== undefined ? smaller : undefined })
    // A delta: records modified after the cursor, deletions after it (both exclusive in SS 12000).
    const filter = this.since === undefined ? {} : has('meta.modified.after') ? { 'meta.modified.after': this.since } : has('after') ? { after: this.since } : undefined
    if (filter === undefined) throw new PageError(`${op.key} has no meta.modified.after or after filter, so it cannot be harvested incrementally`)
    return buildUrl(this.target, op.path, { ...filter, limit })
  }


  /**
   * Every page of op, in order: yields each page's data and counts it in f.pages; stops at the last page, or at
   * maxPages (marking f incomplete), or throws PageError (the answer was not a page).
   */
  private async *pages(op: Operation, f: ExportFile): AsyncGenerator<{ data: unknown; body: object; n: number }> {
    // The next page is asked for as soon as this one's pageToken is known, so the server prepares it while this
    // page is validated and written (one request ahead, never more; none past the page bound).
    let smaller: number | undefined
    const fetch = (token?: string) => {
      // The sink keeps nothing: the records go to the bag, so the body need not be redacted for evidence.
      const p = this.client.send({ method: 'GET', url: this.url(op, token, smaller), bodyNotKept: true }, this.sink)
      p.catch(() => undefined) // awaited below; a page left unread (the walk stopped early) must not reject unhandled
      return p
    }
    if (this.maxPages < 1) return stopAtBound(f, this.maxPages)
    let pending = fetch()
    for (let n = 1; ; n++) {
      const res = await pending
      if (res.status !== 200) throw new PageError(`page ${n} answered HTTP ${res.status}`)
      const body = res.json as { data?: unknown; pageToken?: unknown } | undefined
      if (!body || typeof body !== 'object') throw new PageError(`page ${n} is not a JSON object${res.jsonError ? ` (${res.jsonError})` : ''}`)
      f.pages = n
      smaller = pageLimit(this.pageSize, Array.isArray(body.data) ? body.data.length : 0, res.text.length, this.pageBytes)
      const token = typeof body.pageToken === 'string' && body.pageToken !== '' ? body.pageToken : undefined
      if (token !== undefined && n < this.maxPages && !this.betweenPages) pending = fetch(token)
      yield { data: body.data, body, n }
      this.onPage?.({ entity: f.entity, count: f.count, pages: n })
      if (token === undefined) return
      if (n >= this.maxPages) return stopAtBound(f, this.maxPages)
      if (this.betweenPages) {
        await this.betweenPages({ entity: f.entity, pages: n })
        pending = fetch(token)
      }
    }
  }

  async records(op: Operation, out: string): Promise<ExportFile> {
    const entity = op.path.replace(/^\/+/, '').replace(/\//g, '_')
    const rel = `data/${entity}.ndjson`
    const w = new PayloadWriter(path.join(out, rel))
    const seen = new IdSet()
    const f = fileEntry(rel, entity, op.key, 'ndjson')
    try {
      for await (const page of this.pages(op, f)) {
        if (!Array.isArray(page.data)) throw new PageError(`page ${page.n} has no data array`)
        // Validated as it arrives: the whole page at once, record by record only when the page is not valid.
        const pointer = op.responses['200']
        if (this.valid && pointer && !this.valid(pointer, page.body)) {
          for (const rec of page.data) if (!this.valid(pointer, { ...page.body, data: [rec] })) f.invalid = (f.invalid ?? 0) + 1
        }
        let chunk = ''
        for (const rec of page.data) {
          const id = (rec as { id?: unknown } | null)?.id
          if (typeof id === 'string') {
            if (!seen.add(id)) {
              f.duplicates++
              continue
            }
          } else {
            f.withoutId++
          }
          chunk += JSON.stringify(rec) + '\n'
          f.count++
        }
        await w.write(chunk)
      }
    } catch (err) {
      f.complete = false
      f.error = err instanceof PageError ? err.message : this.client.redactText(oneLine(err))
    }
    f.sha256 = await w.close()
    f.bytes = w.bytes
    return f
  }

  /** deletedEntities: {data: {<type>: [id…]}} per page, merged over the pages into one object (ids only). */
  async deleted(op: Operation, out: string): Promise<ExportFile> {
    const rel = 'data/deletedEntities.json'
    const f = fileEntry(rel, 'deletedEntities', op.key, 'json')
    const merged: Record<string, string[]> = {}
    const seen = new Map<string, Set<string>>()
    try {
      for await (const page of this.pages(op, f)) {
        const data = page.data
        if (!data || typeof data !== 'object' || Array.isArray(data)) throw new PageError(`page ${page.n} has no data object`)
        for (const [type, ids] of Object.entries(data as Record<string, unknown>)) {
          const list = (merged[type] ??= [])
          const s = seen.get(type) ?? seen.set(type, new Set()).get(type)!
          if (!Array.isArray(ids)) continue
          for (const id of ids) {
            if (typeof id !== 'string') {
              f.withoutId++
              continue
            }
            if (s.has(id)) {
              f.duplicates++
              continue
            }
            s.add(id)
            list.push(id)
            f.count++
          }
        }
      }
    } catch (err) {
      f.complete = false
      f.error = err instanceof PageError ? err.message : this.client.redactText(oneLine(err))
    }
    const w = new PayloadWriter(path.join(out, rel))
    await w.write(JSON.stringify({ data: merged }, null, 2) + '\n')
    f.sha256 = await w.close()
    f.bytes = w.bytes
    return f
  }
}

class PageError extends Error {}

/** About how many bytes of JSON a page should hold at most: records of some lists (groups with their members) are large. */
export const PAGE_BYTES = 4 * 1024 * 1024

/**
 * The limit to send with the next pageToken: undefined (the token's own) while pages stay within PAGE_BYTES, else
 * fewer records, in proportion (at least one), so the harvest's memory stays bounded whatever the records' size.
 */
export function pageLimit(pageSize: number, records: number, bytes: number, most = PAGE_BYTES): number | undefined {
  if (bytes <= most || records <= 1) return undefined
  return Math.max(1, Math.min(pageSize, Math.floor((records * most) / bytes)))
}

function fileEntry(rel: string, entity: string, operation: string, format: 'ndjson' | 'json'): ExportFile {
  return { path: rel, entity, operation, format, count: 0, duplicates: 0, withoutId: 0, ...(format === 'ndjson' ? { invalid: 0 } : {}), pages: 0, bytes: 0, sha256: '', complete: true }
}

function stopAtBound(f: ExportFile, maxPages: number): void {
  f.complete = false
  f.error = `stopped after ${maxPages} pages (the page bound) while the API still offered a pageToken`
}

async function writeTagFiles(dir: string, manifest: ExportManifest, started: Date, sourceOrganization?: string): Promise<void> {
  const payload = [...manifest.files].sort((a, b) => a.path.localeCompare(b.path))
  await writeFile(path.join(dir, BAGIT_TXT), BAGIT_DECLARATION)
  await writeFile(path.join(dir, MANIFEST), payload.map((f) => manifestLine(f.sha256, f.path)).join(''))
  const octets = payload.reduce((n, f) => n + f.bytes, 0)
  const info = [
    ...(sourceOrganization ? [`Source-Organization: ${sourceOrganization.replace(/[\r\n]+/g, ' ')}`] : []),
    `Bagging-Date: ${started.toISOString().slice(0, 10)}`,
    `Payload-Oxum: ${octets}.${payload.length}`,
    `Bag-Software-Agent: konform ${manifest.tool.version}`,
    `External-Description: SS 12000 export (profile ${manifest.profile}) from ${manifest.target.url}`,
  ]
  await writeFile(path.join(dir, BAG_INFO_TXT), info.join('\n') + '\n')
  await writeFile(path.join(dir, EXPORT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
  let tags = ''
  for (const t of [BAGIT_TXT, BAG_INFO_TXT, MANIFEST, EXPORT_MANIFEST]) tags += manifestLine((await sha256File(path.join(dir, t))).sha256, t)
  await writeFile(path.join(dir, TAG_MANIFEST), tags)
}
