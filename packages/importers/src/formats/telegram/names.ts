// A group this large is past what resolving names is worth; later names stay unresolved.
const MAX_NAMES = 200_000;

/**
 * Display names seen with an id so far in one chat. The export names inviters, invited and removed
 * members by display name only; a name that has been seen with exactly one id (and no other) stands
 * for that id. A name seen with two ids is ambiguous from then on and never resolved.
 */
export class NameBook {
  private chat: string | null = null;
  private readonly ids = new Map<string, string | null>();

  /** Start over when the chat changes: names are resolved within one chat only. */
  forChat(chatId: string): this {
    if (chatId !== this.chat) {
      this.chat = chatId;
      this.ids.clear();
    }
    return this;
  }

  see(name: unknown, id: string): void {
    if (typeof name !== 'string' || name === '') return;
    const known = this.ids.get(name);
    if (known === undefined) {
      if (this.ids.size < MAX_NAMES) this.ids.set(name, id);
    } else if (known !== null && known !== id) {
      this.ids.set(name, null);
    }
  }

  /** The one id this name was seen with, or null. */
  idOf(name: string): string | null {
    return this.ids.get(name) ?? null;
  }
}
