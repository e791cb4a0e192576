// A throwaway test PKI for mutual TLS on loopback, made with the openssl command (OpenSSL 3): a CA, a server
// certificate for 127.0.0.1/localhost, a client certificate from that CA, and a client certificate from another
// CA that nobody trusts (the "unknown issuer"). EC P-256, valid two days. Never for production.

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { KonformError, oneLine } from '../errors.js'

const run = promisify(execFile)

export interface CertPair {
  cert: string
  key: string
  certFile: string
  keyFile: string
}

export interface TestPki {
  dir: string
  ca: string
  caFile: string
  server: CertPair
  client: CertPair
  /** A client certificate issued by a CA the server does not trust. */
  rogueClient: CertPair
  /** A second client certificate from the trusted CA (another registered client: certificate-bound tokens, AUTH-RS-009). */
  otherClient: CertPair
  /** FedTLS: a second client certificate of the trusted CA, whose pin a test federation does not publish. */
  unpinnedClient: CertPair
  /** FedTLS: a second server certificate of the CA, whose pin a test federation does not publish. */
  unpublishedServer: CertPair
}

/** The subject of the test client certificate: what the reference server registers for tls_client_auth (RFC 8705 2.1.2). */
export const TEST_CLIENT_DN = 'CN=konform test client'

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2']

export async function makeTestPki(dir?: string): Promise<TestPki> {
  const d = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'konform-pki-')))
  const f = (name: string) => path.join(d, name)
  const openssl = async (args: string[]) => {
    try {
      await run('openssl', args, { cwd: d })
    } catch (err) {
      const missing = (err as { code?: string }).code === 'ENOENT'
      throw new KonformError(missing ? 'mutual TLS test certificates need the openssl command (OpenSSL 3), which was not found' : `openssl failed: ${oneLine(err)}`)
    }
  }
  const ca = async (name: string, cn: string) =>
    openssl(['req', '-x509', ...EC, '-keyout', f(`${name}.key`), '-out', f(`${name}.crt`), '-subj', `/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
  const leaf = async (name: string, caName: string, cn: string, ext: string[]) =>
    openssl(['req', '-x509', '-CA', f(`${caName}.crt`), '-CAkey', f(`${caName}.key`), ...EC, '-keyout', f(`${name}.key`), '-out', f(`${name}.crt`),
      '-subj', `/CN=${cn}`, '-addext', 'basicConstraints=CA:FALSE', ...ext.flatMap((e) => ['-addext', e])])
  await ca('ca', 'konform test CA')
  await ca('rogue-ca', 'konform untrusted CA')
  await leaf('server', 'ca', '127.0.0.1', ['subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost', 'extendedKeyUsage=serverAuth'])
  await leaf('client', 'ca', 'konform test client', ['extendedKeyUsage=clientAuth'])
  await leaf('rogue-client', 'rogue-ca', 'konform test client', ['extendedKeyUsage=clientAuth'])
  await leaf('other-client', 'ca', 'konform second client', ['extendedKeyUsage=clientAuth'])
  await leaf('unpinned-client', 'ca', 'konform unpinned client', ['extendedKeyUsage=clientAuth'])
  await leaf('unpublished-server', 'ca', '127.0.0.1', ['subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost', 'extendedKeyUsage=serverAuth'])
  const pair = async (name: string): Promise<CertPair> => ({
    cert: await readFile(f(`${name}.crt`), 'utf8'),
    key: await readFile(f(`${name}.key`), 'utf8'),
    certFile: f(`${name}.crt`),
    keyFile: f(`${name}.key`),
  })
  return { dir: d, ca: await readFile(f('ca.crt'), 'utf8'), caFile: f('ca.crt'), server: await pair('server'), client: await pair('client'), rogueClient: await pair('rogue-client'),
    otherClient: await pair('other-client'), unpinnedClient: await pair('unpinned-client'), unpublishedServer: await pair('unpublished-server') }
}

/** A self-signed client certificate (an issuer no server trusts), for the check that such a client is refused. */
export async function makeUntrustedClient(): Promise<CertPair> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'konform-rogue-'))
  const f = (name: string) => path.join(d, name)
  try {
    await run('openssl', ['req', '-x509', ...EC, '-keyout', f('c.key'), '-out', f('c.crt'), '-subj', '/CN=konform untrusted client', '-addext', 'extendedKeyUsage=clientAuth'])
    // Only the PEM text is kept: the files go at once.
    return { cert: await readFile(f('c.crt'), 'utf8'), key: await readFile(f('c.key'), 'utf8'), certFile: '', keyFile: '' }
  } catch (err) {
    throw new KonformError(`cannot make a test certificate with openssl: ${oneLine(err)}`)
  } finally {
    await rm(d, { recursive: true, force: true })
  }
}

/** Removes a test PKI's folder (its private keys with it). */
export function removeTestPki(pki: TestPki): Promise<void> {
  return rm(pki.dir, { recursive: true, force: true })
}
