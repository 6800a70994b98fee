// The official OpenAI SDK: reads OPENAI_API_KEY itself, default base URL and fetch.
import OpenAI from 'openai';

const client = new OpenAI({maxRetries: 0});
const completion = await client.chat.completions.create({model: 'gpt-4o-mini', messages: [{role: 'user', content: 'hi'}]});
console.log(JSON.stringify({content: completion.choices[0].message.content}));
