/**
 * Strings numbered in order of first appearance, each kept once: a compact encoding for data where the
 * same texts repeat (report rows, events sent between threads), written as the `strings` list and an
 * index into it per use.
 */
export class StringPool {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  /** The string's number, giving it the next one when it is new. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
