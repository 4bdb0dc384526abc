// The ceiling's only side effect: counting customers who reached their wait (the bench asks).
let count = 0;

export async function reached(): Promise<void> {
  count++;
}

export const reachedSoFar = (): number => count;
