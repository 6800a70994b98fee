// The official Stripe SDK (CommonJS): its default Node http client with its own https.Agent.
const Stripe = require('stripe');

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, {maxNetworkRetries: 0, telemetry: false});
stripe.charges
  .create({amount: 1234, currency: 'usd', source: 'tok_visa', description: 'governed charge'})
  .then((charge) => console.log(JSON.stringify({id: charge.id, amount: charge.amount})))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
