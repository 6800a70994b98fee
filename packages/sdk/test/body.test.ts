import {parseBody, parseForm} from '../src/body';

const multipart = (boundary: string, parts: string[]) => Buffer.from(parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`);

describe('parseBody', () => {
  test('JSON objects, with or without a content type; arrays and garbage give undefined', () => {
    expect(parseBody({'content-type': 'application/json; charset=utf-8'}, Buffer.from('{"a":{"b":1}}'))).toEqual({a: {b: 1}});
    expect(parseBody({}, Buffer.from('  {"stream":true}'))).toEqual({stream: true});
    expect(parseBody({'content-type': 'application/json'}, Buffer.from('[1,2]'))).toBeUndefined();
    expect(parseBody({'content-type': 'application/json'}, Buffer.from('{oops'))).toBeUndefined();
    expect(parseBody({}, undefined)).toBeUndefined();
  });

  test('urlencoded bracket notation nests into objects and arrays (Stripe style)', () => {
    const body = 'amount=2000&currency=usd&items[0][price]=price_1&items[0][quantity]=2&items[1][price]=price_2&metadata[order_id]=6735&expand[]=customer&expand[]=invoice';
    expect(parseBody({'content-type': 'application/x-www-form-urlencoded'}, Buffer.from(body))).toEqual({
      amount: '2000',
      currency: 'usd',
      items: [{price: 'price_1', quantity: '2'}, {price: 'price_2'}],
      metadata: {order_id: '6735'},
      expand: ['customer', 'invoice'],
    });
  });

  test('form keys cannot pollute prototypes', () => {
    const parsed = parseForm('__proto__[polluted]=1&constructor[prototype][x]=2&ok=3');
    expect(parsed).toEqual({ok: '3'});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('multipart: text fields parsed, file parts described but never copied', () => {
    const body = multipart('XyZ', [
      'Content-Disposition: form-data; name="model"\r\n\r\nwhisper-1',
      'Content-Disposition: form-data; name="file"; filename="a.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n\u0000\u0001binarybytes',
      'Content-Disposition: form-data; name="purpose"\r\n\r\nfine-tune',
    ]);
    const parsed = parseBody({'content-type': 'multipart/form-data; boundary=XyZ'}, body);
    expect(parsed).toEqual({model: 'whisper-1', file: {filename: 'a.mp3', contentType: 'audio/mpeg', size: 13}, purpose: 'fine-tune'});
  });

  test('multipart truncated inside a file part keeps the fields before it', () => {
    const full = multipart('b1', ['Content-Disposition: form-data; name="purpose"\r\n\r\nassistants', 'Content-Disposition: form-data; name="file"; filename="big.jsonl"\r\n\r\n' + 'x'.repeat(1000)]);
    const parsed = parseBody({'content-type': 'multipart/form-data; boundary="b1"'}, full.subarray(0, 200));
    expect(parsed?.purpose).toBe('assistants');
  });
});
