/**
 * How well clusters agree with human labels (issue 11 story 8, measured on the NHS feedback):
 * purity and normalised mutual information, as in Manning, Raghavan & Schütze, *Introduction to
 * Information Retrieval* (2008) §16.3. Both take one cluster and one label per item. No I/O.
 */
function table<A, B>(clusters: readonly A[], labels: readonly B[]) {
  if (clusters.length !== labels.length) throw new RangeError('One cluster and one label per item');
  const joint = new Map<A, Map<B, number>>();
  const byCluster = new Map<A, number>();
  const byLabel = new Map<B, number>();
  clusters.forEach((c, i) => {
    const l = labels[i]!;
    const row = joint.get(c) ?? new Map<B, number>();
    row.set(l, (row.get(l) ?? 0) + 1);
    joint.set(c, row);
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    byLabel.set(l, (byLabel.get(l) ?? 0) + 1);
  });
  return { joint, byCluster, byLabel, n: clusters.length };
}

/** The share of items whose label is their cluster's most common label. */
export function purity<A, B>(clusters: readonly A[], labels: readonly B[]): number {
  const { joint, n } = table(clusters, labels);
  if (n === 0) return 0;
  let hit = 0;
  for (const row of joint.values()) hit += Math.max(...row.values());
  return hit / n;
}

const entropy = (counts: Iterable<number>, n: number) => {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
};

/**
 * NMI = I(Ω; C) / ((H(Ω) + H(C)) / 2), between 0 (independent) and 1 (the same partition). When
 * both sides are a single group the partitions agree: 1.
 */
export function normalisedMutualInformation<A, B>(clusters: readonly A[], labels: readonly B[]): number {
  const { joint, byCluster, byLabel, n } = table(clusters, labels);
  if (n === 0) return 0;
  let mi = 0;
  for (const [c, row] of joint) {
    for (const [l, nij] of row) mi += (nij / n) * Math.log((n * nij) / (byCluster.get(c)! * byLabel.get(l)!));
  }
  const h = (entropy(byCluster.values(), n) + entropy(byLabel.values(), n)) / 2;
  return h === 0 ? 1 : Math.max(0, mi / h);
}
