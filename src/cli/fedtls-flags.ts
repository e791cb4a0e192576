// Flags of profile fedtls against a --target (a server that consumes a FedTLS/MATF federation's metadata):
// the metadata and the federation's keys, and a certificate from a listed issuer whose pin is not published.

import { readFile } from 'node:fs/promises'
import { Flags } from '@oclif/core'
import type { JWK } from 'jose'
import { readJwks, serveOnce } from '../commands/auth/verify-metadata.js'
import type { PlanView } from '../core/context.js'
import { KonformError, oneLine } from '../errors.js'

export const fedtlsFlags = {
  'fedtls-metadata': Flags.string({ description: 'FedTLS (profile fedtls): the federation metadata the target consumes, a file or an http(s) URL.', helpValue: 'FILE|URL' }),
  'fedtls-jwks': Flags.string({ description: "FedTLS: the federation's signing keys (public JWKS file) for --fedtls-metadata.", helpValue: 'FILE' }),
  'unpinned-cert': Flags.string({ description: 'FedTLS: a client certificate from an issuer the metadata lists, whose pin it does NOT publish (AUTH-FEDTLS-SRV-004/005).', helpValue: 'FILE' }),
  'unpinned-key': Flags.string({ description: 'FedTLS: the private key of --unpinned-cert.', helpValue: 'FILE' }),
}

export interface FedtlsSetup {
  metadata?: { url: string; jwks: readonly JWK[] }
  fedtls?: PlanView['fedtls']
  /** Serves a metadata file on loopback (metadata is set then); call right before the run, close() after. */
  open(): Promise<void>
  close(): Promise<void>
}

export async function fedtlsFrom(f: { 'fedtls-metadata'?: string; 'fedtls-jwks'?: string; 'unpinned-cert'?: string; 'unpinned-key'?: string; target?: string }): Promise<FedtlsSetup> {
  const none = { open: async () => {}, close: async () => {} }
  if (!f['fedtls-metadata'] && !f['fedtls-jwks'] && !f['unpinned-cert'] && !f['unpinned-key']) return none
  if (!f.target) throw new KonformError('--fedtls-metadata, --fedtls-jwks and --unpinned-cert are for a --target; the built-in server runs its own test federation (--profile fedtls)')
  if (!f['fedtls-metadata'] !== !f['fedtls-jwks']) throw new KonformError('--fedtls-metadata and --fedtls-jwks go together (the document and the keys that verify it)')
  if (!f['unpinned-cert'] !== !f['unpinned-key']) throw new KonformError('--unpinned-cert needs its private key in --unpinned-key, and the other way round')
  const read = async (file: string, what: string, marker: RegExp) => {
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new KonformError(`cannot read ${what} ${file}: ${oneLine(err)}`)
    })
    // Never echo the content: it may be a private key.
    if (!marker.test(text)) throw new KonformError(`${file} is not a PEM ${what}`)
    return text
  }
  const unpinned = f['unpinned-cert']
    ? { cert: await read(f['unpinned-cert'], 'certificate', /-----BEGIN CERTIFICATE-----/), key: await read(f['unpinned-key']!, 'private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/) }
    : undefined
  const jwks = f['fedtls-jwks'] ? await readJwks(f['fedtls-jwks']) : undefined
  const doc = f['fedtls-metadata']
  if (doc && !/^https?:\/\//i.test(doc)) {
    await readFile(doc).catch((err: unknown) => {
      throw new KonformError(`cannot read the metadata ${doc}: ${oneLine(err)}`)
    })
  }
  const setup: FedtlsSetup = {
    ...(unpinned ? { fedtls: { unpinned } } : {}),
    close: none.close,
    open: async () => {
      if (!doc) return
      // A file is served on loopback until close(), so its evidence looks like any fetched document.
      const served = /^https?:\/\//i.test(doc) ? undefined : await serveOnce(doc)
      setup.metadata = { url: served?.url ?? doc, jwks: jwks! }
      if (served) setup.close = served.close
    },
  }
  return setup
}
