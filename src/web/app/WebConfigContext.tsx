import { createContext, useContext } from 'react';
import type { WebConfig } from './web-config';

export const WebConfigContext = createContext<WebConfig>({ devLogin: false, oidc: null });
export const useWebConfig = () => useContext(WebConfigContext);
