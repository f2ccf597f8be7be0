/**
 * Records made by a constructor instead of an object literal, for the records an analysis makes by the
 * thousand and hands out.
 *
 * V8 gives every object literal an allocation site. When most objects of a site outlive a young-generation
 * collection (a caller that keeps every document's records, as `npm run bench -- analyses` and the corpus
 * step do), it allocates every later object of that site in the old generation: a record that dies with its
 * document then keeps the strings and arrays it points to alive through the young collections, and waits for a
 * full collection itself. An object made by `new` always starts young. See docs/performance.md,
 * "extract-quotes, round 4".
 *
 * The constructor's prototype is `Object.prototype`, so what it makes is a plain object to every reader
 * (`JSON.stringify`, `assert.deepStrictEqual`, spread): the same fields, in the order the initialiser sets them.
 */
export function plainRecord<A extends unknown[], T>(init: (this: T, ...args: A) => void): new (...args: A) => T {
  // A `function` expression (an arrow function cannot be called with `new`).
  (init as unknown as { prototype: object }).prototype = Object.prototype;
  return init as unknown as new (...args: A) => T;
}
