/**
 * Shared fixtures of the gateway benchmarks: the bodies (the same deterministic ~1 KB and ~16 KB JSON orders that
 * ../shared/tools/peer-modsec.sh sends, so G6 compares like with like), the GET path, and an OpenAPI document that
 * describes both operations precisely (the positive security model has real work to do).
 */

export const GET_PATH = '/api/v1/products?category=books&page=2&sort=price';
export const POST_PATH = '/api/v1/orders';

const item = (i: number) => ({ sku: `BK-${10000 + i}`, title: `Field Guide Volume ${i}`, qty: 1 + (i % 3), price: 12.5 + i });
const order = (n: number) => ({
  orderId: 'ord-2026-000123',
  customer: { id: 4711, name: 'Alice Example', email: 'alice@example.com', address: { street: '12 Main Street', city: 'Springfield', zip: '12345', country: 'US' } },
  currency: 'EUR',
  items: Array.from({ length: n }, (_, i) => item(i)),
  note: 'Leave at the door',
});

/** The smallest order whose JSON is at least `target` bytes (as the peer script builds it). */
export function orderBody(target: number): string {
  let n = 1;
  while (JSON.stringify(order(n)).length < target) n++;
  return JSON.stringify(order(n));
}

export const BENCH_SPEC = `
openapi: 3.0.3
info: { title: Bench shop, version: '1.0' }
servers: [{ url: /api/v1 }]
paths:
  /products:
    get:
      operationId: listProducts
      parameters:
        - { name: category, in: query, schema: { type: string, enum: [books, music, games] } }
        - { name: page, in: query, schema: { type: integer, minimum: 1, maximum: 1000 } }
        - { name: sort, in: query, schema: { type: string, enum: [price, title, date] } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [orderId, customer, currency, items]
              additionalProperties: false
              properties:
                orderId: { type: string, pattern: '^ord-[0-9]{4}-[0-9]{6}$' }
                customer:
                  type: object
                  required: [id, name, email]
                  properties:
                    id: { type: integer, minimum: 1 }
                    name: { type: string, maxLength: 100 }
                    email: { type: string, format: email }
                    address:
                      type: object
                      properties:
                        street: { type: string, maxLength: 200 }
                        city: { type: string, maxLength: 100 }
                        zip: { type: string, pattern: '^[0-9]{5}$' }
                        country: { type: string, minLength: 2, maxLength: 2 }
                currency: { type: string, enum: [EUR, USD, GBP] }
                items:
                  type: array
                  maxItems: 1000
                  items:
                    type: object
                    required: [sku, qty, price]
                    properties:
                      sku: { type: string, pattern: '^BK-[0-9]+$' }
                      title: { type: string, maxLength: 200 }
                      qty: { type: integer, minimum: 1, maximum: 100 }
                      price: { type: number, minimum: 0 }
                note: { type: string, maxLength: 1000 }
      responses:
        '200': { description: ok }
`;
