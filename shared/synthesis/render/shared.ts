/** A heat-map cell's colour, from white to the report's blue, and a text colour that stays legible on it. */
export interface HeatLevel {
  fill: string;
  ink: string;
}

/** `shade` is 0..1, as the outline gives it; every format paints the same colour for it. */
export function heatLevel(shade: number): HeatLevel {
  const t = Math.min(1, Math.max(0, shade));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const fill = `#${[mix(243, 0), mix(246, 90), mix(249, 156)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return { fill, ink: t > 0.5 ? '#ffffff' : '#1b2733' };
}
