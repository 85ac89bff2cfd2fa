import { Button, EXPERIMENTAL_Suggestion as Suggestion, Field, Label, Paragraph, type SuggestionItem } from '@digdir/designsystemet-react';
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
 * A picker that asks the server as the user types (Designsystemet's Suggestion, a combobox with
 * a listbox): the options shown are the server's answer for the text, a page at a time, and
 * *Vis flere* fetches the next page. Counts are announced by the list itself (data-sr-*).
 */
export function ServerSuggestion({ id, label, selected, onSelect, options, onSearch, totalCount, hasMore, onMore, fetching, filterHere = false, testId }: ServerSuggestionProps) {
  const { t } = useTranslation();
  return (
    <div className="torg-suggestion" data-testid={testId}>
      <Field>
        <Label htmlFor={id}>{label}</Label>
        {/* Above the field, not below: the open list lies over what follows the field, so a
            button there could not be reached with the pointer while the answers show. */}
        {totalCount !== null && totalCount > options.length && (
          <Paragraph data-size="sm" className="torg-suggestion-more">
            {t('purchasing.pickers.showing', { shown: options.length, total: totalCount })}{' '}
            {hasMore && (
              <Button type="button" variant="tertiary" data-size="sm" onClick={onMore} disabled={fetching} aria-label={t('purchasing.pickers.moreFor', { label })}>
                {t('purchasing.pickers.more')}
              </Button>
            )}
          </Paragraph>
        )}
        <Suggestion filter={filterHere} selected={selected} onSelectedChange={(item) => onSelect(item)} data-sr-singular={t('purchasing.pickers.oneHit')} data-sr-plural={t('purchasing.pickers.hits')}>
          <Suggestion.Input
            id={id}
            placeholder={t('purchasing.pickers.typeToSearch')}
            onInput={(e) => {
              if (e.nativeEvent.isTrusted) openList(e.currentTarget);
              onSearch(e.currentTarget.value);
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
