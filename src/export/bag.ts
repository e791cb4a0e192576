// BagIt (RFC 8493) pieces shared by the harvest and the verifier: file names, manifest lines, hashing.

import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

export const BAGIT_TXT = 'bagit.txt'
export const BAG_INFO_TXT = 'bag-info.txt'
export const MANIFEST = 'manifest-sha256.txt'
export const TAG_MANIFEST = 'tagmanifest-sha256.txt'
/** konform's own tag file: what was harvested, from where, and the per-file counts. */
export const EXPORT_MANIFEST = 'manifest.json'
export const BAGIT_DECLARATION = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'
export const EXPORT_MANIFEST_VERSION = 1

/** One payload file as manifest.json describes it. */
export interface ExportFile {
  /** Bag-relative path: 'data/persons.ndjson'. */
  path: string
  /** The list it came from: 'persons', or 'deletedEntities'. */
  entity: string
  /** The operation harvested: 'GET /persons'. */
  operation: string
  format: 'ndjson' | 'json'
  /** Records written (NDJSON lines), or deleted ids listed (deletedEntities.json). */
  count: number
  /** Records (ids) the API served again after they had already been written: not written twice. */
  duplicates: number
  /** Records without a string id (written as served; verify reports them). */
  withoutId: number
  /** Records that do not validate against the list's schema in the spec (written as served; verify-export lists them). */
  invalid?: number
  pages: number
  bytes: number
  sha256: string
  /** false when the walk stopped early (error answer, transport failure, page bound); see error. */
  complete: boolean
  error?: string
}

export interface ExportManifest {
  manifestVersion: number
  tool: { name: 'konform'; version: string; node: string }
  spec: { title: string; version: string; sha256: string; file: string }
  profile: string
  target: { url: string; builtIn: boolean }
  harvest: {
    startedAt: string
    finishedAt: string
    /** Where a later incremental harvest starts (meta.modified.after / deletedEntities after): the start of this one. */
    cursor: string
    pageSize: number
    maxPages: number
    complete: boolean
    /** 'full': every record; 'delta': only what changed after `since` (meta.modified.after, deletedEntities after). */
    kind?: 'full' | 'delta'
    /** The cursor a delta harvest started from (an earlier harvest's cursor). */
    since?: string
  }
  /** The huvudman's own data, not redacted. */
  redacted: false
  files: ExportFile[]
}

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function decodeManifestPath(p: string): string {
  return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%')
}

export function manifestLine(sha256: string, bagPath: string): string {
  return `${sha256}  ${encodeManifestPath(bagPath)}\n`
}

/** Parses a manifest: [hash, path] per non-empty line; bad lines are returned separately. */
export function parseManifest(text: string): { entries: { sha256: string; path: string }[]; bad: string[] } {
  const entries: { sha256: string; path: string }[] = []
  const bad: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line)
    if (m) entries.push({ sha256: m[1].toLowerCase(), path: decodeManifestPath(m[2]) })
    else bad.push(line)
  }
  return { entries, bad }
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: h.digest('hex'), bytes }
}
