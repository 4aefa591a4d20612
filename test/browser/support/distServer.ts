// A page's own routes over a folder of built bundles, on 127.0.0.1: what the long-task tests load into Chromium.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/** A route's content type and its body, made when asked. */
export type Routes = Readonly<Record<string, { readonly type: string; readonly body: () => string }>>;

/** Serves `routes` first, then the files under `dist` (nothing outside it). */
export async function serveDist(dist: string, routes: Routes): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end(); // Chromium asks on its own
    const route = routes[path];
    if (route) return void res.writeHead(200, { 'content-type': route.type }).end(route.body());
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
