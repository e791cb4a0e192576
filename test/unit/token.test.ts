import { expect } from 'chai'
import type { HttpResponse, SendOptions } from '../../src/http/client.js'
import { Redactor } from '../../src/http/redact.js'
import { TokenSource } from '../../src/http/token.js'

function fakeEndpoint(expiresIn: number) {
  const calls: SendOptions[] = []
  let n = 0
  const send = async (o: SendOptions): Promise<HttpResponse> => {
    calls.push(o)
    n++
    const json = { access_token: `token-${n}-abcdef`, token_type: 'Bearer', expires_in: expiresIn }
    return { status: 200, headers: {}, text: JSON.stringify(json), json, exchangeId: `e${n}`, durationMs: 1 }
  }
  return { calls, send }
}

describe('TokenSource (client credentials)', function () {
  const cfg = { tokenUrl: 'http://127.0.0.1:1/token', clientId: 'konform client', clientSecret: 'p@ss:word' }

  it('fetches once, shares the token, and fetches again shortly before it expires', async function () {
    let now = 0
    const ep = fakeEndpoint(60)
    const ts = new TokenSource(cfg, ep.send, new Redactor(), () => now)
    const [a, b] = await Promise.all([ts.get(() => {}), ts.get(() => {})])
    expect(a).to.equal('token-1-abcdef')
    expect(b).to.equal(a)
    expect(ep.calls).to.have.length(1)
    now = 50_000 // within its 60 s, before the early margin (6 s)
    expect(await ts.get(() => {})).to.equal('token-1-abcdef')
    now = 55_000 // inside the margin: a new one
    expect(await ts.get(() => {})).to.equal('token-2-abcdef')
    expect(ep.calls).to.have.length(2)
  })
  it('authenticates with client_secret_basic, id and secret form-encoded (RFC 6749 2.3.1)', async function () {
    const ep = fakeEndpoint(3600)
    await new TokenSource(cfg, ep.send, new Redactor()).get(() => {})
    const auth = ep.calls[0].headers!.authorization
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).to.equal('konform%20client:p%40ss%3Aword')
    expect(ep.calls[0].body).to.equal('grant_type=client_credentials')
  })
  it('registers every token it gets as a secret, so no artefact shows it', async function () {
    const r = new Redactor()
    const ep = fakeEndpoint(3600)
    const token = await new TokenSource(cfg, ep.send, r).get(() => {})
    expect(r.text(`Bearer ${token}`)).to.equal('Bearer «access-token»')
  })
  it('fetches a new token after invalidate() (the API refused the old one)', async function () {
    const ep = fakeEndpoint(3600)
    const ts = new TokenSource(cfg, ep.send, new Redactor())
    await ts.get(() => {})
    ts.invalidate()
    expect(await ts.get(() => {})).to.equal('token-2-abcdef')
  })
})
