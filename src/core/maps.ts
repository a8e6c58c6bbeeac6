/** Appends to the list kept under `key`, starting one when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The smallest and largest of some numbers, by a loop: Math.min(...rows) overflows the stack on 100,000 rows. */
export function span(values: Iterable<number>): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const v of values) {
    if (v < first) first = v;
    if (v > last) last = v;
  }
  return { first, last };
}
