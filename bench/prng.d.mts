/** mulberry32: a seedable PRNG giving numbers in [0, 1). */
export function mulberry32(seed: number): () => number;
