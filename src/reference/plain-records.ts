// Serving a list page cheaply (issue #5): the generated records are stored exactly as a clean server renders them
// without expand or expandReferenceNames (references are {id} only, nothing to add or strip), so such a page can
// be serialised straight from the stored records instead of rendering a copy of each. The equality is pinned by
// test/unit/plain-records.test.ts over every record of the default data and of a scaled dataset; a server with a
// fault, a dataset from elsewhere or a change applied renders every record as before (ReferenceApp.plainRecords).

import type { Params } from './store.js'

/** Whether a list query's records are served as stored: neither expand nor expandReferenceNames=true asked for. */
export function servedAsStored(p: Params): boolean {
  return !p.expand?.length && p.expandReferenceNames?.[0] !== 'true'
}
