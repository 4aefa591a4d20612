// Mocha root hooks of the e2e run: one code-server and one Chromium for every e2e file (each file opens
// its own workbench window on them: support.ts openDarkPlayground).
import { e2eHost, stopE2eHost } from './support';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await e2eHost();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopE2eHost();
  },
};
