// Order of test files across jest's workers: the load and fault suites (test/load) start first, since they run
// longest, then jest's own order (last failed first, then slowest by the last run, else largest file). Without
// this, a fresh clone (no timings yet) would start the small load.test.ts file last and wait for it alone at the end.
const Sequencer = require('@jest/test-sequencer').default;

const isLoad = (test) => /[\\/]test[\\/]load[\\/]/.test(test.path);

class LoadFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (test) => (this.hasFailed(test) ? 0 : isLoad(test) ? 1 : 2);
    // Array.prototype.sort is stable: within a rank, jest's order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LoadFirstSequencer;
