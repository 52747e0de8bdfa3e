#!/usr/bin/env node
// A dependency-free static server for www/ (sample pages and playground).
//
//   node www/serve.mjs [PORT]        PORT from argv[2], else $PORT, else 8080; 0 picks a free one
//
// The first line on stdout is always `listening http://127.0.0.1:PORT`, so a test runner
// can start it with port 0 and read the URL back. /pkg/ is served from the repository's
// pkg/ directory (the Wasm package that `make wasm` builds), /articles/ from
// tests/fixtures/articles (pages about a book, for "Shield this book"). samples/strict-csp.html
// is sent with a strict Content-Security-Policy, as many real sites do.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(WWW, '..', 'pkg');
const ARTICLES = path.resolve(WWW, '..', 'tests', 'fixtures', 'articles');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Per-path response headers (URL path → headers).
const EXTRA_HEADERS = {
  '/samples/strict-csp.html': {
    'Content-Security-Policy':
      "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
  },
};

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : '';
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

// Map a URL path to [rootDir, relativeSegments], or null when it must be refused.
function locate(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { error: 400, message: 'bad request: malformed percent-encoding\n' };
  }
  if (decoded.includes('\0')) return { error: 400, message: 'bad request\n' };
  const segments = decoded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) {
    return { error: 403, message: 'forbidden: path traversal\n' };
  }
  if (segments[0] === 'pkg') return { root: PKG, segments: segments.slice(1), pkg: true };
  if (segments[0] === 'articles') return { root: ARTICLES, segments: segments.slice(1) };
  return { root: WWW, segments };
}

function inside(root, file) {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const rawPath = (req.url || '/').split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) return send(res, 400, 'bad request\n');
  const where = locate(rawPath);
  if (where.error) return send(res, where.error, where.message);

  let file = path.resolve(where.root, ...where.segments);
  if (!inside(where.root, file)) return send(res, 403, 'forbidden: path traversal\n');

  let stat;
  try {
    // Refuse symlinks that lead out of the served tree.
    const real = await fs.promises.realpath(file);
    const realRoot = await fs.promises.realpath(where.root);
    if (!inside(realRoot, real)) return send(res, 403, 'forbidden\n');
    stat = await fs.promises.stat(real);
    file = real;
  } catch {
    // Browsers ask for /favicon.ico on every site; answer quietly instead of logging a 404.
    if (rawPath === '/favicon.ico') return send(res, 204, '');
    if (where.pkg && !fs.existsSync(where.root)) {
      return send(res, 404, 'not found: pkg/ does not exist yet; build it with `make wasm`\n');
    }
    return send(res, 404, 'not found\n');
  }

  if (stat.isDirectory()) {
    if (!rawPath.endsWith('/')) {
      const query = (req.url || '').slice(rawPath.length);
      return send(res, 301, 'moved\n', { Location: rawPath + '/' + query });
    }
    file = path.join(file, 'index.html');
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return send(res, 404, 'not found\n');
    }
    if (!stat.isFile()) return send(res, 404, 'not found\n');
  } else if (!stat.isFile()) {
    return send(res, 404, 'not found\n');
  }

  const urlPath = '/' + where.segments.join('/');
  const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(EXTRA_HEADERS[urlPath] || {}),
  });
  if (req.method === 'HEAD') return res.end();
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

const arg = process.argv[2] ?? process.env.PORT ?? '8080';
const port = Number(arg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: bad port ${JSON.stringify(arg)}; give 0–65535 (0 picks a free port)`);
  process.exit(2);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) send(res, 500, 'internal error\n');
    else res.destroy();
  });
});

server.on('error', (err) => {
  console.error(`serve.mjs: ${err.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  process.stdout.write(`listening http://127.0.0.1:${actual}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
