import type { PropsWithChildren } from 'react';
import './app.scss';

/** The pages are the children; the session lives in storage (services/session.ts), not in React state. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
