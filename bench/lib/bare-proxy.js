'use strict';
// The floor for any Node proxy on this machine: node:http in, one undici Pool out, bytes relayed,
// no classification, credentials, policy or audit. bench/proxy.js measures tf against it in the same run.
// Args: UPSTREAM_ORIGIN. Prints {"port":N}.
const http = require('node:http');
const {Pool} = require('undici');

const pool = new Pool(process.argv[2], {keepAliveTimeout: 10_000});
const server = http.createServer({keepAliveTimeout: 5000}, (req, res) => {
  const url = new URL(req.url);
  const headers = {...req.headers};
  delete headers['proxy-connection'];
  delete headers.connection;
  pool.request({method: req.method, path: url.pathname + url.search, headers, body: req.method === 'GET' ? null : req}).then(
    (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.body.pipe(res);
    },
    () => {
      res.writeHead(502);
      res.end();
    },
  );
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({port: server.address().port}) + '\n'));
process.on('SIGTERM', () => process.exit(0)); // a clean exit, so --cpu-prof can write its profile
