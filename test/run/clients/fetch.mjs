// Plain global fetch, as an agent would write it: no proxy code, a placeholder key from the env.
const response = await fetch('https://api.github.com/repos/acme/widgets/issues/3', {
  headers: {authorization: `token ${process.env.GITHUB_TOKEN}`, 'user-agent': 'tf-run-test'},
});
const body = await response.json();
console.log(JSON.stringify({status: response.status, title: body.title}));
