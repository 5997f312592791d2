// Errors the user caused or can fix (a mistyped option, an output that exists, a missing input): the CLI prints
// them as two lines, Japanese then English, and exits 2. Anything else is a bug and reaches the bin wrapper.
import type { Text } from '../templates/model/types.js';

/** A problem the user can fix, in both languages. `message` is the English text (for logs and tests). */
export class UserError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** Bad usage of a command: printed with a pointer to the command's --help. */
export class UsageError extends UserError {}

/** Both languages of a user error as the CLI prints them: `daicho: <ja>` then `daicho: <en>`. */
export function errorLines(text: Text): string {
  return `daicho: ${text.ja}\ndaicho: ${text.en}\n`;
}
