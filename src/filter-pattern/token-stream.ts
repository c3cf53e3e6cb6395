import { FilterPatternError } from './errors';
import { describeToken, type Token } from './lexer';

/** A cursor over tokens with one token of look-ahead; every `expect` failure names what it wanted. */
export class TokenStream {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  /** The current token (the final `eof` once the end is reached). */
  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token;
    return this.tokens[this.position + offset] ?? last;
  }

  /** Returns the current token and moves past it. */
  next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  /** Consumes a token of `kind`, or fails with `expected <what> but found <token>`. */
  expect<K extends Token['kind']>(kind: K, what: string): Token & { kind: K } {
    const token = this.peek();
    if (token.kind !== kind) throw unexpected(token, what);
    this.next();
    return token as Token & { kind: K };
  }
}

/** `column 9: expected <what> but found <token>`. */
export function unexpected(token: Token, what: string): FilterPatternError {
  return new FilterPatternError(token.column, `expected ${what} but found ${describeToken(token)}`);
}
