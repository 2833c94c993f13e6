/** Parse a unit body as a unit of test/fixtures/full (its assets resolve), for the leak and syntax tests. */
import path from 'node:path';
import { createProcessor, parseUnitSync } from '../../src/markdown/processor.js';
import type { Unit, UnitType } from '../../src/model.js';
import { FIXTURES } from '../helpers.js';

export const root = path.join(FIXTURES, 'full');
const file = path.join(root, 'modules/01-alpha/09-test.md');
const processor = createProcessor();

export function unitOf(body: string, type: UnitType = 'session', selfCheck = false): Unit {
  return {
    id: 'u', title: 'U', type, duration: 10, objectives: [], materials: [], methods: [], selfCheck,
    moduleId: 'm', source: { path: file, rel: 'modules/01-alpha/09-test.md' }, text: body, body, provenance: ['base'],
  };
}

export function parse(body: string, type: UnitType = 'session', selfCheck = false) {
  return parseUnitSync(processor, { unit: unitOf(body, type, selfCheck), root, basePath: file, unitsByPath: new Map() });
}
