/** Minor units to a price the shopper reads, in their locale. */
export function money(value: { amount: number; currency: string }): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency }).format(value.amount / 100);
}

export function stars(average: number | null | undefined): string {
  if (average == null) return 'No ratings yet';
  const whole = Math.round(average);
  return `${'★'.repeat(whole)}${'☆'.repeat(5 - whole)} ${average.toFixed(1)}`;
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The message of an Apollo error for the shopper (the gateway masks anything unexpected). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
