/** Small data structures for the analysis: typed arrays instead of an object per node. */

/** Union–find over numbered nodes; the root of a set is its smallest node. */
export class UnionFind {
  readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      this.parent[i] = i;
    }
  }
  find(x: number): number {
    const parent = this.parent;
    let root = x;
    while (parent[root] !== root) {
      root = parent[root];
    }
    while (parent[x] !== root) {
      const next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Keep the older node as root so ids follow row order.
    if (ra < rb) {
      this.parent[rb] = ra;
    } else if (rb < ra) {
      this.parent[ra] = rb;
    }
  }
}

/** A growable list of 32-bit integers. */
export class IntList {
  data = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}
