// Mocha root hooks: one static server and one Chromium for the whole webview suite.
import { startHarness, stopHarness } from './harness';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60000);
    await startHarness();
  },
  async afterAll() {
    await stopHarness();
  },
};
