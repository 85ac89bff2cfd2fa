import '../work/work.css';
import { Button, Checkbox, Field, Heading, Label, Paragraph, Select, Table, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { FieldErrorSummary, useErrorSummaryFocus } from '../components/FieldErrorSummary';
import { PageHeading } from '../components/PageHeading';
import { formatDate, todayInNorway } from '../format/format';
import { CancelDelegation, CreateDelegation, DelegationsQuery, SubstituteChoices } from '../work/approval-queries';
import { useCursorPages } from '../work/cursor-pages';
import { checkDelegation, EMPTY_DELEGATION, type DelegationDraft } from '../work/delegation';
import { refusalText } from '../refusals/refusal-text';
import { useKeptDraft } from '../auth/useKeptDraft';

const FIELD_IDS: Record<keyof DelegationDraft, string> = { substituteUserId: 'delegation-substitute', validFrom: 'delegation-from', validTo: 'delegation-to' };

/** The approver names a substitute for a period, and sees (and cancels) the organisation's delegations. */
export function DelegationsPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const pages = useCursorPages();
  const [includeEnded, setIncludeEnded] = useState(false);
  const [list, refetchList] = useQuery({ query: DelegationsQuery, variables: { after: pages.after, includeEnded }, requestPolicy: 'cache-and-network' });
  const [choices] = useQuery({ query: SubstituteChoices });
  const [creating, create] = useMutation(CreateDelegation);
  const [cancelling, cancel] = useMutation(CancelDelegation);
  // What was typed outlives an expired sign-in (useKeptDraft).
  const [draft, setDraft] = useKeptDraft<DelegationDraft>('delegation', EMPTY_DELEGATION);
  const [errors, setErrors] = useState<Partial<Record<keyof DelegationDraft, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const summary = useErrorSummaryFocus();
  const me = choices.data?.me.userId;
  const people = (choices.data?.approvalAuthorities.edges ?? []).map((e) => e.node.user).filter((u): u is NonNullable<typeof u> => !!u && u.id !== me);
  const connection = list.data?.delegations;
  const set = (field: keyof DelegationDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });

  const submit = async () => {
    setRefusal(null);
    const checked = checkDelegation(draft, t);
    setErrors(checked.errors);
    if (!checked.input) {
      summary.focus();
      return;
    }
    const r = await create({ input: checked.input });
    const a = r.data?.createDelegation;
    if (!a) return; // failed request: creating.error; the form is kept
    if (a.__typename === 'ApprovalDelegation') {
      setDraft(EMPTY_DELEGATION);
      announce(t('work.delegations.created', { name: a.substitute?.name ?? '', from: formatDate(a.validFrom), to: formatDate(a.validTo) }));
      refetchList({ requestPolicy: 'network-only' });
      return;
    }
    // A substitute without the approver role: said in the user's words, with what to do.
    setRefusal(a.__typename === 'MissingRoleError' ? t('work.delegations.errors.notApprover') : refusalText(a, t));
  };

  return (
    <>
      <PageHeading title={t('work.delegations.title')}>{t('work.delegations.title')}</PageHeading>
      <Paragraph>{t('work.delegations.intro')}</Paragraph>
      <section aria-labelledby="delegation-form" className="torg-work-section">
        <Heading level={2} data-size="sm" id="delegation-form">
          {t('work.delegations.form')}
        </Heading>
        <FieldErrorSummary heading={t('work.delegations.errorSummary')} errors={errors} fieldIds={FIELD_IDS} summaryRef={summary.ref} />
        {refusal && <ErrorAlert message={refusal} />}
        {creating.error && <ErrorAlert message={errorMessage(creating.error, t)} />}
        {choices.error && <ErrorAlert message={errorMessage(choices.error, t)} />}
        <form
          noValidate
          className="torg-work-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field>
            <Label htmlFor={FIELD_IDS.substituteUserId}>{t('work.delegations.substitute')}</Label>
            <Select
              id={FIELD_IDS.substituteUserId}
              value={draft.substituteUserId}
              onChange={set('substituteUserId')}
              aria-invalid={!!errors.substituteUserId}
              aria-describedby={errors.substituteUserId ? `${FIELD_IDS.substituteUserId}-error` : undefined}
            >
              <Select.Option value="">{t('work.delegations.choose')}</Select.Option>
              {people.map((u) => (
                <Select.Option key={u.id} value={String(u.id)}>
                  {u.name} ({u.email})
                </Select.Option>
              ))}
            </Select>
            {errors.substituteUserId && <ValidationMessage id={`${FIELD_IDS.substituteUserId}-error`}>{errors.substituteUserId}</ValidationMessage>}
          </Field>
          <Textfield id={FIELD_IDS.validFrom} type="date" min={todayInNorway()} label={t('work.delegations.from')} value={draft.validFrom} onChange={set('validFrom')} error={errors.validFrom} />
          <Textfield
            id={FIELD_IDS.validTo}
            type="date"
            min={draft.validFrom || todayInNorway()}
            label={t('work.delegations.to')}
            value={draft.validTo}
            onChange={set('validTo')}
            error={errors.validTo}
          />
          <div className="torg-actions">
            <Button type="submit" loading={creating.fetching} disabled={creating.fetching}>
              {creating.fetching ? t('work.delegations.creating') : t('work.delegations.create')}
            </Button>
          </div>
        </form>
      </section>
      <section aria-labelledby="delegation-list" className="torg-work-section">
        <Heading level={2} data-size="sm" id="delegation-list">
          {t('work.delegations.list')}
        </Heading>
        <Checkbox
          label={t('work.delegations.showEnded')}
          checked={includeEnded}
          onChange={(e) => {
            setIncludeEnded(e.target.checked);
            pages.reset();
          }}
        />
        {list.error && <ErrorAlert message={errorMessage(list.error, t)} onRetry={() => refetchList({ requestPolicy: 'network-only' })} />}
        {cancelling.error && <ErrorAlert message={errorMessage(cancelling.error, t)} />}
        {connection && connection.totalCount === 0 && <Paragraph>{t('work.delegations.empty')}</Paragraph>}
        {connection && connection.edges.length > 0 && (
          <Table data-size="sm" data-testid="delegations">
            <caption className="torg-visually-hidden">{t('work.delegations.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('work.delegations.principal')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.delegations.substitute')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.delegations.period')}</Table.HeaderCell>
                <Table.HeaderCell>{t('work.delegations.status')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="torg-visually-hidden">{t('work.delegations.cancel')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {connection.edges.map(({ node: d }) => (
                <Table.Row key={d.id}>
                  <Table.Cell>{d.principal?.name ?? '–'}</Table.Cell>
                  <Table.Cell>{d.substitute?.name ?? '–'}</Table.Cell>
                  <Table.Cell>
                    {formatDate(d.validFrom)}–{formatDate(d.validTo)}
                  </Table.Cell>
                  <Table.Cell>{t(`work.delegations.statuses.${d.status}`)}</Table.Cell>
                  <Table.Cell>
                    {d.principalUserId === me && (d.status === 'ACTIVE' || d.status === 'SCHEDULED') && (
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        disabled={cancelling.fetching}
                        aria-label={t('work.delegations.cancelFor', { name: d.substitute?.name ?? '', from: formatDate(d.validFrom), to: formatDate(d.validTo) })}
                        onClick={() =>
                          void (async () => {
                            const r = await cancel({ id: d.id });
                            const a = r.data?.cancelDelegation;
                            if (a?.__typename === 'ApprovalDelegation') announce(t('work.delegations.cancelled'));
                            else if (a) setRefusal(refusalText(a, t));
                            refetchList({ requestPolicy: 'network-only' });
                          })()
                        }
                      >
                        {t('work.delegations.cancel')}
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <CursorPager
          label={t('work.delegations.pager')}
          page={pages.page}
          hasNext={!!connection?.pageInfo.hasNextPage}
          onPrevious={pages.previous}
          onNext={() => pages.next(connection?.pageInfo.endCursor)}
        />
      </section>
    </>
  );
}
