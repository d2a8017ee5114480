/**
 * A map that keeps its entries in recency order with an intrusive doubly-linked list: lookup, insert, delete,
 * "move to most recent" and "oldest entry" are all O(1). (Taking the head of a plain `Map` by iteration is
 * not: after many deletions at the front, V8's ordered hash table walks over the holes they left.)
 */

interface Node<V> {
  readonly key: string;
  value: V;
  prev: Node<V> | null;
  next: Node<V> | null;
}

export class LruMap<V> {
  private readonly map = new Map<string, Node<V>>();
  private head: Node<V> | null = null;
  private tail: Node<V> | null = null;

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** The value, without changing its recency. */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  /** The value, made the most recent. */
  get(key: string): V | undefined {
    const n = this.map.get(key);
    if (n === undefined) return undefined;
    this.moveToTail(n);
    return n.value;
  }

  /** Inserts or replaces, as the most recent. */
  set(key: string, value: V): void {
    const n = this.map.get(key);
    if (n !== undefined) {
      n.value = value;
      this.moveToTail(n);
      return;
    }
    const node: Node<V> = { key, value, prev: this.tail, next: null };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.map.set(key, node);
  }

  delete(key: string): boolean {
    const n = this.map.get(key);
    if (n === undefined) return false;
    this.unlink(n);
    this.map.delete(key);
    return true;
  }

  /** The least recent entry's key, or undefined when empty. */
  oldestKey(): string | undefined {
    return this.head?.key;
  }

  /** The least recent entry's value, or undefined when empty. */
  oldest(): V | undefined {
    return this.head?.value;
  }

  /** Removes and returns the least recent value. */
  shift(): V | undefined {
    const n = this.head;
    if (n === null) return undefined;
    this.unlink(n);
    this.map.delete(n.key);
    return n.value;
  }

  /** Keys from the least to the most recent. */
  *keys(): IterableIterator<string> {
    for (let n = this.head; n !== null; n = n.next) yield n.key;
  }

  /** Values from the least to the most recent. */
  *values(): IterableIterator<V> {
    for (let n = this.head; n !== null; n = n.next) yield n.value;
  }

  private moveToTail(n: Node<V>): void {
    if (this.tail === n) return;
    this.unlink(n);
    n.prev = this.tail;
    n.next = null;
    if (this.tail) this.tail.next = n;
    else this.head = n;
    this.tail = n;
  }

  private unlink(n: Node<V>): void {
    if (n.prev) n.prev.next = n.next;
    else this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else this.tail = n.prev;
    n.prev = null;
    n.next = null;
  }
}
