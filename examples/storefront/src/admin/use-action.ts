import { useState } from 'react';
import { errorMessage } from '../format';

/** Runs a back-office action and keeps its failure (the gateway's message) to show beside it. */
export function useAction(): { failure: string | undefined; run: (action: () => Promise<unknown>) => Promise<void> } {
  const [failure, setFailure] = useState<string>();
  const run = async (action: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await action();
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };
  return { failure, run };
}
