import chalk from 'chalk';

/** Colour only on a TTY, and never when NO_COLOR is set. */
export const paint = new chalk.Instance({level: process.stdout.isTTY && !process.env.NO_COLOR ? chalk.level || 1 : 0});

const RISK_COLOUR = {low: paint.green, medium: paint.yellow, high: paint.red} as const;

export function risk(level: string): string {
  return (RISK_COLOUR[level as keyof typeof RISK_COLOUR] ?? ((s: string) => s))(level);
}

/** Left-aligned columns sized to their widest cell (ANSI codes excluded from the width). */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header.map((h) => paint.bold(h)), ...rows] : rows;
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell)))).join('  ').trimEnd())
    .join('\n');
}
