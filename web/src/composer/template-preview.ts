/** The template body with `{{n}}` replaced by the n-th parameter; unfilled ones stay visible. */
export function fillTemplate(body: string, params: readonly string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (placeholder, n: string) => {
    const value = params[Number(n) - 1];
    return value?.trim() ? value : placeholder;
  });
}

/** 1-based numbers of the placeholders still empty, for "fill in {{2}}" hints. */
export function missingParams(paramCount: number, params: readonly string[]): number[] {
  const missing: number[] = [];
  for (let i = 0; i < paramCount; i++) if (!params[i]?.trim()) missing.push(i + 1);
  return missing;
}
