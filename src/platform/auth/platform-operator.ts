/**
 * Platform operators run the Torg installation: they register organisations and grant roles in
 * any of them. They are named by e-mail in configuration (PLATFORM_OPERATORS), never through the
 * API, so no organisation's ADMIN can make itself or anyone else one.
 */
export function isPlatformOperator(operators: readonly string[], email: string | undefined): boolean {
  return !!email && operators.includes(email.trim().toLowerCase());
}
