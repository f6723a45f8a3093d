// Small SVG charts for the reports screen: grouped/stacked bars and a weekday × hour heatmap. A few KB in
// the lazy reports chunk instead of a charting library (see the README's Reports section for why).

export type Series = { name: string; color: string; values: number[] };

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 40, left: 48 };

/** A "nice" axis maximum (1, 2 or 5 × a power of ten) at or above `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

/**
 * Bars per category, one per series side by side (or stacked), with a y axis and a legend. The figure is an
 * image for assistive technology, labelled with `label`; the numbers are also in the table next to it.
 */
export function BarChart({
  label,
  categories,
  series,
  stacked = false,
  format = (n: number) => String(n),
}: {
  label: string;
  categories: string[];
  series: Series[];
  stacked?: boolean;
  format?: (n: number) => string;
}) {
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / Math.max(categories.length, 1);
  const barW = Math.max(1, (band * 0.8) / (stacked ? 1 : series.length));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const every = Math.ceil(categories.length / 12);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="gridline" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="axis">
              {format(max * f)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          let base = 0;
          return (
            <g key={category}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                const x = PAD.left + i * band + band * 0.1 + (stacked ? 0 : k * barW);
                const top = stacked ? y(base + v) : y(v);
                const bottom = stacked ? y(base) : y(0);
                base += v;
                return (
                  <rect
                    key={s.name}
                    x={x}
                    y={top}
                    width={barW}
                    height={Math.max(0, bottom - top)}
                    fill={s.color}
                  >
                    <title>{`${category} · ${s.name}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text
                  x={PAD.left + i * band + band / 2}
                  y={HEIGHT - PAD.bottom + 16}
                  textAnchor="middle"
                  className="axis"
                >
                  {shortLabel(category)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name}>
            <i style={{ background: s.color }} aria-hidden="true" /> {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Axis text: a date without its year (the range says it), a long name cut short. */
function shortLabel(category: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(category)) return category.slice(5);
  return category.length > 10 ? `${category.slice(0, 9)}…` : category;
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
const LOW = [244, 246, 248];
const HIGH = [11, 93, 87];

/** Relative luminance (WCAG) of an sRGB colour. */
function luminance(rgb: number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Counts per weekday (rows) × hour (columns), shaded by count. A real table, so screen readers can walk it;
 * each cell's text is black or white, whichever contrasts more with its shade (always ≥ 4.5:1).
 */
export function Heatmap({
  label,
  cells,
}: {
  label: string;
  cells: Array<{ dayOfWeek: number; hour: number; inbound: number }>;
}) {
  const max = Math.max(1, ...cells.map((c) => c.inbound));
  const at = (d: number, h: number) => cells.find((c) => c.dayOfWeek === d && c.hour === h)?.inbound ?? 0;
  return (
    <section
      className="heatmap-scroll"
      aria-label={`${label} (scrolls sideways)`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
      tabIndex={0}
    >
      <table className="heatmap" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Day</span>
            </th>
            {HOURS.map((hour) => (
              <th scope="col" key={hour}>
                {hour}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day, d) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {Array.from({ length: 24 }, (_, h) => {
                const n = at(d + 1, h);
                const f = n / max;
                const rgb = LOW.map((low, i) => Math.round(low + ((HIGH[i] ?? 0) - low) * f));
                const l = luminance(rgb);
                const text = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000" : "#fff";
                return (
                  <td
                    key={`${day}-${String(h)}`}
                    style={{ background: `rgb(${rgb.join(",")})`, color: text }}
                    title={`${day} ${String(h).padStart(2, "0")}:00 · ${n}`}
                  >
                    {n || ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
