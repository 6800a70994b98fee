'use strict';
// Benchmark upstream: the same tiny JSON answer over HTTP and HTTPS, keep-alive. Prints {"http":PORT,"https":PORT}.
const http = require('node:http');
const https = require('node:https');

const [certPem, keyPem] = [process.env.BENCH_CERT, process.env.BENCH_KEY];
const body = Buffer.from('{"ok":true,"items":[1,2,3]}');
const handler = (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {'content-type': 'application/json', 'content-length': body.length});
    res.end(body);
  });
};
const plain = http.createServer({keepAliveTimeout: 60_000}, handler);
const secure = https.createServer({cert: certPem, key: keyPem, keepAliveTimeout: 60_000}, handler);
plain.listen(0, '127.0.0.1', () =>
  secure.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({http: plain.address().port, https: secure.address().port}) + '\n')),
);
