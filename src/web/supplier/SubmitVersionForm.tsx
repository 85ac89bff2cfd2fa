import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { refusalText } from '../refusals/refusal-text';

/**
 * The answer is selected as the purchasing unit's publish and reject are: the fragment
 * CatalogueVersionAnswer (purchasing/queries.ts). Codegen puts its text into this document, so
 * nothing is imported from there at run time.
 */
const SubmitCatalogueVersion = graphql(`
  mutation SubmitCatalogueVersion($versionId: Int!) {
    submitCatalogueVersion(versionId: $versionId) {
      ...CatalogueVersionAnswer
    }
  }
`);

/**
 * A DRAFT version is only the supplier's until it is sent for review: this sends it to the
 * purchasing unit (submitCatalogueVersion). The server's refusal (another state, lines still
 * waiting for a code) is shown as it says it, with what to do.
 */
export function SubmitVersionForm({ versionId, onSubmitted }: { versionId: number; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [sending, submit] = useMutation(SubmitCatalogueVersion);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async () => {
    setFailure(null);
    const res = await submit({ versionId });
    if (res.error) return setFailure(errorMessage(res.error, t));
    const answer = res.data?.submitCatalogueVersion;
    if (!answer) return;
    if (answer.__typename === 'CatalogueVersion') {
      announce(t('supplierPortal.version.submitted'));
      onSubmitted();
    } else setFailure(refusalText(answer, t));
  };

  return (
    <section aria-labelledby="submit-heading" className="torg-stack">
      <Heading level={2} data-size="sm" id="submit-heading">
        {t('supplierPortal.version.submitTitle')}
      </Heading>
      <Paragraph>{t('supplierPortal.version.submitIntro')}</Paragraph>
      {failure && <ErrorAlert title={t('supplierPortal.version.submitFailedTitle')} message={failure} />}
      <div>
        <Button type="button" onClick={() => void send()} disabled={sending.fetching}>
          {t('supplierPortal.version.submit')}
        </Button>
      </div>
    </section>
  );
}
