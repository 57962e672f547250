import { createContext, useContext } from 'react';
import type { Store } from './index';
import type { State } from './types';

export const StoreContext = createContext<Store | null>(null);

/** Reads a slice of the one store; re-renders only when the selected value changes. */
export function useAppStore<T>(selector: (state: State) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore is used outside its StoreContext provider.');
  return store(selector);
}
