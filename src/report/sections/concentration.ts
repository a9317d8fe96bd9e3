import { BANDS } from '../charts/theme.js';
import { bandLabel, bandOf, concentrationGauges } from '../charts/concentration.js';
import { html, table } from '../html.js';
import { figure, paragraph, type Section, type SectionContext } from './section.js';

export function concentrationSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const c = ctx.data.exposure.concentration;
  const band = (hhi: number) => {
    const b = bandOf(hhi);
    return html`<span class="band" style="--band: ${BANDS[b]}">${bandLabel(b, t)}</span>`;
  };
  const rows = [
    [
      t.gaugeChannels,
      fmt.decimal(c.channel.hhi, 3),
      fmt.decimal(c.channel.effectiveNumber, 1),
      band(c.channel.hhi),
    ],
    [
      t.gaugeMarkets,
      fmt.decimal(c.market.hhi, 3),
      fmt.decimal(c.market.effectiveNumber, 1),
      band(c.market.hhi),
    ],
  ];
  const reading = t.concentrationReading({
    channels: fmt.decimal(c.channel.effectiveNumber, 1),
    markets: fmt.decimal(c.market.effectiveNumber, 1),
    channelBand: bandLabel(bandOf(c.channel.hhi), t),
    marketBand: bandLabel(bandOf(c.market.hhi), t),
  });
  const columns = [
    { label: '' },
    { label: t.colIndex, numeric: true },
    { label: t.colEffective, numeric: true },
    { label: t.colBand },
  ];
  return {
    id: 'concentration',
    title: t.concentrationTitle,
    body: html`${paragraph(t.concentrationLead, 'lead')} ${paragraph(reading, 'reading')}
    ${figure(concentrationGauges(c, ctx), t.concentrationChart, table(columns, rows), ctx, t.concentrationBands)}`,
  };
}
