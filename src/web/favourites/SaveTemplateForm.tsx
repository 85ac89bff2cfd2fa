import { Button, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useKeptDraft } from '../auth/useKeptDraft';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { templateNameProblem } from './favourites';
import { SaveCartAsTemplate, TEMPLATE_TYPES } from './queries';

/** Saves the cart's catalogue lines as a named template; a refusal (a name taken) keeps what was typed. */
export function SaveTemplateForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // The name as typed outlives an expired sign-in (useKeptDraft).
  const [name, setName] = useKeptDraft('template-name', '');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, save] = useMutation(SaveCartAsTemplate);
  const submit = async () => {
    const invalid = templateNameProblem(name);
    if (invalid) return setProblem(t(invalid));
    setProblem(null);
    const r = await save({ input: { name: name.trim() } }, TEMPLATE_TYPES);
    if (r.error) return setProblem(errorMessage(r.error, t));
    if (r.data) {
      announce(t('extra.templates.saved', { name: r.data.saveCartAsTemplate.name }));
      setName('');
    }
  };
  return (
    <form
      className="torg-save-template"
      aria-labelledby="save-template-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="save-template-heading" className="ds-heading" data-size="xs">
        {t('extra.templates.saveTitle')}
      </h2>
      <Textfield label={t('extra.templates.name')} description={t('extra.templates.nameHelp')} value={name} onChange={(e) => setName(e.target.value)} error={problem ?? undefined} maxLength={100} />
      <Button type="submit" variant="secondary" data-size="sm" loading={state.fetching}>
        {t('extra.templates.save')}
      </Button>
    </form>
  );
}
