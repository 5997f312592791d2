// A tiny static server on 127.0.0.1 for the built pane (dist/addin): the preview page for people without Excel,
// and the end-to-end tests. Run: node addin/preview/serve.mjs [--port N]
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Serves `root` on host:port (port 0 = any free port). Resolves with the base URL and a close function.
 * @param {string} root
 * @param {{ port?: number, host?: string }} [opts]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve(root, opts = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(base, path === '/' ? 'preview.html' : path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      ok({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'addin');
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 3001;
  if (!existsSync(join(root, 'preview.html'))) {
    console.error(
      'dist/addin/preview.html is missing: build the pane first (npm run build:cli && npx webpack --mode production).',
    );
    process.exit(1);
  }
  const { url } = await serve(root, { port });
  console.log(`Daicho preview: ${url}preview.html  (the pane beside a sample workbook, on a fake Excel; Ctrl+C stops)`);
}
