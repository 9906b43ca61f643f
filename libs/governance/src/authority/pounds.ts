/** Integer pence as users read money: `£1,000,000.00`. */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  const pounds = Math.floor(whole / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (whole % 100).toString().padStart(2, '0');
  return `${sign}£${pounds}.${rest}`;
}
