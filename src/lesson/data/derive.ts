import * as path from "node:path";
import { Point, readSeries } from "./raw-series";

/**
 * Derivation of data/house_prices.csv from the raw FRED and Zillow series in data/raw.
 * Each step below is one small function; deriveHousePrices() at the bottom chains them.
 */

/** One week of the lesson's dataset: the columns of house_prices.csv. */
export interface DerivedRow {
  date: string;
  interest: number; // 30-year mortgage rate, %
  vacancy: number; // rental vacancy rate, %
  cpi: number; // consumer price index
  price: number; // Zillow median sale price, $
  value: number; // Zillow home value index of the same month, $
  adjPrice: number; // price in CPI-adjusted dollars
  adjValue: number; // value in CPI-adjusted dollars
  nextQuarter: number; // adjPrice 13 weeks later: what the lesson's network predicts
}

/** A date with one value per joined series; undefined where that series has no observation. */
export interface JoinedRow {
  date: string;
  values: (number | undefined)[];
}

/** Step 1a: put several series side by side, one row per date that appears in any of them. */
export function outerJoin(series: Point[][]): JoinedRow[] {
  const byDate = new Map<string, (number | undefined)[]>();
  series.forEach((points, column) => {
    for (const { date, value } of points) {
      const values = byDate.get(date) ?? new Array<number | undefined>(series.length).fill(undefined);
      if (values[column] !== undefined) throw new Error(`outerJoin: series ${column} has date ${date} twice`);
      values[column] = value;
      byDate.set(date, values);
    }
  });
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, values]) => ({ date, values }));
}

/** Step 1b: a gap takes the last value seen above it (a monthly CPI holds for every week of the month). */
export function forwardFill(rows: JoinedRow[]): JoinedRow[] {
  const last: (number | undefined)[] = [];
  return rows.map(({ date, values }) => ({
    date,
    values: values.map((value, column) => (last[column] = value ?? last[column])),
  }));
}

/** Step 1c: drop the rows still missing a value (those before every series has started). */
export function dropIncomplete(rows: JoinedRow[]): { date: string; values: number[] }[] {
  return rows.filter((row): row is { date: string; values: number[] } => row.values.every((v) => v !== undefined));
}

/** Calendar arithmetic on ISO dates, in UTC so that no time zone or daylight saving shifts a day. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 24 * 60 * 60 * 1000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Step 2: move every date by some days (FRED's weekly rates are dated Thursday, Zillow's weeks end Saturday). */
export function shiftDates<T extends { date: string }>(rows: T[], days: number): T[] {
  return rows.map((row) => ({ ...row, date: addDays(row.date, days) }));
}

/** Step 3: give each weekly point the monthly value of the same calendar month (YYYY-MM). */
export function withMonthValue(weeks: Point[], months: Point[]): { date: string; price: number; value: number }[] {
  const byMonth = new Map(months.map(({ date, value }) => [date.slice(0, 7), value]));
  return weeks.map(({ date, value: price }) => {
    const value = byMonth.get(date.slice(0, 7));
    if (value === undefined) throw new Error(`withMonthValue: no monthly value for ${date.slice(0, 7)} (week ${date})`);
    return { date, price, value };
  });
}

/** Step 4: keep only the dates present in both tables, merging their fields (left table's order). */
export function innerJoin<L extends { date: string }, R extends { date: string }>(left: L[], right: R[]): (L & R)[] {
  const rightByDate = new Map(right.map((row) => [row.date, row]));
  return left.flatMap((row) => {
    const match = rightByDate.get(row.date);
    return match === undefined ? [] : [{ ...row, ...match }];
  });
}

/**
 * Step 5: express a dollar amount in CPI-adjusted dollars. The order matters to the last digit:
 * (amount / cpi) * 100 is what the committed file holds; amount * 100 / cpi differs in a quarter of its rows.
 */
export function adjustForInflation(amount: number, cpi: number): number {
  return (amount / cpi) * 100;
}

/** Step 6: the value `steps` rows later, or undefined for the last `steps` rows. */
export function leadBy(values: number[], steps: number): (number | undefined)[] {
  return values.map((_, i) => values[i + steps]);
}

/** Weeks ahead that the target looks: a quarter. */
export const weeksPerQuarter = 13;

/** The whole derivation: read data/raw (or another folder with the same files) and return the dataset's rows. */
export function deriveHousePrices(rawDir: string): DerivedRow[] {
  const raw = (file: string, dateColumn: string, valueColumn: string): Point[] =>
    readSeries(path.join(rawDir, file), dateColumn, valueColumn);

  // 1. FRED: three series at different frequencies, made weekly by joining and forward-filling.
  const fredSeries = [
    raw("MORTGAGE30US.csv", "DATE", "MORTGAGE30US"),
    raw("RRVRUSQ156N.csv", "DATE", "RRVRUSQ156N"),
    raw("CPIAUCSL.csv", "DATE", "CPIAUCSL"),
  ];
  const fredDaily = dropIncomplete(forwardFill(outerJoin(fredSeries)));
  // 2. Line FRED's Thursdays up with Zillow's Saturdays.
  const fred = shiftDates(fredDaily, 2).map(({ date, values: [interest, vacancy, cpi] }) => ({
    date,
    interest,
    vacancy,
    cpi,
  }));

  // 3. Zillow: weekly sale price, plus the home value index of that month.
  const zillow = withMonthValue(
    raw("zillow_median_sale_price_us_week.csv", "date", "median_sale_price"),
    raw("zillow_zhvi_us_month.csv", "date", "zhvi"),
  );

  // 4. Weeks present in both sources.
  const weeks = innerJoin(fred, zillow);

  // 5. Inflation-adjusted prices.
  const adjusted = weeks.map((week) => ({
    ...week,
    adjPrice: adjustForInflation(week.price, week.cpi),
    adjValue: adjustForInflation(week.value, week.cpi),
  }));

  // 6. The target: adjusted price a quarter ahead; the last quarter has none and is dropped.
  const nextQuarter = leadBy(
    adjusted.map((week) => week.adjPrice),
    weeksPerQuarter,
  );
  return adjusted.flatMap((week, i) => {
    const next = nextQuarter[i];
    return next === undefined ? [] : [{ ...week, nextQuarter: next }];
  });
}
