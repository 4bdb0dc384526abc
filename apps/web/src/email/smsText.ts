// The SMS text to count: `{{ customer.trait }}` filled from the customer chosen for the preview
// (a name with marks changes the encoding), anything else counted as written.
export function renderedOrSource(source: string, traits: Record<string, unknown>): string {
  return source.replace(/\{\{\s*customer\.([A-Za-z_]\w*)\s*\}\}/g, (whole, key: string) => {
    const value = Object.prototype.hasOwnProperty.call(traits, key) ? traits[key] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}
