import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@shopgraph/logging';

const KUBERNETES_VOLUME_DATA = '..data';

/**
 * Serves the supergraph from a file and hands the gateway each new version when the file changes
 * (a composition that fails to load is logged and the last good one stays in service).
 */
export function supergraphFromFile(path: string, logger: Logger, prepare: (sdl: string) => string = (sdl) => sdl): SupergraphSdlHook {
  return async ({ update }) => {
    let last = await readFile(path, 'utf8');
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(path, 'utf8').catch(() => last);
      if (next === last || next.trim() === '') return;
      try {
        update(prepare(next));
        last = next;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ err: error, path }, 'supergraph reload failed; keeping the previous one');
      }
    };
    // Watch the folder, not the file: editors and `npm run compose` replace files by rename. A
    // Kubernetes ConfigMap volume never touches the file's own name: the file is a symlink through
    // `..data`, and the kubelet swaps `..data` to a new folder (atomic writer), so that name counts too.
    const watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename !== basename(path) && filename !== KUBERNETES_VOLUME_DATA) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 100);
    });
    return {
      supergraphSdl: prepare(last),
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
