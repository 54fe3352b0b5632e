// Long randomised convergence runs against the real server ([S10]).
// Usage: npm run fuzz:sync -- [--seeds 1-20] [--devices 6] [--steps 2000] [--restarts 10]
import { parseArgs } from 'node:util';
import { runConvergence } from '../tests/support/convergence';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-10' },
    devices: { type: 'string', default: '6' },
    steps: { type: 'string', default: '1500' },
    restarts: { type: 'string', default: '8' },
  },
});
const [from, to] = values.seeds.split('-').map(Number) as [number, number?];
let failed = 0;
for (let seed = from; seed <= (to ?? from); seed++) {
  const started = Date.now();
  try {
    const report = await runConvergence({
      seed,
      devices: Number(values.devices),
      steps: Number(values.steps),
      restarts: Number(values.restarts),
      maxThreads: 12,
    });
    console.log(`seed ${seed}: converged in ${Date.now() - started} ms`, JSON.stringify(report));
  } catch (error) {
    failed++;
    console.error(`seed ${seed}: FAILED`, error);
  }
}
console.log(`${(to ?? from) - from + 1 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
