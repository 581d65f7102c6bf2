import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Session } from '../sessions/session.js';
import type { MemorySessionStore } from './memory-store.js';

const FORMAT = 'partner-sandbox-state';
const VERSION = 1;

/** A state file that cannot be used: start-up stops, and the file is left exactly as it was. */
export class StateFileError extends Error {}

interface StateFileContent {
  format: string;
  version: number;
  savedAt: string;
  sessions: Session[];
}

/**
 * `--state-file`: every session's state, written after changes (debounced) and on shutdown, read back at
 * start-up. Writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly path: string,
    private readonly store: MemorySessionStore,
    private readonly debounceMs = 250,
  ) {}

  /** Restores the sessions of an existing file; a missing file is a fresh start. */
  load(): number {
    if (!existsSync(this.path)) return 0;
    const content = readContent(this.path);
    this.store.restore(content.sessions);
    return content.sessions.length;
  }

  markDirty(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }

  /** Writes now if anything changed; writes never overlap. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const content: StateFileContent = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), sessions: this.store.snapshot() };
    this.writing = this.writing.then(() => writeAtomically(this.path, JSON.stringify(content)));
    return this.writing;
  }
}

function readContent(path: string): StateFileContent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new StateFileError(`--state-file ${path} cannot be read (${(err as Error).message}); it was left as it is`);
  }
  let content: Partial<StateFileContent>;
  try {
    content = JSON.parse(text) as Partial<StateFileContent>;
  } catch (err) {
    throw new StateFileError(`--state-file ${path} is not valid JSON (${(err as Error).message}); it was left as it is`);
  }
  if (content?.format !== FORMAT || content.version !== VERSION || !Array.isArray(content.sessions)) {
    throw new StateFileError(`--state-file ${path} is not a partner-sandbox state file (format ${FORMAT}, version ${VERSION}); it was left as it is`);
  }
  const bad = content.sessions.findIndex((s) => typeof s?.id !== 'string' || typeof s.state !== 'object' || s.state === null || typeof s.ids?.next !== 'number');
  if (bad >= 0) throw new StateFileError(`--state-file ${path}: session #${bad} is damaged; the file was left as it is`);
  return content as StateFileContent;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path).catch(async (err: unknown) => {
    await rm(temporary, { force: true });
    throw err;
  });
}
