// Plain http:// through Node's http module and its global agent, as an internal-tool client would call it.
const http = require('node:http');

http
  .get('http://internal.example.test/v1/items?limit=1', {headers: {authorization: 'Bearer agent-own-placeholder'}}, (res) => {
    let body = '';
    res.setEncoding('utf8').on('data', (d) => (body += d));
    res.on('end', () => console.log(JSON.stringify({status: res.statusCode, action: res.headers['x-tf-action'], body: JSON.parse(body)})));
  })
  .on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
