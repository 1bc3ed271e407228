import { createContext, useContext } from 'react';

/**
 * The break-the-glass reason the dossier was opened with (a coordinator outside their own
 * locations): every call of the plan screens sends it along, so none of them asks again.
 */
export const ReasonContext = createContext<string | undefined>(undefined);
export const useReason = () => useContext(ReasonContext);
