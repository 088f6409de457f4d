/**
 * Folds Vietnamese text for matching: lowercase, without diacritics, đ → d,
 * whitespace collapsed. "Rạch Giá" and "RACH  GIA" both fold to "rach gia".
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
}
