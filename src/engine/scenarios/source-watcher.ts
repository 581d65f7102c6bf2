import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface SourceWatchOptions {
  /** The user's fixture file, if they gave one. */
  fixtureFile?: string;
  /** The user's scenario folders (`<dir>/<api>/<name>.yaml`). */
  scenarioDirs: string[];
  /** The API names, i.e. the sub-folders a scenario folder may hold. */
  apis: string[];
  /** Called once a burst of changes has settled. */
  onChange: () => void;
  debounceMs?: number;
}

export interface SourceWatcher {
  close(): void;
}

export const WATCH_DEBOUNCE_MS = 150;

/**
 * `--watch`: calls `onChange` once a burst of changes to the fixture or the scenario folders has settled.
 * [INF] Folders are watched, never the files themselves: editors save by writing a new file and renaming it over
 * the old one, which ends a watch on the old file. [INF] Not `recursive: true`: on Linux, Node 20 emulates it and
 * has missed new sub-folders; the layout is two levels deep, so each `<dir>/<api>` folder is watched itself and
 * the set is looked at again after every change (an API folder created later is picked up). [INF] Debounced
 * (150 ms): one save is several events, and a half-written file must not be what gets loaded.
 */
export function watchSources(options: SourceWatchOptions): SourceWatcher {
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      refresh();
      options.onChange();
    }, debounceMs);
  };

  /** Which folders to watch, and which names in each matter. */
  const wanted = (): Map<string, (name: string) => boolean> => {
    const folders = new Map<string, (name: string) => boolean>();
    if (options.fixtureFile) {
      const file = path.resolve(options.fixtureFile);
      folders.set(path.dirname(file), (name) => name === path.basename(file));
    }
    for (const dir of options.scenarioDirs.map((d) => path.resolve(d))) {
      const accept = folders.get(dir);
      // An API folder appearing or going matters at the top; edits to editors' swap files do not.
      folders.set(dir, (name) => options.apis.includes(name) || (accept?.(name) ?? false));
      for (const api of options.apis) folders.set(path.join(dir, api), (name) => name.endsWith('.yaml'));
    }
    return folders;
  };

  const refresh = () => {
    const folders = wanted();
    for (const [dir, watcher] of watchers) {
      if (!folders.has(dir) || !existsSync(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, accept] of folders) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          // Without a name (some platforms), assume it matters.
          if (name === null || accept(name.toString())) settle();
        });
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
          settle();
        });
        watchers.set(dir, watcher);
      } catch {
        // Gone between the check and the watch: the next change looks again.
      }
    }
  };

  refresh();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
