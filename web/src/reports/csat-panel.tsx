import type { CsatReport } from "@contract/csat";
import { BarChart } from "./charts";
import { percent } from "./report-format";
import { Panel } from "./report-panel";
import { type ReportFilter, useReport } from "./reports-api";
import "./csat-panel.css";

const RATINGS = [1, 2, 3, 4, 5] as const;

/** Guest satisfaction: the average rating, how many answered, and how the ratings spread over 1–5. */
export function CsatPanel({ filter }: { filter: ReportFilter }) {
  const q = useReport<CsatReport>("csat", filter);
  const row = q.data?.rows[0];
  return (
    <Panel title="Guest satisfaction" report="csat" filter={filter} state={q}>
      {row && (
        <>
          <dl className="csat-figures">
            <div>
              <dt>Average</dt>
              <dd data-testid="csat-average">
                {row.average === null ? "–" : `${row.average.toFixed(2)} / 5`}
              </dd>
            </div>
            <div>
              <dt>Ratings</dt>
              <dd data-testid="csat-responses">{row.responses}</dd>
            </div>
            <div>
              <dt>Surveys sent</dt>
              <dd>{row.sent}</dd>
            </div>
            <div>
              <dt>Response rate</dt>
              <dd>{row.responseRate === null ? "–" : percent(row.responseRate)}</dd>
            </div>
          </dl>
          <BarChart
            label="Guest ratings from 1 (very poor) to 5 (excellent)"
            categories={RATINGS.map((n) => `${n}`)}
            series={[{ name: "Ratings", color: "#0f766e", values: RATINGS.map((n) => row[`rated${n}`]) }]}
          />
        </>
      )}
    </Panel>
  );
}
