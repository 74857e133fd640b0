// Keeps the simulated shops across restarts: one JSON file, written atomically after each change.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimShop } from './types';

const FORMAT_VERSION = 1;

interface StateFileContent {
  version: number;
  shops: SimShop[];
}

export function loadShops(path: string): SimShop[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const content = JSON.parse(raw) as StateFileContent;
  if (content.version !== FORMAT_VERSION || !Array.isArray(content.shops)) {
    throw new Error(
      `SIM_STATE_FILE_UNREADABLE: ${path} is not a shop simulator state file (version ${FORMAT_VERSION}); delete it to start afresh`,
    );
  }
  return content.shops;
}

export function saveShops(path: string, shops: Iterable<SimShop>): void {
  mkdirSync(dirname(path), { recursive: true });
  const content: StateFileContent = { version: FORMAT_VERSION, shops: [...shops] };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content, null, 2));
  renameSync(temporary, path);
}
