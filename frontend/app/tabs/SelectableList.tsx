// The shared body of "Lista powiadomień" and "Zaplanowane wysyłki": search, Zaznacz wszystko, Usuń zaznaczone,
// a per-row Usuń, paging and an empty state.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import { BulkBar, EmptyState, Pager, SearchBox, usePagedList, useSelection, type Page } from '../components/list';
import { LoadFailed, Loading } from '../components/ui';
import { L } from '../i18n';
import { notify } from '../notify';

export interface Column<T> {
  title: string;
  cell: (item: T) => ComponentChildren;
  className?: string;
}

export interface SelectableListProps<T> {
  idPrefix: string;
  fetchPage: (cursor: string | undefined, search: string) => Promise<Page<T>>;
  idOf: (item: T) => string;
  /** A short description of a row for the confirmation ("48601… — T-shirt"). */
  describe: (item: T) => string;
  columns: Column<T>[];
  deleteOne: (id: string) => Promise<void>;
  /** Deletes many; answers how many were deleted and a note on the rest (already sent…). */
  deleteMany: (ids: string[]) => Promise<{ deleted: number; note?: string }>;
  searchPlaceholder: string;
  empty: ComponentChildren;
  emptySearch: ComponentChildren;
  deleteHeader: string;
}

export function SelectableList<T>(props: SelectableListProps<T>) {
  const list = usePagedList(props.fetchPage);
  const items = list.page?.items ?? [];
  const selection = useSelection(items.map(props.idOf));
  const [busy, setBusy] = useState(false);

  const removeOne = async (item: T) => {
    if (!window.confirm(L(`Usunąć: ${props.describe(item)}?`, `Delete: ${props.describe(item)}?`))) return;
    setBusy(true);
    try {
      await props.deleteOne(props.idOf(item));
      notify(L('Usunięto', 'Deleted'));
      list.reload();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  const removeSelected = async () => {
    const ids = [...selection.selected];
    if (ids.length === 0) return;
    if (!window.confirm(L(`Usunąć zaznaczone pozycje (${ids.length})?`, `Delete the selected items (${ids.length})?`))) return;
    setBusy(true);
    try {
      const result = await props.deleteMany(ids);
      notify(
        L(`Usunięto: ${result.deleted}`, `Deleted: ${result.deleted}`) + (result.note ? `. ${result.note}` : ''),
        result.note ? 'info' : 'success',
      );
      selection.clear();
      list.reload();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="selectable-list">
      <SearchBox id={`${props.idPrefix}-search`} value={list.search} onSearch={list.setSearch} placeholder={props.searchPlaceholder} />
      {items.length > 0 ? (
        <BulkBar
          idPrefix={props.idPrefix}
          allSelected={selection.allSelected}
          count={selection.selected.size}
          onToggleAll={selection.toggleAll}
          onDeleteSelected={removeSelected}
          busy={busy}
        />
      ) : null}
      {list.error ? <LoadFailed message={list.error} retry={list.reload} /> : null}
      {list.loading && !list.page ? <Loading /> : null}
      {list.page && items.length === 0 ? <EmptyState>{list.search ? props.emptySearch : props.empty}</EmptyState> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col" class="select-col">
                  <span class="visually-hidden">{L('Zaznacz', 'Select')}</span>
                </th>
                {props.columns.map((c) => (
                  <th scope="col" key={c.title}>
                    {c.title}
                  </th>
                ))}
                <th scope="col">{props.deleteHeader}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const id = props.idOf(item);
                return (
                  <tr key={id} data-row={id}>
                    <td class="select-col">
                      <input
                        type="checkbox"
                        checked={selection.selected.has(id)}
                        onChange={() => selection.toggle(id)}
                        aria-label={L(`Zaznacz: ${props.describe(item)}`, `Select: ${props.describe(item)}`)}
                      />
                    </td>
                    {props.columns.map((c) => (
                      <td key={c.title} class={c.className}>
                        {c.cell(item)}
                      </td>
                    ))}
                    <td>
                      <button type="button" class="button button-small button-danger-link" disabled={busy} onClick={() => removeOne(item)}>
                        {L('Usuń', 'Delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.page && (items.length > 0 || list.pageIndex > 0) ? (
        <Pager pageIndex={list.pageIndex} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} total={list.page.total} />
      ) : null}
    </div>
  );
}
