/** A small hand-written SVG line chart (no browser or chart library needed). */
export interface Series {
  name: string;
  values: number[];
}

const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One panel: x is categorical (labels), y linear from 0; returns an SVG <g> placed at (x0, y0). */
function panel(o: { x0: number; y0: number; w: number; h: number; title: string; yLabel: string; labels: string[]; series: Series[] }): string {
  const { x0, y0, w, h } = o;
  const finite = o.series.flatMap((s) => s.values).filter(Number.isFinite);
  const max = finite.length ? Math.max(...finite) : 1;
  const step = niceStep(max / 5);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const px = (i: number) => x0 + (o.labels.length === 1 ? w / 2 : (i / (o.labels.length - 1)) * w);
  const py = (v: number) => y0 + h - (v / top) * h;
  const parts: string[] = [];
  parts.push(`<text x="${x0}" y="${y0 - 12}" font-size="14" font-weight="bold">${esc(o.title)}</text>`);
  for (let v = 0; v <= top + 1e-9; v += step) {
    parts.push(`<line x1="${x0}" x2="${x0 + w}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x0 - 6}" y="${py(v) + 4}" font-size="11" text-anchor="end">${+v.toFixed(2)}</text>`);
  }
  parts.push(
    `<text x="${x0 - 45}" y="${y0 + h / 2}" font-size="11" transform="rotate(-90 ${x0 - 45} ${y0 + h / 2})" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  o.labels.forEach((l, i) => parts.push(`<text x="${px(i)}" y="${y0 + h + 16}" font-size="11" text-anchor="middle">${esc(l)}</text>`));
  o.series.forEach((s, k) => {
    const c = COLORS[k % COLORS.length];
    const pts = s.values.map((v, i) => (Number.isFinite(v) ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : null)).filter(Boolean);
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(" ")}"/>`);
    s.values.forEach((v, i) => {
      if (Number.isFinite(v))
        parts.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(v).toFixed(1)}" r="3" fill="${c}"><title>${esc(s.name)}: ${v}</title></circle>`);
    });
    parts.push(`<rect x="${x0 + w + 20}" y="${y0 + k * 16}" width="10" height="10" fill="${c}"/>`);
    parts.push(`<text x="${x0 + w + 35}" y="${y0 + k * 16 + 9}" font-size="11">${esc(s.name)}</text>`);
  });
  return parts.join("\n");
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** Several panels stacked vertically in one SVG document. */
export function lineCharts(title: string, labels: string[], panels: { title: string; yLabel: string; series: Series[] }[]): string {
  const w = 520;
  const h = 220;
  const gap = 70;
  const width = 900;
  const height = 50 + panels.length * (h + gap);
  const body = panels.map((p, i) => panel({ x0: 70, y0: 60 + i * (h + gap), w, h, labels, ...p })).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="20" y="24" font-size="16" font-weight="bold">${esc(title)}</text>
${body}
</svg>
`;
}
