/** SIRET: 14 digits with a Luhn checksum; La Poste's establishments (SIREN 356000000) use a digit sum multiple of 5. */
export function isValidSiret(raw: string): boolean {
  const siret = raw.replace(/\s/g, '');
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    const sum = [...siret].reduce((acc, d) => acc + Number(d), 0);
    return sum % 5 === 0;
  }
  return luhn(siret);
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Completes a 13-digit prefix into a valid SIRET (used by the demo and benchmark generators). */
export function completeSiret(prefix13: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = prefix13 + String(d);
    if (luhn(candidate)) return candidate;
  }
  throw new Error('unreachable');
}

/** Répertoire national des associations: W followed by 9 digits. */
export function isValidRna(raw: string): boolean {
  return /^W\d{9}$/.test(raw.replace(/\s/g, '').toUpperCase());
}

/** A French postcode: five digits whose first two name a département (or overseas 97/98). */
export function isValidPostcode(raw: string): boolean {
  if (!/^\d{5}$/.test(raw)) return false;
  const prefix = Number(raw.slice(0, 2));
  return prefix >= 1 && prefix <= 98 && raw !== '00000';
}

/** The département code of a postcode: 87, 2A/2B for Corsica, 971… overseas. */
export function departmentFromPostcode(postcode: string | null | undefined): string | null {
  if (!postcode || !isValidPostcode(postcode)) return null;
  const two = postcode.slice(0, 2);
  if (two === '20') return Number(postcode.slice(0, 3)) < 202 ? '2A' : '2B';
  if (two === '97' || two === '98') return postcode.slice(0, 3);
  return two;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Without a Date object: archives and imports check hundreds of thousands of dates.
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  // Years 0–99 were never valid here (Date.UTC reads them as 1900–1999).
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
}
