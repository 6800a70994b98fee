'use strict';
/** Word helpers for generators that name actions after SDK class and method names (stripe, slack). */

/** CamelCase → snake_case, keeping acronyms together ("URLExternal" → "url_external"); `special` wins. */
function camelToSnake(name, special = {}) {
  if (special[name]) return special[name];
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `charges` → `charge`, `policies` → `policy`, `boxes` → `box`; a word not ending in a plural `s` stays. */
function singular(word) {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

module.exports = {camelToSnake, singular};
