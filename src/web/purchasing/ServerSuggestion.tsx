import { Button, EXPERIMENTAL_Suggestion as Suggestion, Field, Label, type SuggestionItem } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

export interface ServerSuggestionProps {
  id: string;
  label: string;
  /** The choice, or null for all. */
  selected: SuggestionItem | null;
  onSelect: (item: SuggestionItem | null) => void;
  /** The options the server gave for what is typed (all pages fetched so far). */
  options: readonly SuggestionItem[];
  /** What is typed, as the user types (the caller asks the server). */
  onSearch: (text: string) => void;
  /** The text the options answer (named in the count line: the field may be emptied when it loses focus). */
  searched?: string;
  /** How many the server has in all for what is typed; null while unknown. */
  totalCount: number | null;
  hasMore: boolean;
  onMore: () => void;
  fetching: boolean;
  /** Filter the options in the browser too (a short list fetched whole); false when the server filtered them. */
  filterHere?: boolean;
  testId?: string;
}

/**
 * Opens the list when text arrives without a key press or click (pasted from a menu, dictated,
 * filled in by an assistive tool): Designsystemet's list (u-datalist) opens only on a click or a
 * keydown in the field, so such text would otherwise leave the answers hidden. A click on the
 * field is the list's own way to open, so its state (aria-expanded, popover, position) stays whole.
 * Only the user's own input counts: the component writes the chosen label into the field with a
 * synthetic input event, and that must not open the list again.
 */
function openList(input: HTMLInputElement) {
  if (input.list?.hidden && input.ownerDocument.activeElement === input) input.click();
}

/**
 * Whether text in the field was written there by the list itself, not by the user: it writes the
 * chosen option's label on a pick (or when the choice arrives from the address), and on leaving
 * the field, in single mode, puts back the choice's label or empties it when nothing is chosen.
 * Such events are not trusted (the user's typing, pasting and dictation are), and their text is
 * the choice's label, an option's label or value, or nothing. Searching for it would ask the
 * server for the picked name (a wasted request whose answer replaces the list) or throw away
 * the answers the user was paging through. Both tests are needed: jsdom's typed events are not
 * trusted either.
 */
function writtenByList(event: Event, text: string, selected: SuggestionItem | null, options: readonly SuggestionItem[]): boolean {
  if (event.isTrusted) return false;
  return text === '' || text === selected?.label || text === selected?.value || options.some((o) => o.label === text || o.value === text);
}

/**
 * A picker that asks the server as the user types (Designsystemet's Suggestion, a combobox with
 * a listbox): the options shown are the server's answer for the text, a page at a time, and
 * *Vis flere* fetches the next page. Counts are announced by the list itself (data-sr-*).
 */
export function ServerSuggestion({ id, label, selected, onSelect, options, onSearch, searched = '', totalCount, hasMore, onMore, fetching, filterHere = false, testId }: ServerSuggestionProps) {
  const { t } = useTranslation();
  const partial = totalCount !== null && totalCount > options.length;
  // Seen: the counts alone, short enough to fit beside the button in a 16rem filter column.
  // Heard (and in the tooltip): the same with the text they answer.
  const shown = partial ? t('purchasing.pickers.showing', { shown: options.length, total: totalCount }) : '';
  const showing = !partial ? '' : searched ? t('purchasing.pickers.showingFor', { shown: options.length, total: totalCount, search: searched }) : shown;
  return (
    <div className="torg-suggestion" data-testid={testId}>
      <Field>
        <Label htmlFor={id}>{label}</Label>
        {/* Above the field, not below: the open list lies over what follows the field, so a
            button there could not be reached with the pointer while the answers show. The row is
            there (one line high) before it has anything to say, so the field does not move when
            it appears, and its text is a live region that exists before it changes, so screen
            readers say it. A picker whose list is fetched whole (filterHere) never has the row. */}
        {!filterHere && (
          <div data-size="sm" className="torg-suggestion-more" data-testid={testId && `${testId}-more`}>
            <span role="status" className="torg-visually-hidden">
              {showing}
            </span>
            <span className="torg-suggestion-count" aria-hidden="true" title={showing || undefined} data-testid={testId && `${testId}-count`}>
              {shown}
            </span>
            {partial && hasMore && (
              <Button type="button" variant="tertiary" data-size="sm" onClick={onMore} disabled={fetching} aria-label={t('purchasing.pickers.moreFor', { label })}>
                {t('purchasing.pickers.more')}
              </Button>
            )}
          </div>
        )}
        <Suggestion filter={filterHere} selected={selected} onSelectedChange={(item) => onSelect(item)} data-sr-singular={t('purchasing.pickers.oneHit')} data-sr-plural={t('purchasing.pickers.hits')}>
          <Suggestion.Input
            id={id}
            placeholder={t('purchasing.pickers.typeToSearch')}
            onInput={(e) => {
              const text = e.currentTarget.value;
              if (writtenByList(e.nativeEvent, text, selected, options)) return;
              if (e.nativeEvent.isTrusted) openList(e.currentTarget);
              onSearch(text);
            }}
          />
          <Suggestion.Clear aria-label={t('purchasing.pickers.clear', { label })} />
          <Suggestion.List>
            <Suggestion.Empty>{fetching ? t('app.loading') : t('purchasing.pickers.none')}</Suggestion.Empty>
            {options.map((o) => (
              <Suggestion.Option key={o.value} value={o.value} label={o.label}>
                {o.label}
              </Suggestion.Option>
            ))}
          </Suggestion.List>
        </Suggestion>
      </Field>
    </div>
  );
}
