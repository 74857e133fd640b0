import { apiCall } from '../api/client';
import { Intro, LoadFailed, Loading } from '../components/ui';
import { useLoad } from '../form';
import { formatNumber, L } from '../i18n';
import { axis, lastDays, type DayCount } from './chart';
import { loadLinkResults } from '../api/links';
import { LinkResults, RevenueLine } from './LinkResults';
import { ADMIN } from '#contracts/admin';

export function StatsTab() {
  const loaded = useLoad(() => apiCall(ADMIN.stats));
  const stats = loaded.data;
  const links = useLoad(() => loadLinkResults());
  return (
    <section aria-labelledby="tab-title-statystyki">
      <h2 id="tab-title-statystyki">{L('Statystyki', 'Statistics')}</h2>
      <Intro>
        {L(
          'Dzięki statystykom sprawdzisz ilość wysłanych wiadomości SMS oraz ocenisz, jak szybko powiększa się Twoja baza marketingowa.',
          'See how many SMS were sent and how fast your marketing base grows.',
        )}
      </Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !stats ? <Loading /> : null}
      {stats ? (
        <>
          <div class="table-wrap">
            <table class="list-table stats-table">
              <thead>
                <tr>
                  <td />
                  <th scope="col">{L('Dziennie', 'Daily')}</th>
                  <th scope="col">{L('Tygodniowo', 'Weekly')}</th>
                  <th scope="col">{L('Miesięcznie', 'Monthly')}</th>
                </tr>
              </thead>
              <tbody>
                <tr data-stat="sent">
                  <th scope="row">{L('Liczba wysłanych SMSów', 'SMS sent')}</th>
                  <td class="num">{formatNumber(stats.today.sent)}</td>
                  <td class="num">{formatNumber(stats.week.sent)}</td>
                  <td class="num">{formatNumber(stats.month.sent)}</td>
                </tr>
                <tr>
                  <th scope="row">{L('Części SMS (koszt)', 'SMS parts (cost)')}</th>
                  <td class="num">{formatNumber(stats.today.parts)}</td>
                  <td class="num">{formatNumber(stats.week.parts)}</td>
                  <td class="num">{formatNumber(stats.month.parts)}</td>
                </tr>
                <tr>
                  <th scope="row">{L('Doręczone', 'Delivered')}</th>
                  <td class="num">{formatNumber(stats.today.delivered)}</td>
                  <td class="num">{formatNumber(stats.week.delivered)}</td>
                  <td class="num">{formatNumber(stats.month.delivered)}</td>
                </tr>
                <tr>
                  <th scope="row">{L('Nieudane', 'Failed')}</th>
                  <td class="num">{formatNumber(stats.today.failed)}</td>
                  <td class="num">{formatNumber(stats.week.failed)}</td>
                  <td class="num">{formatNumber(stats.month.failed)}</td>
                </tr>
                <tr data-stat="numbers">
                  <th scope="row">
                    {L('Liczba numerów telefonów w bazie', 'Phone numbers in the base')}
                    <div class="muted small">
                      {L('nowe numery w okresie; razem w bazie: ', 'new numbers in the period; in the base in total: ')}
                      <strong data-stat="numbers-total">{formatNumber(stats.numbersCollected)}</strong>
                    </div>
                  </th>
                  <td class="num">{formatNumber(stats.numbersAdded.today)}</td>
                  <td class="num">{formatNumber(stats.numbersAdded.week)}</td>
                  <td class="num">{formatNumber(stats.numbersAdded.month)}</td>
                </tr>
                <tr data-stat="growth">
                  <th scope="row">{L('Tygodniowy przyrost numerów telefonów', 'Weekly growth of phone numbers')}</th>
                  <td class="num" colSpan={3}>
                    +{formatNumber(stats.weeklyGrowth.thisWeek)}
                    {stats.weeklyGrowth.percent !== null ? (
                      <span class="muted">
                        {' '}
                        ({stats.weeklyGrowth.percent >= 0 ? '+' : ''}
                        {formatNumber(Math.round(stats.weeklyGrowth.percent))}% {L('wobec poprzedniego tygodnia', 'vs last week')})
                      </span>
                    ) : (
                      <span class="muted">
                        {' '}
                        ({L(`poprzedni tydzień: ${stats.weeklyGrowth.lastWeek}`, `last week: ${stats.weeklyGrowth.lastWeek}`)})
                      </span>
                    )}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <DailyChart
            series={lastDays(stats.daily, stats.daily.at(-1)?.date ?? new Date().toISOString().slice(0, 10))}
            revenue={
              links.data ? { byDate: new Map(links.data.daily.map((d) => [d.date, d.revenue])), currency: links.data.currency } : undefined
            }
          />
          {links.data ? <LinkResults data={links.data} onSettingsSaved={links.reload} /> : null}
        </>
      ) : null}
    </section>
  );
}

const WIDTH = 900;
const HEIGHT = 260;
const PAD = { left: 44, right: 12, top: 16, bottom: 40 };

function DailyChart(props: { series: DayCount[]; revenue?: { byDate: Map<string, number>; currency: string } }) {
  const total = props.series.reduce((sum, d) => sum + d.sent, 0);
  const max = Math.max(0, ...props.series.map((d) => d.sent));
  const { top, ticks } = axis(max);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / props.series.length;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const busiest = props.series.reduce<DayCount | undefined>((best, d) => (d.sent > (best?.sent ?? 0) ? d : best), undefined);
  const label = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
  return (
    <figure class="panel chart">
      <figcaption id="chart-title">
        {L('Wysłane SMS-y dziennie — ostatnie 30 dni', 'SMS sent per day: the last 30 days')}
        {props.revenue ? <span class="legend-revenue"> {L('· linia: przychód z SMS', '· line: revenue from SMS')}</span> : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        class="bar-chart"
        preserveAspectRatio="xMidYMid meet"
      >
        <desc id="chart-desc">
          {L(
            `Razem ${total} SMS w ciągu 30 dni${busiest ? `, najwięcej ${busiest.sent} dnia ${busiest.date}` : ''}.`,
            `${total} SMS in 30 days${busiest ? `, most on ${busiest.date} (${busiest.sent})` : ''}.`,
          )}
        </desc>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 8} y={y(t) + 4} text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        {props.series.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const h = PAD.top + plotH - y(d.sent);
          return (
            <g key={d.date} class="bar" data-date={d.date} data-sent={d.sent}>
              <rect x={x} y={y(d.sent)} width={barW} height={Math.max(h, d.sent > 0 ? 1 : 0)} rx={2}>
                <title>{`${d.date}: ${d.sent} SMS`}</title>
              </rect>
              {i % 5 === 4 || i === 0 ? (
                <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 18} text-anchor="middle" class="x-label">
                  {label(d.date)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line class="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} />
        {props.revenue ? (
          <RevenueLine
            values={props.series.map((d) => props.revenue!.byDate.get(d.date) ?? 0)}
            currency={props.revenue.currency}
            left={PAD.left}
            slot={slot}
            top={PAD.top}
            height={plotH}
            right={WIDTH - PAD.right}
          />
        ) : null}
      </svg>
      {total === 0 ? (
        <p class="hint">{L('W ostatnich 30 dniach nie wysłano jeszcze żadnego SMS-a.', 'No SMS sent in the last 30 days.')}</p>
      ) : null}
    </figure>
  );
}
