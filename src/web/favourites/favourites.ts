/** A template's name as the API takes it: 2 to 100 characters once trimmed; the problem's i18n key otherwise. */
export function templateNameProblem(name: string): 'extra.templates.nameTooShort' | 'extra.templates.nameTooLong' | null {
  const trimmed = name.trim();
  if (trimmed.length < 2) return 'extra.templates.nameTooShort';
  if (trimmed.length > 100) return 'extra.templates.nameTooLong';
  return null;
}
