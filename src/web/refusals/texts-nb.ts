/**
 * The server's refusals (the result unions' ErrorResult members) in bokmål, keyed on their
 * `__typename`, with the values they carry as placeholders ({{remaining}}, {{lines}} …; see
 * refusal-text.ts for how each is formatted). The server's own message is only the fallback:
 * refusal-text.ts uses it when a text needs a value the operation did not select.
 * refusals.test.ts fails when a refusal the web's operations can receive has no text here or in
 * texts-en.ts (the same keys; its type says so).
 */
export const refusalsNb = {
  BudgetExceededError:
    'Koststed {{costCentreCode}} har {{remaining}} igjen av budsjettet for {{year}}, men beløpet er {{requested}}. Velg et annet koststed, fjern varer, eller be en attestant om å overstyre budsjettet med en begrunnelse.',
  CartEmptyError: 'Handlekurven er tom, så det er ingenting å bestille. Legg varer i handlekurven først.',
  CartNotOrderableError: 'Disse linjene kan ikke bestilles slik de er: {{lines}}. Gå til handlekurven og fjern eller bytt dem.',
  CatalogueStateError: 'Katalogversjonen har status «{{status}}», og det kan ikke gjøres nå. Last inn siden på nytt for å se hva som gjelder.',
  CatalogueVersionOutdatedError: 'Versjon {{publishedVersionNo}} er publisert etter at denne ble lastet opp. Last opp katalogen på nytt, så den bygger på versjonen som gjelder.',
  CeilingExceededError: 'Avtalen {{agreementReference}} har bare {{remaining}} igjen under taket, men beløpet er {{requested}}. Fjern varer fra avtalen eller kontakt innkjøpsenheten.',
  CostCentreInactiveError: 'Koststedet er ikke lenger aktivt. Velg et annet koststed.',
  DelegationOverlapError: 'Det finnes allerede en delegering som overlapper denne perioden. Endre datoene eller avslutt den andre delegeringen først.',
  DuplicateDespatchError: 'Denne forsendelsen er registrert fra før. Se ordren for forsendelsene som er sendt.',
  DuplicateInvoiceNumberError: 'Fakturanummeret {{invoiceNumber}} er brukt før. Gi fakturaen et nytt nummer.',
  IdempotencyKeyReusedError:
    'Et tidligere forsøk med dette utkastet laget allerede faktura {{invoiceId}}, og siden er dette endret: {{differentFields}}. Se fakturaen under Fakturaer. Sender du igjen, lages en faktura til.',
  InvalidDelegationError: 'Delegeringen er ikke gyldig: sjekk at perioden slutter etter at den begynner, og at du ikke delegerer til deg selv.',
  InvalidOrderResponseError: 'Svaret på ordren kan ikke sendes slik det er (linje {{lineId}}). Rett linjen og send igjen.',
  InvoiceFromOrderRefused: 'Fakturaen ble ikke laget: {{problemsCount}} feil. Rett feltene som er merket, og send igjen; det du har skrevet, er tatt vare på.',
  InvoiceStateError: 'Fakturaen har status «{{status}}», og det kan ikke gjøres nå. Last inn siden på nytt for å se hva som gjelder.',
  InvoiceVersionConflictError: 'Noen andre har endret fakturaen i mellomtiden. Last inn siden på nytt og prøv igjen.',
  InvoicesNotPayableError: '{{invoicesCount}} av fakturaene kan ikke merkes som betalt nå. Ingen ble merket; fjern dem og prøv igjen.',
  ItemNotOrderable: 'Varen kan ikke bestilles i dag: den er ikke i en katalog virksomheten din kan bestille fra nå. Søk etter en annen vare.',
  LineNotReceivableError: 'Linje {{lines}} kan ikke tas imot (leverandøren leverer den ikke, eller den er kansellert). Fjern den fra varemottaket.',
  MandatoryAgreementRefusal: 'Kategorien er dekket av den pliktige avtalen {{agreements}}: velg en av avtalevarene, eller begrunn kjøpet utenfor avtalen.',
  MissingRoleError: 'Brukeren har ikke rollen «{{role}}» som trengs her. Velg en annen bruker.',
  NoApproverError: 'Ingen kan godkjenne {{amount}} på dette koststedet. Velg et annet koststed eller kontakt administrator.',
  NotAuthorisedToApproveError: 'Du kan ikke godkjenne {{amount}}: det er over grensen din. Rekvisisjonen venter på en attestant med høyere grense.',
  NothingToExportError: 'Alle godkjente fakturaer er eksportert allerede; det er ingenting nytt å eksportere.',
  OrderStateError: 'Bestillingen har status «{{status}}», og det kan ikke gjøres nå. Last inn siden på nytt for å se hva som gjelder.',
  OrderVersionConflictError: 'Noen andre har endret bestillingen i mellomtiden. Last inn siden på nytt og prøv igjen.',
  OverReceiptError: 'Du tar imot mer enn det som er bestilt på linje {{lines}}. Sjekk antallene og prøv igjen.',
  PriceIncreasesBeyondClauseError: '{{flaggedCount}} prisøkninger går ut over avtalens prisreguleringsklausul. Publiser bare med overstyring og en begrunnelse, eller avvis versjonen.',
  ReasonRequiredError: 'Skriv en begrunnelse før du sender.',
  ReturnBeyondReceivedError: 'Du returnerer mer enn det som er mottatt på linje {{lines}}. Sjekk antallene og prøv igjen.',
  SelfApprovalError: 'Du kan ikke godkjenne din egen rekvisisjon. Den venter på en annen attestant.',
  UnknownOrderLineError: 'Ordren har ingen linje {{lineIds}}. Last inn ordren på nytt og prøv igjen.',
  UnspscChoicesRefused: 'Kodene ble ikke tatt i bruk: linje {{problems}}. Velg en kode innenfor avtalens omfang og prøv igjen.',
  UserNotInOrganisationError: 'Brukeren hører ikke til virksomheten. Velg en bruker i virksomheten.',
};
