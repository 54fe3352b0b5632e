// Child process for the comparison: Hocuspocus with its SQLite extension, as shipped
// (default debounce 2 s, max 10 s), on 127.0.0.1 and a free port; the database file is
// HOCUSPOCUS_DB. Prints one "listening" JSON line with the URL, as Hearth does.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_DB;
if (!database) throw new Error('Set HOCUSPOCUS_DB to the SQLite file to use.');

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  extensions: [new SQLite({ database })],
});
await server.listen();
process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${server.address.port}` })}\n`);
