// What every surface's hostile tests ask of a refusal, and of a case's text, in one place.
import { visit } from 'jsonc-parser';
import { ScenarioError } from '../../src/engine/index';

/** Whether some object in the JSON text has a key twice (JSON.parse would keep the last one silently). */
export function hasDuplicateKeys(text: string): boolean {
  const open: Set<string>[] = [];
  let duplicate = false;
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key) => {
      const keys = open[open.length - 1];
      if (keys.has(key)) duplicate = true;
      keys.add(key);
    },
  });
  return duplicate;
}

/**
 * Whether `error` is a refusal naming `field` in its message: the field itself or a part of it
 * (start[0] is a part of start, optimizer.lr of optimizer).
 */
export function namesField(error: unknown, field: string): boolean {
  if (!(error instanceof ScenarioError)) return false;
  const within = error.field === field || error.field.startsWith(`${field}[`) || error.field.startsWith(`${field}.`);
  return within && error.message.includes(error.field);
}
