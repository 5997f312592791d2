export function serve(
  root: string,
  opts?: { port?: number; host?: string },
): Promise<{ url: string; close: () => Promise<void> }>;
