/** A minimal typed event source: `on` returns its own unsubscribe. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // One broken subscriber must not stop the others or the engine.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
