// The built-in run of profile fedtls-client: konform's side (fedtls-client-harness.ts) and konform's reference
// FedTLS client (src/reference/fedtls-client.ts) as the client under test, with the run's faults. Each scenario
// the checks ask for is met by one cycle of the reference client (no timers). The test PKI's files are removed at
// once; the keys stay in memory and are handed to the run's redaction.

import { ClientHarness, TEST_SERVER_ENTITY, type FedtlsClientSession } from './fedtls-client-harness.js'
import { spkiPin } from './fedtls.js'
import { makeTestPki, removeTestPki, type TestPki } from '../reference/pki.js'
import { ReferenceFedtlsClient } from '../reference/fedtls-client.js'
import type { FaultId } from '../reference/faults.js'

export interface ClientBench {
  session: FedtlsClientSession
  /** Values to keep out of every artefact (private keys, the reference client's token), by label. */
  secrets: Record<string, string>
  close(): Promise<void>
}

/** `pki`: one made before (tests reuse one); else one is made for the run and its files removed at once. */
export async function startClientBench(faults: readonly FaultId[], given?: TestPki): Promise<ClientBench> {
  const pki = given ?? (await makeTestPki())
  if (!given) await removeTestPki(pki)
  const harness = await ClientHarness.start({ ca: pki.ca, server: pki.server, unpublished: pki.unpublishedServer, clientPin: spkiPin(pki.client.cert) })
  const client = new ReferenceFedtlsClient({
    metadataUrl: harness.operator.url,
    jwks: harness.operator.jwks,
    serverEntity: TEST_SERVER_ENTITY,
    cert: pki.client.cert,
    key: pki.client.key,
    other: pki.unpinnedClient,
    faults,
  })
  // The client starts from good metadata, as a federation member would (CLI-003 needs something to keep).
  await client.refresh()
  const how = "konform's reference client was told to run one cycle (fetch the metadata, verify it, connect, request) for each scenario"
  return {
    session: harness.session(how, async () => {
      await client.runOnce()
    }, { settle: true }),
    secrets: {
      'fedtls-client-key': pki.client.key,
      'fedtls-unpinned-client-key': pki.unpinnedClient.key,
      'fedtls-server-key': pki.server.key,
      'fedtls-unpublished-server-key': pki.unpublishedServer.key,
      'fedtls-reference-client-token': client.token,
    },
    close: () => harness.close(),
  }
}
