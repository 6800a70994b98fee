'use strict';
// A stand-in agent: plain global fetch with a placeholder key, no proxy code. `tf run` governs it.
const calls = [
  ['POST', 'https://api.github.com/repos/acme/api/pulls', {title: 'Fix flaky test', head: 'fix/flaky', base: 'main'}],
  ['POST', 'https://api.stripe.com/v1/charges', 'amount=250000&currency=usd&source=tok_visa'],
  ['DELETE', 'https://api.github.com/repos/acme/api'],
  ['GET', 'https://api.unknown-service.com/v1/data'],
];

async function main() {
  for (const [method, url, body] of calls) {
    const json = body && typeof body === 'object';
    let response;
    try {
      response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${process.env.GITHUB_TOKEN}`,
        ...(body ? {'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded'} : {}),
      },
      body: body ? (json ? JSON.stringify(body) : body) : undefined,
      });
    } catch (error) {
      // HTTPS to a host without a connector: the proxy refuses the CONNECT, fetch reports a failure.
      console.log(`agent: ${method} ${url} → refused by the proxy (${error.cause?.message ?? error.message})`);
      continue;
    }
    const text = await response.text();
    const action = response.headers.get('x-tf-action') ?? '-';
    console.log(`agent: ${method} ${url} → ${response.status} (${action}) ${text.slice(0, 110)}`);
  }
  console.log(`agent: my GITHUB_TOKEN is "${process.env.GITHUB_TOKEN}" (a placeholder: the real one stays with tf)`);
}

main().catch((error) => {
  console.error(`agent: ${error.message}`);
  process.exit(1);
});
