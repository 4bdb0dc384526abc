// Search the way Vietnamese marketers type: any case, with or without diacritics (the API's
// journeys search folds the same way).
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export const matches = (name: string, query: string): boolean => foldText(name).includes(foldText(query.trim()));
