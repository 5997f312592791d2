/** A seeded pseudo-random source in [0, 1), so that a randomly damaged input is the same on every run. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

/** `text` with one or two characters replaced, removed or inserted, drawn from `alphabet`. */
export function damage(text: string, rand: () => number, alphabet: string): string {
  const chars = [...text];
  for (let k = 0; k < 1 + Math.floor(rand() * 2); k++) {
    const at = Math.floor(rand() * chars.length);
    const r = rand();
    if (r < 0.4) chars[at] = alphabet[Math.floor(rand() * alphabet.length)];
    else if (r < 0.7) chars.splice(at, 1);
    else chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
  }
  return chars.join('');
}
