// Prints its proxy port, then waits for SIGTERM and exits 42 (or dies of the signal with "die").
const port = new URL(process.env.HTTPS_PROXY).port;
if (process.argv[2] !== 'die') {
  process.on('SIGTERM', () => {
    console.log('child got SIGTERM');
    process.exit(42);
  });
}
console.log(`ready ${port}`);
setInterval(() => {}, 1000);
