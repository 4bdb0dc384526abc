// A 0–1 rate as the reports show it: "25 %" / "25%", one decimal at most.
export function percent(rate: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
