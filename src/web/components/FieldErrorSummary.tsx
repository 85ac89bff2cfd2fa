import { ErrorSummary } from '@digdir/designsystemet-react';
import { useCallback, useRef, type ElementRef, type RefObject } from 'react';

type SummaryElement = ElementRef<typeof ErrorSummary>;

/**
 * Where focus goes after a submit the form refused: the summary, once it is on screen (it renders
 * with the errors, so focus waits for the next frame). A screen reader then reads the problems.
 */
export function useErrorSummaryFocus(): { ref: RefObject<SummaryElement>; focus: () => void } {
  const ref = useRef<SummaryElement>(null);
  const focus = useCallback(() => requestAnimationFrame(() => ref.current?.focus()), []);
  return { ref, focus };
}

/**
 * A form's problems after a refused submit, each a link to the field it is about (by the field's
 * id), under a heading that says to fix them; nothing when there are none.
 */
export function FieldErrorSummary<F extends string>({
  heading,
  errors,
  fieldIds,
  summaryRef,
}: {
  heading: string;
  errors: Partial<Record<F, string>>;
  fieldIds: Record<F, string>;
  summaryRef: RefObject<SummaryElement>;
}) {
  const list = (Object.entries(errors) as [F, string | undefined][]).filter((e): e is [F, string] => !!e[1]);
  if (!list.length) return null;
  return (
    <ErrorSummary ref={summaryRef} tabIndex={-1}>
      <ErrorSummary.Heading>{heading}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {list.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${fieldIds[field]}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
