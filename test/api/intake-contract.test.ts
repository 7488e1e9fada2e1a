// The intake contract against the Node app; test/workers/edge.test.ts runs the same file against the Worker.
import { createPublicApp } from '../../api/public-app.ts';
import { parseConfig } from '../../api/config.ts';
import { CONTRACT_ENV, describeIntakeContract } from '../contract/intake-contract.ts';
import { createHarness, listKeys } from '../helpers/harness.ts';

describeIntakeContract('Node', async () => {
  const h = await createHarness({ config: parseConfig(CONTRACT_ENV) });
  const app = createPublicApp(h.deps);
  return {
    fetch: async (path, init) => app.request(path, init),
    db: h.database.db,
    objectKeys: (prefix) => listKeys(h.blobs, prefix),
    close: () => h.close(),
  };
});
