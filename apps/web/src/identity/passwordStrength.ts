export type PasswordStrength = 'weak' | 'fair' | 'strong';

/**
 * A hint while typing, not a rule: the server's policy decides (people: at least 8 characters;
 * staff: 12 with three kinds of character).
 */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length;
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) =>
    kind.test(password),
  ).length;
  if (length >= 12 && kinds >= 3) return 'strong';
  if (length >= 8 && kinds >= 2) return 'fair';
  return 'weak';
}
