/**
 * Disjoint sets over 0..n-1 that grow as items are added (path halving, union by size). Parents and
 * sizes are typed arrays that double when full: a corpus of millions of records keeps 8 bytes each.
 */
export class UnionFind {
  private parent = new Int32Array(256);
  private size = new Int32Array(256);
  private n = 0;

  add(): number {
    const id = this.n++;
    if (id >= this.parent.length) {
      const parent = new Int32Array(this.parent.length * 2);
      parent.set(this.parent);
      this.parent = parent;
      const size = new Int32Array(this.size.length * 2);
      size.set(this.size);
      this.size = size;
    }
    this.parent[id] = id;
    this.size[id] = 1;
    return id;
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }

  /** Joins the sets of a and b; false when they were one set already. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }

  get count(): number {
    return this.n;
  }
}
