// The issuer-certificate rules of AUTH-FEDTLS-MD-007 on certificates made here with openssl.

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { issuerProblems } from '../../src/auth/x509-issuer.js'
import { TEST_ISSUER_CA, WEAK_ISSUER_CA } from '../../src/reference/fedtls-issuers.js'

const run = promisify(execFile)

describe('issuer certificate rules (AUTH-FEDTLS-MD-007)', function () {
  it('passes an EC P-256 ecdsa-with-SHA256 CA and names its key and signature', function () {
    const r = issuerProblems(TEST_ISSUER_CA)
    expect(r.problems).to.deep.equal([])
    expect(r.facts).to.include({ key: 'EC prime256v1', signature: 'ecdsa-with-SHA256' })
  })
  it('refuses an RSA 1024 key, a SHA-1 signature, a certificate not valid yet or expired, and text that is no certificate', async function () {
    expect(issuerProblems(WEAK_ISSUER_CA).problems).to.deep.equal(['an RSA 1024 bits key (at least 2048 bits)'])
    const d = await mkdtemp(path.join(os.tmpdir(), 'konform-x509-'))
    try {
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-sha1', '-nodes', '-days', '2', '-keyout', path.join(d, 'k'), '-out', path.join(d, 'c'), '-subj', '/CN=sha1 CA'])
      const sha1 = await readFile(path.join(d, 'c'), 'utf8')
      expect(issuerProblems(sha1).problems).to.deep.equal(['signed with sha1WithRSAEncryption (MD5 and SHA-1 are broken)'])
      expect(issuerProblems(sha1, new Date(Date.now() + 5 * 86400_000)).problems.join()).to.match(/^expired /)
      expect(issuerProblems(sha1, new Date(Date.now() - 86400_000)).problems.join()).to.match(/^not valid yet/)
    } finally {
      await rm(d, { recursive: true, force: true })
    }
    expect(issuerProblems('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----').problems[0]).to.match(/does not parse/)
  })
})
