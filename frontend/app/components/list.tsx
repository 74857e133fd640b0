// What every list tab shares: a search box, paging over the API's cursors ("< 1 2 >"), selection with
// "Zaznacz wszystko" / "Usuń zaznaczone", and an empty state that says what to do.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import { L } from '../i18n';
import { adjustIframeSize } from '../shoper-sdk';

export interface Page<T> {
  items: T[];
  cursor?: string;
  total?: number;
}

/** Pages by cursor: remembers the cursor of every page seen so "previous" works without the API's help. */
export function usePagedList<T>(fetchPage: (cursor: string | undefined, search: string) => Promise<Page<T>>) {
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [page, setPage] = useState<Page<T> | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    fetchPage(cursors[pageIndex], search).then(
      (result) => {
        if (!current) return;
        // A deletion may empty the last page: step back instead of showing an empty page.
        if (result.items.length === 0 && pageIndex > 0) {
          setPageIndex(pageIndex - 1);
          return;
        }
        setPage(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [pageIndex, search, round]);
  useEffect(() => adjustIframeSize());

  return {
    page,
    error,
    loading,
    pageIndex,
    search,
    hasNext: page?.cursor !== undefined,
    setSearch: (text: string) => {
      setSearch(text);
      setCursors([undefined]);
      setPageIndex(0);
    },
    next: () => {
      if (!page?.cursor) return;
      const nextCursors = cursors.slice(0, pageIndex + 1);
      nextCursors.push(page.cursor);
      setCursors(nextCursors);
      setPageIndex(pageIndex + 1);
    },
    previous: () => setPageIndex(Math.max(0, pageIndex - 1)),
    reload: () => setRound((r) => r + 1),
  };
}

export function SearchBox(props: { id: string; value: string; onSearch: (text: string) => void; placeholder: string }) {
  const [text, setText] = useState(props.value);
  return (
    <form
      class="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(text.trim());
      }}
    >
      <label class="visually-hidden" for={props.id}>
        {L('Wyszukaj', 'Search')}
      </label>
      <input
        id={props.id}
        type="search"
        value={text}
        placeholder={props.placeholder}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="button">
        {L('Wyszukaj', 'Search')}
      </button>
      {props.value ? (
        <button
          type="button"
          class="button button-link"
          onClick={() => {
            setText('');
            props.onSearch('');
          }}
        >
          {L('Wyczyść', 'Clear')}
        </button>
      ) : null}
    </form>
  );
}

export function Pager(props: { pageIndex: number; hasNext: boolean; onPrevious: () => void; onNext: () => void; total?: number }) {
  return (
    <nav class="pager" aria-label={L('Strony listy', 'List pages')}>
      <button
        type="button"
        class="button"
        onClick={props.onPrevious}
        disabled={props.pageIndex === 0}
        aria-label={L('Poprzednia strona', 'Previous page')}
      >
        &lt;
      </button>
      <span class="pager-current" aria-current="page">
        {props.pageIndex + 1}
      </span>
      <button type="button" class="button" onClick={props.onNext} disabled={!props.hasNext} aria-label={L('Następna strona', 'Next page')}>
        &gt;
      </button>
      {props.total !== undefined ? <span class="muted">{L(`Razem: ${props.total}`, `Total: ${props.total}`)}</span> : null}
    </nav>
  );
}

export function EmptyState(props: { children: ComponentChildren }) {
  return <div class="empty-state">{props.children}</div>;
}

/** Selection of the rows on the current page. */
export function useSelection(ids: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const visible = selected.size > 0 ? new Set([...selected].filter((id) => ids.includes(id))) : selected;
  const allSelected = ids.length > 0 && ids.every((id) => visible.has(id));
  return {
    selected: visible,
    allSelected,
    toggle: (id: string) => {
      const next = new Set(visible);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setSelected(next);
    },
    toggleAll: () => setSelected(allSelected ? new Set() : new Set(ids)),
    clear: () => setSelected(new Set()),
  };
}

export function BulkBar(props: {
  allSelected: boolean;
  count: number;
  onToggleAll: () => void;
  onDeleteSelected: () => void;
  busy: boolean;
  idPrefix: string;
}) {
  return (
    <div class="bulk-bar">
      <label class="check" for={`${props.idPrefix}-all`}>
        <input id={`${props.idPrefix}-all`} type="checkbox" checked={props.allSelected} onChange={props.onToggleAll} />
        <span>{L('Zaznacz wszystko', 'Select all')}</span>
      </label>
      <button type="button" class="button button-danger" disabled={props.count === 0 || props.busy} onClick={props.onDeleteSelected}>
        {L('Usuń zaznaczone', 'Delete selected')}
        {props.count > 0 ? ` (${props.count})` : ''}
      </button>
    </div>
  );
}
