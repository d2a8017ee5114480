/**
 * The demo shop's files, in memory: the downloadable documents under `/srv/shop/files`, plus a few system
 * files a path traversal can reach in the vulnerable mode. Nothing is read from the host's disk.
 */
import { posix } from 'node:path';

export const FILES_DIR = '/srv/shop/files';

const FILES: Readonly<Record<string, string>> = {
  '/srv/shop/files/manual.txt': 'Widget manual\n=============\n1. Unpack the widget.\n2. Enjoy.\n',
  '/srv/shop/files/returns-policy.txt': 'Returns are accepted within 30 days of delivery.\n',
  '/srv/shop/config.json': '{"db":"sqlite::memory:","cdn":"https://cdn.shop.example"}\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nshop:x:1001:1001:Shop:/srv/shop:/bin/sh\n',
  '/etc/hostname': 'shop-demo\n',
  '/etc/hosts': '127.0.0.1 localhost\n',
};

/** The content of the virtual file at an absolute (or `FILES_DIR`-relative) path, or undefined. */
export function readVirtualFile(path: string): string | undefined {
  const abs = posix.resolve(FILES_DIR, path);
  return FILES[abs];
}

/** Names of the downloadable documents. */
export function listDocuments(): string[] {
  return Object.keys(FILES)
    .filter((p) => p.startsWith(`${FILES_DIR}/`))
    .map((p) => p.slice(FILES_DIR.length + 1));
}
