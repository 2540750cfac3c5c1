import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOUSE_RUNTIME } from '../cdk/house-function.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

describe('the supported Node version', () => {
  it('is one floor, said alike by engines, the README and CI', () => {
    const floor = engines.match(/^>=(\d+)\.(\d+)$/);
    expect(floor, engines).not.toBeNull();
    const [, major, minor] = floor as RegExpMatchArray;
    expect(read('README.md')).toContain(`Node.js ${major}.${minor} or later`);
    const ci = read('.ci/run');
    expect(ci).toContain(`a < ${major} || (a === ${major} && b < ${minor})`);
    expect(ci).toContain(`supported ${major}.${minor}`);
  });

  it('is met by the Node running the tests', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const [floorMajor, floorMinor] = engines.slice(2).split('.').map(Number) as [number, number];
    expect(major > floorMajor || (major === floorMajor && minor >= floorMinor)).toBe(true);
  });

  it('is at or below what Lambda runs, which the README names', () => {
    const lambda = Number(HOUSE_RUNTIME.name.match(/nodejs(\d+)/)?.[1]);
    expect(lambda).toBeGreaterThanOrEqual(Number(engines.slice(2).split('.')[0]));
    expect(read('README.md')).toContain(`the functions run Node.js ${lambda}`);
  });
});
