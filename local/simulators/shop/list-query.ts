// Shoper list semantics: `filters` (a JSON string), `order`, `limit` (1..50, default 10) and `page`,
// answered as {count, pages, page, list}. Filters compare against the REST representation.

export type ListQueryResult =
  | { ok: true; value: { count: number; pages: number; page: number; list: unknown[] } }
  | { ok: false; description: string };

type Row = Record<string, unknown>;

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;

function fieldValue(row: unknown, path: string): unknown {
  if (row !== null && typeof row === 'object' && path in (row as Row)) return (row as Row)[path];
  const [head, ...rest] = path.split('.');
  if (head === undefined || rest.length === 0 || row === null || typeof row !== 'object') return undefined;
  const next = (row as Row)[head];
  const tail = rest.join('.');
  if (next === null || typeof next !== 'object') return undefined;
  const direct = fieldValue(next, tail);
  if (direct !== undefined) return direct;
  // Shoper lets a filter skip the locale key of translations ("translations.name").
  for (const child of Object.values(next as Row)) {
    const found = fieldValue(child, tail);
    if (found !== undefined) return found;
  }
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function compare(a: unknown, b: unknown): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb ? 0 : na < nb ? -1 : 1;
  const sa = a === null || a === undefined ? '' : String(a);
  const sb = b === null || b === undefined ? '' : String(b);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function equals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null) return (a === null || a === undefined) && b === null;
  return compare(a, b) === 0;
}

function like(value: unknown, pattern: unknown): boolean {
  const escaped = String(pattern)
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'is').test(value === null || value === undefined ? '' : String(value));
}

function toArray(operand: unknown): unknown[] {
  return Array.isArray(operand) ? operand : [operand];
}

const OPERATORS: Record<string, (value: unknown, operand: unknown) => boolean> = {
  '=': equals,
  eq: equals,
  '!=': (v, o) => !equals(v, o),
  '<>': (v, o) => !equals(v, o),
  ne: (v, o) => !equals(v, o),
  neq: (v, o) => !equals(v, o),
  '>': (v, o) => v !== null && v !== undefined && compare(v, o) > 0,
  gt: (v, o) => v !== null && v !== undefined && compare(v, o) > 0,
  '>=': (v, o) => v !== null && v !== undefined && compare(v, o) >= 0,
  gte: (v, o) => v !== null && v !== undefined && compare(v, o) >= 0,
  '<': (v, o) => v !== null && v !== undefined && compare(v, o) < 0,
  lt: (v, o) => v !== null && v !== undefined && compare(v, o) < 0,
  '<=': (v, o) => v !== null && v !== undefined && compare(v, o) <= 0,
  lte: (v, o) => v !== null && v !== undefined && compare(v, o) <= 0,
  in: (v, o) => toArray(o).some((item) => equals(v, item)),
  'not in': (v, o) => !toArray(o).some((item) => equals(v, item)),
  not_in: (v, o) => !toArray(o).some((item) => equals(v, item)),
  like,
  'not like': (v, o) => !like(v, o),
};

type Predicate = (row: unknown) => boolean;

function parseFilters(raw: string | null): { ok: true; predicate: Predicate } | { ok: false; description: string } {
  if (raw === null || raw.trim() === '') return { ok: true, predicate: () => true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, description: 'filters must be a JSON object, e.g. {"status_id":{"in":[1,2]}}' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, description: 'filters must be a JSON object, e.g. {"user_id":5}' };
  }
  const checks: Predicate[] = [];
  for (const [field, condition] of Object.entries(parsed as Row)) {
    if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const [rawOperator, operand] of Object.entries(condition as Row)) {
        const operator = OPERATORS[rawOperator.trim().toLowerCase()];
        if (!operator) return { ok: false, description: `unknown filter operator "${rawOperator}" for field ${field}` };
        checks.push((row) => operator(fieldValue(row, field), operand));
      }
    } else if (Array.isArray(condition)) {
      checks.push((row) => toArray(condition).some((item) => equals(fieldValue(row, field), item)));
    } else {
      checks.push((row) => equals(fieldValue(row, field), condition));
    }
  }
  return { ok: true, predicate: (row) => checks.every((check) => check(row)) };
}

function parseOrder(raw: string | null, idField: string): Array<{ field: string; direction: 1 | -1 }> {
  if (raw === null || raw.trim() === '') return [{ field: idField, direction: 1 }];
  let terms: string[];
  try {
    const parsed: unknown = JSON.parse(raw);
    terms = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    terms = raw.split(',');
  }
  return terms
    .map((term) => term.trim())
    .filter((term) => term !== '')
    .map((term) => {
      if (term.startsWith('-')) return { field: term.slice(1), direction: -1 as const };
      const [field = idField, dir] = term.split(/\s+/);
      return { field, direction: dir?.toLowerCase() === 'desc' ? (-1 as const) : (1 as const) };
    });
}

export function listQuery(rows: unknown[], params: URLSearchParams, idField: string): ListQueryResult {
  const limitRaw = params.get('limit');
  const limit = limitRaw === null || limitRaw === '' ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return { ok: false, description: `limit must be an integer from 1 to ${MAX_LIMIT}` };
  }
  const pageRaw = params.get('page');
  const page = pageRaw === null || pageRaw === '' ? 1 : Number(pageRaw);
  if (!Number.isInteger(page) || page < 1) return { ok: false, description: 'page must be a positive integer' };
  const filters = parseFilters(params.get('filters'));
  if (!filters.ok) return filters;
  const order = parseOrder(params.get('order'), idField);
  const matching = rows.filter(filters.predicate);
  matching.sort((a, b) => {
    for (const { field, direction } of order) {
      const result = compare(fieldValue(a, field), fieldValue(b, field));
      if (result !== 0) return result * direction;
    }
    return 0;
  });
  const count = matching.length;
  return {
    ok: true,
    value: { count, pages: Math.ceil(count / limit), page, list: matching.slice((page - 1) * limit, page * limit) },
  };
}
