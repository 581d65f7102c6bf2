export function mb(kb: number | null): number | null {
  return kb === null ? null : Math.round(kb / 102.4) / 10;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
