// The second part of the machine-auth suite (issue #6): what the checks record, and that no token leaks into it.

import { expect } from 'chai'
import { runOne } from '../helpers/run.js'

/** A compact JWS anywhere in the text (header.payload.signature, base64url). */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/

describe('machine auth, second part', function () {
  it('AUTH-RS-008 records the query-token request with the token redacted', async function () {
    const [r] = await runOne('AUTH-RS-008', ['auth.rs-accepts-query-token'])
    expect(r.status).to.equal('fail')
    const url = r.evidence.map((e) => e.request.url).find((u) => u.includes('access_token='))
    expect(url).to.be.a('string')
    expect(url).to.match(/access_token=%C2%ABaccess-token%C2%BB|access_token=«access-token»/)
    expect(JSON.stringify(r)).to.not.match(JWT)
  })

  it('AUTH-TOKEN-005 names the kid it could not find and keeps the token out of the result', async function () {
    const [r] = await runOne('AUTH-TOKEN-005', ['auth.jwks-missing-token-kid'])
    expect(r.status).to.equal('fail')
    expect(r.failures[0].message).to.contain('kid')
    expect(r.failures[0].actual).to.match(/-old/)
    expect(JSON.stringify(r)).to.not.match(JWT)
  })

  it('AUTH-TOKEN-007 shows the issuer the metadata names against the one expected', async function () {
    const [r] = await runOne('AUTH-TOKEN-007', ['auth.as-metadata-wrong-issuer'])
    expect(r.status).to.equal('fail')
    expect(r.failures.map((f) => f.actual).join(' ')).to.match(/issuer: "http:\/\/127\.0\.0\.1:\d+\/"/)
  })
})
