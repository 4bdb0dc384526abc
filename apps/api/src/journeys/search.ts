// Searching journeys by name the way Vietnamese marketers type: any case, with or without
// diacritics ("chao mung" finds "Chào mừng"; "đ" matches "d").
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function nameMatches(name: string, query: string): boolean {
  return foldText(name).includes(foldText(query.trim()));
}
