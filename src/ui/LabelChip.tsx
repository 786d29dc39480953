import type { Label } from '../domain/labels';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';

/**
 * A label colour darkened enough to be read as 12 px text on the light rows (WCAG AA, 4.5:1):
 * the hue stays, so the chip still matches the highlight.
 */
export function inkOf(color: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return 'inherit';
  const n = parseInt(m[1]!, 16);
  const dark = (c: number) => Math.round(c * 0.55).toString(16).padStart(2, '0');
  return `#${dark(n >> 16)}${dark((n >> 8) & 255)}${dark(n & 255)}`;
}

/** A label's name in its colour, outlined: the same chip in every list. `fallback` for an unknown label. */
export function LabelChip({ label, fallback }: { label: Label | undefined; fallback: string }) {
  const { language } = useI18n();
  return (
    <span className="yi-chip" style={{ borderColor: label?.color, color: label ? inkOf(label.color) : undefined }}>
      {label ? labelName(label, language) : fallback}
    </span>
  );
}

/** A quote on one line: white space runs become one space, cut to `max` characters (code points) with "…". */
export function shortQuote(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
