// The part of papaparse's API the CSV reader uses (src/shared/dataFiles.ts), typed here instead of with
// @types/papaparse, whose reference to Node's typings would make Node's globals type-check in this pure
// layer (src/tsconfig.pure.json keeps them out).
declare module 'papaparse' {
  export interface ParseError {
    readonly type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    readonly code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
    readonly message: string;
    /** 0-based row of the error. */
    readonly row?: number;
  }
  export interface ParseStepResult {
    readonly data: string[];
    readonly errors: ParseError[];
  }
  export interface Parser {
    abort(): void;
    /** With `step`: stops after this row; resume() reads on (synchronously, to the next pause or the end). */
    pause(): void;
    resume(): void;
  }
  export interface ParseConfig {
    readonly delimiter?: string;
    readonly newline?: string;
    readonly quoteChar?: string;
    readonly skipEmptyLines?: boolean | 'greedy';
    readonly dynamicTyping?: false;
    readonly header?: false;
    step?(results: ParseStepResult, parser: Parser): void;
  }
  export interface ParseResult {
    readonly errors: ParseError[];
    readonly meta: { readonly aborted: boolean };
  }
  export function parse(text: string, config: ParseConfig): ParseResult;
  const Papa: { readonly parse: typeof parse };
  export default Papa;
}
