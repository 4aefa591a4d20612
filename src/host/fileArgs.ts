// Validation for the file commands' inputs: scenario file text and command arguments (Uris, formats).
import * as vscode from 'vscode';

export interface ExportTarget {
  readonly uri: vscode.Uri;
  readonly overwrite: boolean;
}

export class FileInputError extends Error {}

/** A Uri argument (a Uri, or a string URI / absolute path from a script). */
export function uriArg(arg: unknown, what: string): vscode.Uri {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return arg.startsWith('/') ? vscode.Uri.file(arg) : vscode.Uri.parse(arg, true);
  throw new FileInputError(`expected ${what} as a Uri or path, got ${JSON.stringify(arg) ?? String(arg)}`);
}

/** { format?, uri?, overwrite? } for the export commands; every field optional. */
export function exportFormatArg<F extends string>(
  arg: unknown,
  formats: readonly F[],
): { format: F | undefined; target: ExportTarget | undefined } {
  if (arg === undefined) return { format: undefined, target: undefined };
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    throw new FileInputError(`expected { format, uri, overwrite } as the argument, got ${JSON.stringify(arg)}`);
  }
  const o = arg as Record<string, unknown>;
  const unknownKey = Object.keys(o).find((k) => !['format', 'uri', 'overwrite'].includes(k));
  if (unknownKey) throw new FileInputError(`unknown argument field ${unknownKey} (allowed: format, uri, overwrite)`);
  if (o.format !== undefined && !(formats as readonly unknown[]).includes(o.format)) {
    throw new FileInputError(`format must be ${formats.map((f) => `"${f}"`).join(' or ')}, got ${JSON.stringify(o.format)}`);
  }
  if (o.overwrite !== undefined && typeof o.overwrite !== 'boolean') throw new FileInputError('overwrite must be true or false');
  return {
    format: o.format as F | undefined,
    target: o.uri === undefined ? undefined : { uri: uriArg(o.uri, 'uri'), overwrite: o.overwrite === true },
  };
}
