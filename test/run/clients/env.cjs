// Prints the environment the child was given.
console.log(JSON.stringify(process.env));
