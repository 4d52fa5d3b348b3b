/**
 * What may have changed in the content folder since the last load: anything ('unknown': every record is
 * looked at), or only these files (paths under the content folder, '/'-separated), as a watcher saw them.
 */
export type ContentChanges = 'unknown' | readonly string[];

/** What a load starting now looks at: the turn it starts at, and every record or only the files named. */
export interface LookingAt {
  readonly turn: number;
  /** Whether every record is to be looked at: asked for since a load last did. */
  readonly everyFile: boolean;
  /** The files named since a load last looked at them (record paths and any other). */
  readonly named: readonly string[];
}

/**
 * The changes noted for the loads to come, turn by turn. What was named stays named until a load that looked
 * at it finishes, so a load that fails leaves it to the next; a note made while a load runs is the next one's.
 */
export class NotedChanges {
  /** The files named since a load last looked at them, with the turn each was last named at. */
  private readonly named = new Map<string, number>();
  private turn = 0;
  private everyFileAskedAt = 0;
  private everyFileLookedAt = -1;

  note(changes: ContentChanges): void {
    const turn = (this.turn += 1);
    if (changes === 'unknown') this.everyFileAskedAt = turn;
    else for (const file of changes) this.named.set(file, turn);
  }

  /** What a load starting now is to look at. */
  lookingAt(): LookingAt {
    const { turn } = this;
    return { turn, everyFile: this.everyFileAskedAt > this.everyFileLookedAt, named: [...this.named.keys()] };
  }

  /** The load that started at `turn` finished, having looked at every record or at the files named. */
  looked(turn: number, everyFile: boolean): void {
    if (everyFile) this.everyFileLookedAt = turn;
    for (const [file, at] of this.named) if (at <= turn) this.named.delete(file);
  }
}
