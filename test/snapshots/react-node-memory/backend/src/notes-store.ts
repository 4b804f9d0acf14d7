export interface Note {
  id: string;
  text: string;
  createdAt: Date;
}

export interface NotesStore {
  list(userId: string): Note[];
  add(userId: string, text: string): Note;
}

/** Keeps each user's notes apart; nothing is shared between user ids. */
export function createNotesStore(maxPerUser = 100): NotesStore {
  const byUser = new Map<string, Note[]>();
  return {
    list: (userId) => [...(byUser.get(userId) ?? [])],
    add(userId, text) {
      const note: Note = { id: crypto.randomUUID(), text, createdAt: new Date() };
      const list = [note, ...(byUser.get(userId) ?? [])].slice(0, maxPerUser);
      byUser.set(userId, list);
      return note;
    },
  };
}
